package dev.varsent.bundle;

import static dev.varsent.bundle.BundleFixtures.JSON;
import static dev.varsent.bundle.BundleFixtures.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleContentsTest {

    @Test
    void jsonTreesAreHeldAsAReaderWillSeeThem() throws IOException {
        ObjectNode hyper = JSON.createObjectNode();
        hyper.put("dropout", 0.25f);
        hyper.put("hidden", 256L);
        BundleContents c = with(sample(), hyper);
        hyper.put("dropout", 0.5f);

        assertTrue(c.hyperParameters().get("dropout").isDouble());
        assertEquals(
                0.25,
                c.hyperParameters().get("dropout").doubleValue(),
                "a copy, not the caller's tree");
        assertEquals(c, BundleFile.read(new ByteArrayInputStream(BundleFixtures.bytes(c))));
    }

    @Test
    void hyperParametersThatAreNotJsonAreRejectedUpFront() {
        ObjectNode hyper = JSON.createObjectNode();
        hyper.set("optimizer", new POJONode(new Object()));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> with(sample(), hyper));
        assertTrue(
                e.getMessage().startsWith("hyperParameters cannot be written as JSON: "),
                e.getMessage());
    }

    @Test
    void theBundleCannotBeChangedThroughItsAccessors() {
        BundleContents c = sample();
        c.tensors().remove("embedding");
        c.hyperParameters().put("hiddenSize", 1);
        c.tokenizer().removeAll();
        assertTrue(c.tensors().containsKey("embedding"));
        assertEquals(8, c.hyperParameters().get("hiddenSize").intValue());
        assertEquals(sample().tokenizer(), c.tokenizer());
        assertThrows(UnsupportedOperationException.class, () -> c.vocabulary().add("new"));
    }

    @Test
    void missingTensorsAreNamedInTheError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> sample().tensor("gru.W"));
        assertEquals(
                "bundle imdb-2024-05-02T13:14:15Z has no tensor 'gru.W'; it has "
                        + "[embedding, lstm.W, special, empty, bias]",
                e.getMessage());
    }

    @Test
    void nullVocabularyEntriesAndBlankVersionsAreRejected() {
        BundleContents s = sample();
        IllegalArgumentException nullToken =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new BundleContents(
                                        "v",
                                        s.hyperParameters(),
                                        s.tokenizer(),
                                        s.provenance(),
                                        Arrays.asList("a", null),
                                        s.tensors()));
        assertEquals("vocabulary entry 1 is null", nullToken.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new BundleContents(
                                " ",
                                s.hyperParameters(),
                                s.tokenizer(),
                                s.provenance(),
                                List.of(),
                                new LinkedHashMap<>()));
    }

    @Test
    void toStringLeavesOutVocabularyAndData() {
        String text = sample().toString();
        assertTrue(text.contains("vocabulary=6 tokens"), text);
        assertTrue(text.contains("embedding=Tensor[5, 3](15 floats)"), text);
        assertFalse(text.contains("ünïcödé\","), text);
    }

    private static BundleContents with(BundleContents c, ObjectNode hyperParameters) {
        return c.withHyperParameters(hyperParameters);
    }
}
