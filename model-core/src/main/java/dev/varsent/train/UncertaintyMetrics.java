package dev.varsent.train;

import dev.varsent.predict.Prediction;
import java.util.List;

/**
 * Interval coverage and decision-risk metrics of predictions: what {@code evaluate} reports beside
 * the errors. Ratings and labels are given per prediction, in the same order.
 */
public final class UncertaintyMetrics {
    /** Bins of the wrong-side probability in {@link #decisionCalibrationError}. */
    public static final int RISK_BINS = 10;

    private UncertaintyMetrics() {}

    /** The share of ratings inside their prediction's interval at {@code level}. */
    public static double coverage(
            List<Prediction> p, double[] ratings, IntervalRule rule, double level) {
        int in = 0;
        for (int i = 0; i < ratings.length; i++) {
            if (Math.abs(ratings[i] - p.get(i).score()) <= rule.halfWidth(p.get(i), level)) {
                in++;
            }
        }
        return (double) in / ratings.length;
    }

    /**
     * For pos/neg labels, where the rating itself is unknown: the share of reviews whose interval
     * at {@code level} reaches the labelled side of {@code threshold} (above it for a positive
     * label, at or below it for a negative one). A review whose rating lies in its interval always
     * counts, so this is an upper bound of the rating coverage; a model that puts reviews
     * confidently on the wrong side scores low.
     */
    public static double labelConsistentCoverage(
            List<Prediction> p,
            boolean[] positive,
            double threshold,
            IntervalRule rule,
            double level) {
        int consistent = 0;
        for (int i = 0; i < positive.length; i++) {
            double half = rule.halfWidth(p.get(i), level);
            double score = p.get(i).score();
            if (positive[i] ? score + half > threshold : score - half <= threshold) {
                consistent++;
            }
        }
        return (double) consistent / positive.length;
    }

    /**
     * The mean full width of the intervals at {@code level}; infinite when a calibration cannot
     * bound it.
     */
    public static double meanWidth(List<Prediction> p, IntervalRule rule, double level) {
        double sum = 0;
        for (Prediction q : p) {
            sum += 2 * rule.halfWidth(q, level);
        }
        return sum / p.size();
    }

    /**
     * The pos/neg call of each prediction: a rating above {@code threshold}, or P(pos) above 0.5.
     */
    public static boolean[] calls(List<Prediction> p, double threshold) {
        boolean[] pos = new boolean[p.size()];
        for (int i = 0; i < pos.length; i++) {
            Prediction q = p.get(i);
            pos[i] = q.isClassification() ? q.score() > 0.5 : q.score() > threshold;
        }
        return pos;
    }

    /** Whether each rating lies above {@code threshold}: the pos/neg truth of rating data. */
    public static boolean[] above(double[] ratings, double threshold) {
        boolean[] pos = new boolean[ratings.length];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = ratings[i] > threshold;
        }
        return pos;
    }

    public static boolean[] differ(boolean[] a, boolean[] b) {
        boolean[] d = new boolean[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] != b[i];
        }
        return d;
    }

    public static double shareTrue(boolean[] v) {
        int n = 0;
        for (boolean b : v) {
            if (b) {
                n++;
            }
        }
        return (double) n / v.length;
    }

    /**
     * The AUROC of {@code uncertainty} as a detector of {@code flagged}; NaN when any uncertainty
     * is not a finite number (a signal the model does not have) or when only one class occurs.
     */
    public static double detectionAuroc(double[] uncertainty, boolean[] flagged) {
        for (double u : uncertainty) {
            if (!Double.isFinite(u)) {
                return Double.NaN;
            }
        }
        return RegressionMetrics.auroc(uncertainty, flagged);
    }

    /**
     * Expected calibration error of the probabilities that the calls are wrong: the reviews are
     * binned by that probability into {@link #RISK_BINS} equal bins of [0, 0.5], and the absolute
     * gap between a bin's mean probability and its observed share of wrong calls is averaged,
     * weighted by the bin's size. NaN when any probability is not finite.
     */
    public static double decisionCalibrationError(double[] wrongProbability, boolean[] wrong) {
        double[] sumP = new double[RISK_BINS];
        int[] wrongs = new int[RISK_BINS];
        int[] counts = new int[RISK_BINS];
        for (int i = 0; i < wrong.length; i++) {
            double q = wrongProbability[i];
            if (!Double.isFinite(q)) {
                return Double.NaN;
            }
            int bin = Math.min(RISK_BINS - 1, Math.max(0, (int) (q / 0.5 * RISK_BINS)));
            sumP[bin] += q;
            counts[bin]++;
            if (wrong[i]) {
                wrongs[bin]++;
            }
        }
        double ece = 0;
        for (int b = 0; b < RISK_BINS; b++) {
            if (counts[b] > 0) {
                ece +=
                        Math.abs(sumP[b] / counts[b] - (double) wrongs[b] / counts[b])
                                * counts[b]
                                / wrong.length;
            }
        }
        return ece;
    }
}
