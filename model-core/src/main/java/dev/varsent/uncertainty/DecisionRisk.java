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
