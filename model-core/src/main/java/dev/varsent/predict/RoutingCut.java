package dev.varsent.predict;

/**
 * What a scorer knows of the routing threshold the router will apply to the reviews it is scoring:
 * a review whose routed uncertainty is above {@code upper} is relabelled, one at or below {@code
 * lower} is not; in between the router may decide either way. A fixed threshold is a cut with
 * {@code lower == upper}; a target-rate cut that moves while a batch is routed is a range; {@link
 * #UNKNOWN} says nothing, so that adaptive sampling gives every review all K samples.
 */
public record RoutingCut(double lower, double upper) {
    public static final RoutingCut UNKNOWN =
            new RoutingCut(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    public RoutingCut {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException(
                    "a routing cut needs lower <= upper, got [" + lower + ", " + upper + "]");
        }
    }

    /** Relabel exactly when the uncertainty is above {@code threshold}. */
    public static RoutingCut fixed(double threshold) {
        return new RoutingCut(threshold, threshold);
    }

    /** Whether nothing can be decided against this cut. */
    public boolean unknown() {
        return lower == Double.NEGATIVE_INFINITY && upper == Double.POSITIVE_INFINITY;
    }

    /** Whether a review with this uncertainty is surely relabelled (a non-finite one always is). */
    public boolean relabels(double uncertainty) {
        return !Double.isFinite(uncertainty) || uncertainty > upper;
    }

    /** Whether a review with this uncertainty is surely not relabelled. */
    public boolean keeps(double uncertainty) {
        return Double.isFinite(uncertainty) && uncertainty <= lower;
    }
}
