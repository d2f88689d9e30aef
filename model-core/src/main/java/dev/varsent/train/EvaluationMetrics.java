package dev.varsent.train;

import dev.varsent.predict.Prediction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures {@code evaluate} reports from review-level predictions, for rating data and for
 * pos/neg data alike: interval coverage at {@link #LEVELS}, the 90 % interval width, the mean
 * uncertainty, the AUROC of every {@link UncertaintySignals signal} for flagging the errors, and
 * the decision's figures (accuracy of the pos/neg call, the AUROC of the wrong-side probability for
 * flagging wrong calls beside the raw MC std's, and how well that probability is calibrated).
 */
public final class EvaluationMetrics {
    /** Nominal levels of the reported coverages ({@code coverage_50} ... {@code coverage_95}). */
    public static final List<Double> LEVELS = List.of(0.5, 0.8, 0.9, 0.95);

    /** Level of the reported interval width. */
    public static final double WIDTH_LEVEL = 0.9;

    private EvaluationMetrics() {}

    /**
     * Rating data: errors are the worst {@link RegressionMetrics#WORST_FRACTION} absolute errors;
     * the pos/neg truth of the decision figures is a rating above {@code threshold}.
     */
    public static Map<String, Double> ratings(
            List<Prediction> mc, double[] ratings, double threshold, IntervalRule rule) {
        Map<String, Double> out = new LinkedHashMap<>();
        boolean regression = !mc.get(0).isClassification();
        if (regression) {
            for (double level : LEVELS) {
                out.put(coverageKey(level), UncertaintyMetrics.coverage(mc, ratings, rule, level));
            }
            out.put(
                    "coverage_95_mc_std_only",
                    UncertaintyMetrics.coverage(
                            mc, ratings, IntervalRule.gaussianEpistemicStd(), 0.95));
            out.put(widthKey(), UncertaintyMetrics.meanWidth(mc, rule, WIDTH_LEVEL));
            out.put("calibrated", rule.calibrated() ? 1.0 : 0.0);
        }
        means(out, mc);
        boolean[] worst = RegressionMetrics.worstErrors(mc, ratings);
        for (UncertaintySignals s : UncertaintySignals.values()) {
            out.put(
                    "auroc_worst_20pct_" + s.key(),
                    UncertaintyMetrics.detectionAuroc(s.of(mc), worst));
        }
        out.put(
                "auroc_uncertainty_worst_20pct",
                out.get("auroc_worst_20pct_" + UncertaintySignals.TOTAL.key()));
        decision(out, mc, UncertaintyMetrics.above(ratings, threshold), threshold);
        return out;
    }

    /**
     * Pos/neg data: errors are the wrong calls; coverages are {@link
     * UncertaintyMetrics#labelConsistentCoverage} (the rating is unknown).
     */
    public static Map<String, Double> labels(
            List<Prediction> mc, boolean[] positive, double threshold, IntervalRule rule) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!mc.get(0).isClassification()) {
            for (double level : LEVELS) {
                out.put(
                        coverageKey(level),
                        UncertaintyMetrics.labelConsistentCoverage(
                                mc, positive, threshold, rule, level));
            }
            out.put(widthKey(), UncertaintyMetrics.meanWidth(mc, rule, WIDTH_LEVEL));
            out.put("calibrated", rule.calibrated() ? 1.0 : 0.0);
        }
        means(out, mc);
        boolean[] wrong =
                UncertaintyMetrics.differ(UncertaintyMetrics.calls(mc, threshold), positive);
        for (UncertaintySignals s : UncertaintySignals.values()) {
            out.put(
                    "auroc_wrong_calls_" + s.key(),
                    UncertaintyMetrics.detectionAuroc(s.of(mc), wrong));
        }
        decision(out, mc, positive, threshold);
        return out;
    }

    /**
     * Accuracy of the calls and how well their wrong-side probability flags and predicts the wrong
     * ones.
     */
    private static void decision(
            Map<String, Double> out, List<Prediction> mc, boolean[] positive, double threshold) {
        boolean[] wrong =
                UncertaintyMetrics.differ(UncertaintyMetrics.calls(mc, threshold), positive);
        out.put("accuracy_mc", 1 - UncertaintyMetrics.shareTrue(wrong));
        double[] risk = UncertaintySignals.WRONG_SIDE_PROBABILITY.of(mc);
        out.put("auroc_uncertainty_flags_errors", UncertaintyMetrics.detectionAuroc(risk, wrong));
        out.put(
                "auroc_mc_std_flags_errors",
                UncertaintyMetrics.detectionAuroc(UncertaintySignals.EPISTEMIC_STD.of(mc), wrong));
        out.put(
                "decision_calibration_error",
                UncertaintyMetrics.decisionCalibrationError(risk, wrong));
    }

    private static void means(Map<String, Double> out, List<Prediction> mc) {
        out.put("mean_uncertainty", mean(UncertaintySignals.TOTAL.of(mc)));
        out.put("mean_mc_std", mean(UncertaintySignals.EPISTEMIC_STD.of(mc)));
        out.put("mean_novelty", mean(UncertaintySignals.NOVELTY.of(mc)));
    }

    static String coverageKey(double level) {
        return "coverage_" + Math.round(level * 100);
    }

    private static String widthKey() {
        return "interval_width_" + Math.round(WIDTH_LEVEL * 100);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x / v.length;
        }
        return s;
    }
}
