package dev.varsent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.predict.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentMixtureTest {

    @Test
    void regressionIsTheEqualWeightMixtureOfAllSegmentsAndSamples() {
        // K = 2: segment A samples {0.2, 0.4} (noise var 0.01), segment B samples {0.7, 0.9} (noise
        // var 0.04).
        float[] y = {0.2f, 0.4f, 0.7f, 0.9f};
        List<Prediction> segs = McSummary.regression(y, 2, 2, 0.0, 1.0, Double.NaN);
        segs = List.of(withNoise(segs.get(0), 0.1), withNoise(segs.get(1), 0.2));
        Prediction p = SegmentMixture.combine(segs, true);
        // By hand over the four samples: mean 0.55; variance ((0.35^2 + 0.15^2) * 2) / 4 = 0.0725.
        assertEquals(0.55, p.score(), 1e-6);
        assertEquals(Math.sqrt(0.0725), p.std(), 1e-6);
        assertEquals(Math.sqrt((0.01 + 0.04) / 2), p.aleatoricStd(), 1e-9);
        // Segment means 0.3 and 0.8: std 0.25.
        assertEquals(0.25, p.segmentStd(), 1e-6);
        assertEquals(2, p.segments());
        assertEquals(2, p.samples());
        assertTrue(p.truncated());
    }

    @Test
    void withoutANoiseEstimateTheAleatoricStdStaysUnknown() {
        List<Prediction> segs =
                McSummary.regression(new float[] {0.1f, 0.3f, 0.5f}, 3, 1, 0.0, 1.0, Double.NaN);
        Prediction p = SegmentMixture.combine(segs, false);
        assertTrue(Double.isNaN(p.aleatoricStd()));
        assertEquals(0.3, p.score(), 1e-6);
        assertEquals(
                Math.sqrt(0.08 / 3), p.std(), 1e-6, "K = 1: all the spread is between segments");
        assertFalse(p.truncated());
    }

    @Test
    void classificationAveragesProbabilitiesAndSplitsEntropyIntoItsParts() {
        // Two segments, two samples each, two classes: logits chosen so that the probabilities are
        // simple.
        double a = Math.log(3), b = Math.log(1.0 / 3);
        float[] logits = {0, (float) a, 0, (float) a, 0, (float) b, 0, 0};
        List<Prediction> segs = McSummary.classification(logits, 2, 2, 2);
        Prediction p = SegmentMixture.combine(segs, false);
        // Samples' P(pos): 0.75, 0.75, 0.25, 0.5: mean 0.5625.
        assertEquals(0.5625, p.score(), 1e-6);
        assertEquals(0.5625, p.probabilities()[1], 1e-6);
        double h = -(0.5625 * Math.log(0.5625) + 0.4375 * Math.log(0.4375));
        assertEquals(h, p.entropy(), 1e-6);
        double expected = (2 * entropy(0.75) + entropy(0.25) + entropy(0.5)) / 4;
        assertEquals(h - expected, p.mutualInformation(), 1e-6);
        double var = (0.75 * 0.75 * 2 + 0.0625 + 0.25) / 4 - 0.5625 * 0.5625;
        assertEquals(Math.sqrt(var), p.std(), 1e-6);
        assertEquals(0.1875, p.segmentStd(), 1e-6, "segment means 0.75 and 0.375");
    }

    private static double entropy(double q) {
        return -(q * Math.log(q) + (1 - q) * Math.log(1 - q));
    }

    private static Prediction withNoise(Prediction p, double aleatoric) {
        return new Prediction(
                p.score(),
                p.std(),
                aleatoric,
                null,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                p.samples());
    }
}
