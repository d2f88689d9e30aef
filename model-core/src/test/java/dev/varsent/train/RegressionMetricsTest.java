package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varsent.predict.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
    private static Prediction p(double score, double std, double aleatoric) {
        return new Prediction(score, std, aleatoric, null, Double.NaN, Double.NaN, Double.NaN, 10);
    }

    @Test
    void rmseAndCoverageWithAndWithoutTheAleatoricTerm() {
        List<Prediction> preds = List.of(p(0.5, 0.01, 0.1), p(0.5, 0.01, 0.1), p(0.9, 0.3, 0.1));
        double[] y = {0.6, 0.5, 0.2};
        assertEquals(Math.sqrt((0.01 + 0 + 0.49) / 3), RegressionMetrics.rmse(preds, y), 1e-12);
        // The first: |0.1| <= 1.96 * sqrt(0.01^2 + 0.1^2), inside with the noise, outside with the
        // MC std alone;
        // the second is exact; the third (error 0.7) is outside either way.
        assertEquals(1.0 / 3, RegressionMetrics.coverage95(preds, y, false), 1e-12);
        assertEquals(2.0 / 3, RegressionMetrics.coverage95(preds, y, true), 1e-12);
    }

    @Test
    void aurocCountsTiesAsHalfAndIsUndefinedWithOneClass() {
        assertEquals(
                1.0,
                RegressionMetrics.auroc(
                        new double[] {0.1, 0.2, 0.9}, new boolean[] {false, false, true}),
                1e-12);
        assertEquals(
                0.5,
                RegressionMetrics.auroc(new double[] {0.5, 0.5}, new boolean[] {false, true}),
                1e-12);
        assertEquals(
                0.0,
                RegressionMetrics.auroc(new double[] {0.9, 0.1}, new boolean[] {false, true}),
                1e-12);
        assertEquals(
                Double.NaN,
                RegressionMetrics.auroc(new double[] {0.9, 0.1}, new boolean[] {true, true}));
    }

    @Test
    void theUncertaintyOfTheWorstErrorsIsWhatTheDetectorScores() {
        // Five predictions; the worst error (index 4) carries the largest std: a perfect detector.
        List<Prediction> preds =
                List.of(
                        p(0.5, 0.01, 0),
                        p(0.5, 0.02, 0),
                        p(0.5, 0.03, 0),
                        p(0.5, 0.04, 0),
                        p(0.5, 0.5, 0));
        double[] y = {0.5, 0.51, 0.52, 0.53, 0.9};
        assertEquals(
                1.0,
                RegressionMetrics.errorDetectionAuroc(preds, y, UncertaintySignals.EPISTEMIC_STD),
                1e-12);
    }
}
