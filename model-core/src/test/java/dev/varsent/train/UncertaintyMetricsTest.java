package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.predict.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncertaintyMetricsTest {

    /**
     * A one-segment regression prediction with the given spreads and decision risk, without an
     * interval.
     */
    private static Prediction p(
            double score,
            double epistemic,
            double aleatoric,
            double segmentStd,
            double wrongSide,
            double novelty) {
        return new Prediction(
                score,
                epistemic,
                aleatoric,
                null,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                10,
                1,
                false,
                segmentStd,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                wrongSide,
                novelty);
    }

    private static Prediction p(double score, double totalStd) {
        return p(score, 0, totalStd, 0, 0.1, 0);
    }

    private static void assertKeys(Map<String, Double> m, String... keys) {
        assertTrue(
                m.keySet().containsAll(List.of(keys)),
                () -> "missing some of " + List.of(keys) + " in " + m.keySet());
    }

    @Test
    void normalQuantilesMatchTheTables() {
        assertEquals(1.959964, NormalQuantile.central(0.95), 1e-6);
        assertEquals(1.644854, NormalQuantile.central(0.9), 1e-6);
        assertEquals(0.674490, NormalQuantile.central(0.5), 1e-6);
        assertEquals(-2.326348, NormalQuantile.of(0.01), 1e-6);
        assertEquals(3.090232, NormalQuantile.of(0.999), 1e-6);
    }

    @Test
    void coverageCountsRatingsWithinZTimesTheTotalStd() {
        // total std 0.1: the 50 % half-width is 0.0674, the 95 % one 0.196
        List<Prediction> preds = List.of(p(0.5, 0.1), p(0.5, 0.1), p(0.5, 0.1), p(0.5, 0.1));
        double[] y = {0.5, 0.56, 0.6, 0.8};
        IntervalRule rule = IntervalRule.gaussianTotalStd();
        assertEquals(0.5, UncertaintyMetrics.coverage(preds, y, rule, 0.5));
        assertEquals(0.75, UncertaintyMetrics.coverage(preds, y, rule, 0.95));
        assertEquals(2 * 1.644854 * 0.1, UncertaintyMetrics.meanWidth(preds, rule, 0.9), 1e-6);
        // the MC std alone is 0: only the exact rating is covered
        assertEquals(
                0.25,
                UncertaintyMetrics.coverage(preds, y, IntervalRule.gaussianEpistemicStd(), 0.95));
    }

    @Test
    void labelConsistentCoverageAsksWhetherTheIntervalReachesTheLabelledSide() {
        // threshold 0.5, 90 % half-width 0.1645
        List<Prediction> preds = List.of(p(0.6, 0.1), p(0.4, 0.1), p(0.4, 0.1), p(0.9, 0.1));
        boolean[] positive = {true, true, false, false};
        // 1: on the positive side; 2: 0.4 + 0.16 reaches above 0.5; 3: on the negative side;
        // 4: 0.9 - 0.16 stays above 0.5, a confident wrong call
        assertEquals(
                0.75,
                UncertaintyMetrics.labelConsistentCoverage(
                        preds, positive, 0.5, IntervalRule.gaussianTotalStd(), 0.9));
        // at 50 % (half-width 0.067) the second no longer reaches the positive side
        assertEquals(
                0.5,
                UncertaintyMetrics.labelConsistentCoverage(
                        preds, positive, 0.5, IntervalRule.gaussianTotalStd(), 0.5));
    }

    @Test
    void decisionCalibrationErrorIsZeroWhenTheWrongShareMatchesTheProbability() {
        double[] risk = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.45, 0.45};
        boolean[] wrong = {
            true, false, false, false, false, false, false, false, false, false, true, false
        };
        // bin of 0.1: 1 wrong in 10 = 0.1; bin of 0.45: 1 in 2 = 0.5, a gap of 0.05 for 2 of 12
        // reviews
        assertEquals(
                0.05 * 2 / 12, UncertaintyMetrics.decisionCalibrationError(risk, wrong), 1e-12);
        assertEquals(
                0.9,
                UncertaintyMetrics.decisionCalibrationError(
                        new double[] {0.1, 0.1}, new boolean[] {true, true}),
                1e-12);
        assertTrue(
                Double.isNaN(
                        UncertaintyMetrics.decisionCalibrationError(
                                new double[] {Double.NaN}, new boolean[] {true})));
    }

    @Test
    void aSignalTheModelDoesNotHaveHasNoAuroc() {
        assertTrue(
                Double.isNaN(
                        UncertaintyMetrics.detectionAuroc(
                                new double[] {0.1, Double.NaN}, new boolean[] {true, false})));
        assertEquals(
                1.0,
                UncertaintyMetrics.detectionAuroc(
                        new double[] {0.1, 0.2}, new boolean[] {false, true}));
    }

    @Test
    void ratingFiguresJudgeEverySignalOnTheWorstErrors() {
        // ten reviews; the last two have the largest errors (the worst 20 %). The aleatoric std and
        // the
        // novelty point at them, the epistemic std points away, the segment std is the same
        // everywhere.
        double[] y = new double[10];
        Prediction[] preds = new Prediction[10];
        for (int i = 0; i < 10; i++) {
            boolean bad = i >= 8;
            y[i] = bad ? 0.9 : 0.52;
            // scores below the 0.5 threshold for the bad ones: wrong calls, with a high wrong-side
            // probability
            double score = bad ? 0.45 : 0.5 + 0.01 * (i + 1);
            preds[i] =
                    p(
                            score,
                            bad ? 0.01 : 0.05,
                            bad ? 0.3 : 0.05,
                            0.02,
                            bad ? 0.45 : 0.2,
                            bad ? 2 : 0);
        }
        Map<String, Double> m =
                EvaluationMetrics.ratings(List.of(preds), y, 0.5, IntervalRule.gaussianTotalStd());
        assertEquals(1.0, m.get("auroc_worst_20pct_aleatoric_std"));
        assertEquals(1.0, m.get("auroc_worst_20pct_total_std"));
        assertEquals(1.0, m.get("auroc_worst_20pct_novelty"));
        assertEquals(0.0, m.get("auroc_worst_20pct_epistemic_std"));
        assertEquals(0.5, m.get("auroc_worst_20pct_segment_std"));
        assertEquals(1.0, m.get("auroc_worst_20pct_wrong_side_probability"));
        assertEquals(0.8, m.get("accuracy_mc"));
        assertEquals(1.0, m.get("auroc_uncertainty_flags_errors"));
        assertEquals(0.0, m.get("auroc_mc_std_flags_errors"));
        assertEquals(0.042, m.get("mean_mc_std"), 1e-12);
        assertEquals(0.4, m.get("mean_novelty"), 1e-12);
        assertEquals(0.0, m.get("calibrated"));
        assertKeys(
                m,
                "coverage_50",
                "coverage_80",
                "coverage_90",
                "coverage_95",
                "interval_width_90",
                "mean_uncertainty",
                "auroc_uncertainty_worst_20pct",
                "decision_calibration_error");
        // the good ones miss by at most 0.09 against a 95 % half-width of 1.96 * 0.0707: all
        // covered;
        // the bad ones miss by 0.45 against 1.96 * 0.3002 = 0.588: covered too
        assertEquals(1.0, m.get("coverage_95"));
    }

    @Test
    void labelFiguresJudgeTheWrongSideProbabilityOnTheWrongCalls() {
        // threshold 0.5; reviews 0-2 right with low risk, 3 wrong with high risk, 4 wrong with low
        // risk
        List<Prediction> preds =
                List.of(
                        p(0.8, 0.05, 0.1, 0, 0.01, 0),
                        p(0.2, 0.05, 0.1, 0, 0.02, 0),
                        p(0.7, 0.2, 0.1, 0, 0.05, 0),
                        p(0.55, 0.01, 0.1, 0, 0.4, 0),
                        p(0.1, 0.01, 0.1, 0, 0.03, 0));
        boolean[] positive = {true, false, true, false, true};
        Map<String, Double> m =
                EvaluationMetrics.labels(preds, positive, 0.5, IntervalRule.gaussianTotalStd());
        assertEquals(0.6, m.get("accuracy_mc"));
        // wrong: 3 and 4; risks 0.4 and 0.03 against 0.01, 0.02, 0.05 -> (3 + 2) / 6
        assertEquals(5.0 / 6, m.get("auroc_uncertainty_flags_errors"), 1e-12);
        assertEquals(5.0 / 6, m.get("auroc_wrong_calls_wrong_side_probability"), 1e-12);
        // MC stds of the wrong calls (0.01, 0.01) are below every right call's
        assertEquals(0.0, m.get("auroc_mc_std_flags_errors"));
        assertKeys(
                m,
                "coverage_50",
                "coverage_80",
                "coverage_90",
                "coverage_95",
                "interval_width_90",
                "mean_uncertainty",
                "decision_calibration_error");
        // only review 4 (0.1 + 1.645 * 0.1 < 0.5) misses the positive side at 90 %
        assertEquals(0.8, m.get("coverage_90"));
    }

    @Test
    void theReliabilityDiagramPlotsObservedAgainstNominalCoverage(@TempDir Path dir)
            throws Exception {
        List<Prediction> preds = List.of(p(0.5, 0.1), p(0.5, 0.1), p(0.5, 0.1), p(0.5, 0.1));
        double[] y = {0.5, 0.56, 0.6, 0.8};
        ReliabilityDiagram d =
                ReliabilityDiagram.ofRatings(
                        "hand-made", preds, y, IntervalRule.gaussianTotalStd());
        assertArrayEquals(
                IntervalRule.ANY_LEVELS.stream().mapToDouble(Double::doubleValue).toArray(),
                d.nominal());
        assertEquals(0.5, d.observed()[4]); // the 50 % level
        assertEquals(0.75, d.observed()[9]); // the 95 % level
        assertTrue(java.util.Arrays.stream(d.mcStdOnly()).allMatch(v -> v == 0.25));
        Path png = dir.resolve("reliability.png");
        d.writePng(png);
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(
                new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
    }
}
