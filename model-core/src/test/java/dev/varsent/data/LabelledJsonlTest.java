package dev.varsent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledJsonlTest {

    @TempDir Path dir;

    @Test
    void readsRatingRecords() throws IOException {
        Path file =
                write(
                        """
                {"id": "r1", "text": "A fine film.", "rating": 0.8}

                {"id": 17, "text": "Dull.", "rating": 0, "source": "ignored"}
                   \t
                {"text": "Perfect", "rating": 1, "id": "r3"}
                """);
        List<LabelledReview> reviews = LabelledJsonl.read(file);
        assertEquals(
                List.of(
                        LabelledReview.regression("r1", "A fine film.", 0.8),
                        LabelledReview.regression("17", "Dull.", 0.0),
                        LabelledReview.regression("r3", "Perfect", 1.0)),
                reviews);
        assertFalse(reviews.get(0).isClassification());
        assertNull(reviews.get(0).label());
    }

    @Test
    void readsLabelRecords() throws IOException {
        Path file =
                write(
                        "\uFEFF{\"id\": \"a\", \"text\": \"loved it\", \"label\": \"pos\"}\n"
                                + "{\"id\": \"b\", \"text\": \"hated it\", \"label\": \"NEG\"}\n"
                                + "{\"id\": \"c\", \"text\": \"great\", \"label\": \"Pos\"}");
        List<LabelledReview> reviews = LabelledJsonl.read(file);
        assertEquals(3, reviews.size());
        assertEquals(List.of(1, 0, 1), reviews.stream().map(LabelledReview::label).toList());
        assertTrue(
                reviews.stream().allMatch(r -> r.isClassification() && Double.isNaN(r.rating())));
        assertEquals("a", reviews.get(0).id());
        assertEquals("hated it", reviews.get(1).text());
    }

    @Test
    void emptyFileHasNoReviews() throws IOException {
        assertEquals(List.of(), LabelledJsonl.read(write("\n  \n")));
    }

    @Test
    void reportsMalformedJson() throws IOException {
        assertError(
                """
                {"id": "a", "text": "ok", "rating": 0.5}
                {"id": "b", "text": "oops", "rating": 0.5
                """,
                2,
                "malformed JSON");
        assertError(
                "{\"id\": \"a\", \"text\": \"x\", \"rating\": 0.5} trailing", 1, "malformed JSON");
        assertError(
                "{\"id\": \"a\", \"id\": \"b\", \"text\": \"x\", \"rating\": 0.5}",
                1,
                "malformed JSON");
        assertError("[1, 2]", 1, "expected a JSON object");
    }

    @Test
    void reportsMissingIdOrText() throws IOException {
        String good = "{\"id\": \"a\", \"text\": \"ok\", \"rating\": 0.5}\n";
        assertError(good + "{\"text\": \"no id\", \"rating\": 0.5}", 2, "missing \"id\"");
        assertError(
                good + good.replace("\"a\"", "\"b\"") + "{\"id\": \"c\", \"rating\": 0.5}",
                3,
                "missing \"text\"");
        assertError("{\"id\": \"a\", \"text\": null, \"rating\": 0.5}", 1, "missing \"text\"");
        assertError(
                "{\"id\": \"a\", \"text\": 5, \"rating\": 0.5}", 1, "\"text\" must be a string");
        assertError("{\"id\": \"a\", \"text\": \"  \", \"rating\": 0.5}", 1, "\"text\" is empty");
        assertError("{\"id\": \"\", \"text\": \"x\", \"rating\": 0.5}", 1, "\"id\" is empty");
        assertError(
                "{\"id\": 1.5, \"text\": \"x\", \"rating\": 0.5}",
                1,
                "\"id\" must be a string or an integer");
    }

    @Test
    void reportsBadRatings() throws IOException {
        assertError(
                "{\"id\": \"a\", \"text\": \"x\", \"rating\": 1.2}",
                1,
                "\"rating\" 1.2 is outside [0,1]");
        assertError("\n\n{\"id\": \"a\", \"text\": \"x\", \"rating\": -0.1}", 3, "outside [0,1]");
        assertError(
                "{\"id\": \"a\", \"text\": \"x\", \"rating\": \"0.5\"}",
                1,
                "\"rating\" must be a number");
        assertError(
                "{\"id\": \"a\", \"text\": \"x\", \"rating\": null}",
                1,
                "\"rating\" must be a number");
    }

    @Test
    void reportsUnknownLabels() throws IOException {
        assertError(
                """
                {"id": "a", "text": "x", "label": "pos"}
                {"id": "b", "text": "y", "label": "positive"}
                """,
                2,
                "unknown \"label\" \"positive\"");
        assertError("{\"id\": \"a\", \"text\": \"x\", \"label\": 1}", 1, "unknown \"label\" 1");
    }

    @Test
    void reportsRecordsWithBothOrNeitherTarget() throws IOException {
        assertError(
                "{\"id\": \"a\", \"text\": \"x\", \"label\": \"pos\", \"rating\": 1}",
                1,
                "both \"rating\" and \"label\"");
        assertError("{\"id\": \"a\", \"text\": \"x\"}", 1, "missing \"rating\"");
    }

    @Test
    void reportsMixedKinds() throws IOException {
        String message =
                assertError(
                        """

                {"id": "a", "text": "x", "rating": 0.5}
                {"id": "b", "text": "y", "rating": 0.7}
                {"id": "c", "text": "z", "label": "neg"}
                """,
                        4,
                        "label record in a file of rating records");
        assertTrue(message.contains("first at line 2"), message);
        assertError(
                """
                {"id": "a", "text": "x", "label": "neg"}
                {"id": "b", "text": "y", "rating": 0.7}
                """,
                2,
                "rating record in a file of label records");
    }

    @Test
    void reportsRepeatedIds() throws IOException {
        assertError(
                """
                {"id": "a", "text": "x", "rating": 0.5}
                {"id": "a", "text": "y", "rating": 0.7}
                """,
                2,
                "id 'a' already used at line 1");
    }

    @Test
    void reportsUnreadableFiles() {
        Path missing = dir.resolve("missing.jsonl");
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> LabelledJsonl.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    /**
     * Asserts that reading {@code content} fails naming the file, {@code line} and {@code what};
     * returns the message.
     */
    private String assertError(String content, int line, String what) throws IOException {
        Path file = write(content);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LabelledJsonl.read(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file + " line " + line + ": "), message);
        assertTrue(message.contains(what), message);
        return message;
    }

    private Path write(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "labelled", ".jsonl"), content);
    }
}
