package dev.varsent.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The configuration as bundles store it: old ones without readout and head still read, and compare
 * equal.
 */
class NetConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConfigWrittenBeforeReadoutsAndHeadsReadsAsLastStateAndGaussian() throws Exception {
        String old =
                "{\"vocabSize\":20000,\"embeddingSize\":128,\"hiddenSize\":128,\"outputs\":1,\"cell\":\"LSTM\","
                        + "\"dropout\":\"VARIATIONAL_UNTIED\",\"pEmbedding\":0.25,\"pInput\":0.25,\"pRecurrent\":0.25,"
                        + "\"pOutput\":0.25,\"weightDecay\":0.001}";
        NetConfig c = JSON.readValue(old, NetConfig.class);
        assertEquals(Readout.LAST, c.readout());
        assertEquals(Head.GAUSSIAN, c.head());
        assertEquals(
                new NetConfig(
                        20000,
                        128,
                        128,
                        1,
                        CellType.LSTM,
                        DropoutMode.VARIATIONAL_UNTIED,
                        0.25,
                        0.25,
                        0.25,
                        0.25,
                        1e-3),
                c,
                "a resumed run compares its saved config with equals");
        NetConfig classifier =
                JSON.readValue(old.replace("\"outputs\":1", "\"outputs\":2"), NetConfig.class);
        assertEquals(Head.SOFTMAX, classifier.head());
    }

    @Test
    void readoutAndHeadSurviveTheRoundTrip() throws Exception {
        NetConfig c =
                new NetConfig(
                        50,
                        8,
                        16,
                        2,
                        CellType.GRU,
                        DropoutMode.NAIVE,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0,
                        Readout.MEAN_MAX,
                        Head.HETEROSCEDASTIC);
        assertEquals(c, JSON.readValue(JSON.writeValueAsString(c), NetConfig.class));
    }

    @Test
    void thePaperRegularisationPerDropoutMode() {
        NetConfig variational = NetConfig.paper(100, CellType.LSTM, DropoutMode.VARIATIONAL_UNTIED);
        assertEquals(0.25, variational.pRecurrent());
        assertEquals(1e-3, variational.weightDecay());
        NetConfig naive = NetConfig.paper(100, CellType.LSTM, DropoutMode.NAIVE);
        assertEquals(0.5, naive.pInput());
        assertEquals(0.5, naive.pOutput());
        assertEquals(0, naive.weightDecay());
        NetConfig standard = NetConfig.paper(100, CellType.GRU, DropoutMode.NONE);
        assertEquals(0, standard.pInput());
        assertEquals(1e-4, standard.weightDecay());
        assertEquals(Readout.LAST, standard.readout());
    }

    @Test
    void aHeadMustFitTheOutputCount() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new NetConfig(
                                50,
                                8,
                                16,
                                1,
                                CellType.LSTM,
                                DropoutMode.NONE,
                                0,
                                0,
                                0,
                                0,
                                0,
                                Readout.MEAN,
                                Head.HETEROSCEDASTIC));
    }
}
