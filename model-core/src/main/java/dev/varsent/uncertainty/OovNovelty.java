package dev.varsent.uncertainty;

import java.util.Arrays;

/**
 * The off-domain signal: how much more of a review's text the vocabulary does not know than is
 * usual for in-domain reviews. Fitted on the share of out-of-vocabulary tokens of in-domain
 * calibration reviews; a review's novelty is max(0, (share - median) / max(IQR, {@link #MIN_IQR})):
 * 0 for at most the usual share, 1 for one interquartile range above the median, and so on. An
 * empty review has share 0.
 *
 * @param n calibration reviews the distribution comes from
 * @param median median OOV share of those reviews
 * @param iqr interquartile range of their OOV shares (linear interpolation between order
 *     statistics)
 */
public record OovNovelty(int n, double median, double iqr) {
    /**
     * The smallest spread used: one unknown word in a hundred. Without it a corpus whose reviews
     * all have nearly the same share would turn a single unknown word into a large novelty.
     */
    public static final double MIN_IQR = 0.01;

    public OovNovelty {
        if (n < 1) {
            throw new IllegalArgumentException(
                    "a novelty model needs at least one review, got n = " + n);
        }
        if (!(median >= 0 && median <= 1) || !(iqr >= 0 && iqr <= 1)) {
            throw new IllegalArgumentException(
                    "OOV share median and IQR must lie in [0, 1], got " + median + " and " + iqr);
        }
    }

    public static OovNovelty fit(double[] shares) {
        if (shares.length == 0) {
            throw new IllegalArgumentException("no reviews to fit the novelty model on");
        }
        double[] s = shares.clone();
        for (double v : s) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("an OOV share must lie in [0, 1], got " + v);
            }
        }
        Arrays.sort(s);
        return new OovNovelty(s.length, quantile(s, 0.5), quantile(s, 0.75) - quantile(s, 0.25));
    }

    public double novelty(double oovShare) {
        return Math.max(0, (oovShare - median) / Math.max(iqr, MIN_IQR));
    }

    private static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
