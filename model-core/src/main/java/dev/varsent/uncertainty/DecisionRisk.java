package dev.varsent.uncertainty;

/** The probability that a pos/neg decision taken from a prediction is wrong. */
public final class DecisionRisk {
    private DecisionRisk() {}

    /**
     * For a rating predicted as Normal(score, sd^2): the probability that the true rating lies on
     * the other side of {@code threshold}, Phi(-|score - threshold| / sd). 0.5 at the threshold,
     * falling with the margin; NaN when sd is not a positive finite number (a deterministic pass of
     * a model without a noise estimate).
     */
    public static double wrongSide(double score, double threshold, double sd) {
        if (!(sd > 0 && Double.isFinite(sd)) || Double.isNaN(score)) {
            return Double.NaN;
        }
        return NormalCdf.phi(-Math.abs(score - threshold) / sd);
    }

    /** The smallest and largest factor {@link #fitFactor} considers. */
    public static final double MIN_FACTOR = 0.25, MAX_FACTOR = 4;

    /** Fewer wrong (or right) calls than this, and {@link #fitFactor} keeps the factor 1. */
    public static final int MIN_CALLS = 10;

    /**
     * The factor c on the decision sds that maximises the Bernoulli likelihood of the wrong calls
     * under {@code wrongSide(score, threshold, c * sd)}: the wrong-side probability's calibration
     * (a common factor keeps the ranking of the reviews, so the probability's AUROC for wrong calls
     * stays as it was). On a log grid of {@link #MIN_FACTOR} to {@link #MAX_FACTOR}; 1 when there
     * are fewer than {@link #MIN_CALLS} wrong or right calls among the examples with a finite
     * positive sd.
     *
     * @param ratings the true ratings: a call is wrong when the score and the rating lie on
     *     different sides of {@code threshold}
     */
    public static double fitFactor(
            double[] scores, double[] ratings, double[] sds, double threshold) {
        if (scores.length != ratings.length || sds.length != ratings.length) {
            throw new IllegalArgumentException(
                    scores.length
                            + " scores, "
                            + ratings.length
                            + " ratings, "
                            + sds.length
                            + " sds");
        }
        int wrong = 0, right = 0;
        for (int i = 0; i < scores.length; i++) {
            if (sds[i] > 0 && Double.isFinite(sds[i]) && !Double.isNaN(scores[i])) {
                if (isWrong(scores[i], ratings[i], threshold)) {
                    wrong++;
                } else {
                    right++;
                }
            }
        }
        if (wrong < MIN_CALLS || right < MIN_CALLS) {
            return 1;
        }
        double best = 1, bestLikelihood = Double.NEGATIVE_INFINITY;
        int steps = 80;
        for (int s = 0; s <= steps; s++) {
            double c = MIN_FACTOR * Math.pow(MAX_FACTOR / MIN_FACTOR, (double) s / steps);
            double likelihood = 0;
            for (int i = 0; i < scores.length; i++) {
                if (sds[i] > 0 && Double.isFinite(sds[i]) && !Double.isNaN(scores[i])) {
                    double p = wrongSide(scores[i], threshold, c * sds[i]);
                    p = Math.min(1 - 1e-12, Math.max(1e-12, p));
                    likelihood +=
                            isWrong(scores[i], ratings[i], threshold)
                                    ? Math.log(p)
                                    : Math.log(1 - p);
                }
            }
            if (likelihood > bestLikelihood) {
                bestLikelihood = likelihood;
                best = c;
            }
        }
        return best;
    }

    private static boolean isWrong(double score, double rating, double threshold) {
        return (score > threshold) != (rating > threshold);
    }

    /**
     * For class probabilities: 1 - the largest one, the probability of any other class than the
     * call.
     */
    public static double wrongClass(double[] probabilities) {
        double max = 0;
        for (double p : probabilities) {
            max = Math.max(max, p);
        }
        return 1 - max;
    }
}
