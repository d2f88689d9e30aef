package dev.varsent.blend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.baseline.BagOfWords;
import dev.varsent.baseline.RidgeRegression;
import dev.varsent.bundle.Provenance;
import dev.varsent.predict.Prediction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WideBlendTest {
    static final Provenance PROVENANCE =
            new Provenance(
                    "test reviews",
                    "0".repeat(64),
                    1,
                    0,
                    "unknown",
                    Instant.parse("2026-01-01T00:00:00Z"),
                    "test",
                    Map.of("weight", 0.75),
                    Map.of("selection", "test half"));

    /**
     * Words good, bad, movie with weights 0.3, -0.3, 0.1, intercept 0.5; network weight 0.75, bias
     * 0.02.
     */
    static WideBlend blend() {
        return new WideBlend(
                BagOfWords.of(List.of("good", "bad", "movie")),
                new RidgeRegression.Model(new double[] {0.3, -0.3, 0.1}, 0.5, 3),
                1.0,
                0.75,
                0.02,
                0.5,
                PROVENANCE);
    }

    @Test
    void theRidgeScoresUnitNormBinaryRows() {
        double[] r =
                blend().ridgeScores(
                                List.of(
                                        List.of("good", "movie", "good"),
                                        List.of("bad"),
                                        List.of(),
                                        List.of("the", "plot")));
        assertEquals(0.5 + (0.3 + 0.1) / Math.sqrt(2), r[0], 1e-12);
        assertEquals(0.2, r[1], 1e-12);
        assertEquals(0.5, r[2]);
        assertEquals(0.5, r[3]);
    }

    @Test
    void theBlendScalesTheSpreadByTheNetworksWeightAndRecomputesTheTotal() {
        Prediction deep =
                new Prediction(
                        0.7,
                        0.1,
                        0.2,
                        null,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        10,
                        3,
                        true,
                        0.05,
                        0.1,
                        0.9,
                        0.9,
                        0.3,
                        0.4,
                        0.5);
        Prediction p = blend().combine(deep, 0.3);
        assertEquals(0.75 * 0.7 + 0.25 * 0.3 + 0.02, p.score(), 1e-12); // 0.62
        assertEquals(0.075, p.epistemicStd(), 1e-12);
        assertEquals(0.0375, p.segmentStd(), 1e-12);
        assertEquals(0.1, p.aleatoricStd(), 1e-12);
        assertEquals(0.125, p.totalStd(), 1e-12);
        assertEquals(10, p.samples());
        assertEquals(3, p.segments());
        assertTrue(p.truncated());
        assertEquals(0.4, p.novelty());
        // the network's interval, risk and calibrated std do not describe the blend: left to its
        // calibration
        for (double v :
                new double[] {
                    p.lower(),
                    p.upper(),
                    p.intervalLevel(),
                    p.wrongSideProbability(),
                    p.calibratedStd()
                }) {
            assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void aClassificationPredictionIsRefused() {
        Prediction cls =
                new Prediction(0.6, 0.1, Double.NaN, new double[] {0.4, 0.6}, 0.67, 0.01, 0.1, 5);
        assertMessage(
                IllegalArgumentException.class, () -> blend().combine(cls, 0.5), "regression head");
    }

    @Test
    void anInconsistentBlendIsRefused() {
        BagOfWords words = BagOfWords.of(List.of("good", "bad"));
        RidgeRegression.Model two = new RidgeRegression.Model(new double[] {0.1, 0.2}, 0.5, 1);
        assertMessage(
                IllegalArgumentException.class,
                () ->
                        new WideBlend(
                                words,
                                new RidgeRegression.Model(new double[] {0.1}, 0.5, 1),
                                1,
                                0.5,
                                0,
                                1,
                                PROVENANCE),
                "1 weights for 2 words");
        assertMessage(
                IllegalArgumentException.class,
                () -> new WideBlend(words, two, 1, 1.5, 0, 1, PROVENANCE),
                "[0, 1]");
        assertMessage(
                IllegalArgumentException.class,
                () -> new WideBlend(words, two, 0, 0.5, 0, 1, PROVENANCE),
                "lambda");
        assertMessage(
                IllegalArgumentException.class,
                () -> new WideBlend(words, two, 1, 0.5, Double.NaN, 1, PROVENANCE),
                "bias");
        assertMessage(
                IllegalArgumentException.class,
                () -> BagOfWords.of(List.of("good", "good")),
                "repeat");
    }

    private static void assertMessage(
            Class<? extends Throwable> type,
            org.junit.jupiter.api.function.Executable call,
            String part) {
        String message = assertThrows(type, call).getMessage();
        assertTrue(message.contains(part), () -> "'" + message + "' does not say '" + part + "'");
    }
}
