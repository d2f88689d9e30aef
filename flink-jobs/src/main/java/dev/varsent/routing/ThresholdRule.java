package dev.varsent.routing;

/** Relabel when the uncertainty is above a fixed threshold. */
public final class ThresholdRule implements RoutingRule {

    private final double threshold;

    public ThresholdRule(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public RoutingDecision decide(double uncertainty, String measure) {
        return new RoutingDecision(
                uncertainty > threshold, "threshold " + measure + ">" + Numbers.compact(threshold));
    }

    @Override
    public double currentCut() {
        return threshold;
    }
}
