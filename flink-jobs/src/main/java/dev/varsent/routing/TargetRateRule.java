package dev.varsent.routing;

import dev.varsent.predict.RoutingCut;
import java.util.List;

/**
 * Relabel the most uncertain share {@code targetRate} of traffic: a prediction goes to relabelling
 * when its uncertainty is above the (1 - targetRate) quantile of the last {@code window}
 * uncertainties this subtask saw. Until it has seen {@code warmup} of them, the fixed {@code
 * fallbackThreshold} decides.
 *
 * <p>When many uncertainties are equal to the cut (a model with few distinct values, or K=1 where
 * every std is 0), "above the cut" alone would relabel too few; the reviews exactly at the cut then
 * share the remainder of the target: each adds the share it is owed to a running credit, and one is
 * relabelled whenever the credit reaches a whole review. This keeps the rate on target without
 * randomness.
 *
 * <p>The window is exact, not an estimate (P-square and similar sketches drift on the
 * non-stationary uncertainty of a stream whose mix of products changes), and its values are what
 * the operator checkpoints, so a restored job routes like the one that failed.
 */
public final class TargetRateRule implements RoutingRule {

    private final double targetRate;
    private final int warmup;
    private final double fallbackThreshold;
    private final SlidingWindowQuantile window;
    private final String rateText;
    private double tieCredit;

    public TargetRateRule(double targetRate, int window, int warmup, double fallbackThreshold) {
        if (!(targetRate > 0 && targetRate <= 1)) {
            throw new IllegalArgumentException("target rate must be in (0, 1]: " + targetRate);
        }
        this.targetRate = targetRate;
        this.warmup = warmup;
        this.fallbackThreshold = fallbackThreshold;
        this.window = new SlidingWindowQuantile(window);
        this.rateText = Numbers.percent(targetRate);
    }

    @Override
    public RoutingDecision decide(double uncertainty, String measure) {
        RoutingDecision decision;
        if (warmedUp()) {
            double cut = currentCut();
            if (uncertainty == cut && relabelAtTheCut(cut)) {
                decision =
                        new RoutingDecision(
                                true,
                                "target-rate "
                                        + rateText
                                        + " (current cut "
                                        + measure
                                        + ">="
                                        + Numbers.compact(cut)
                                        + ", tie)");
            } else {
                decision =
                        new RoutingDecision(
                                uncertainty > cut,
                                "target-rate "
                                        + rateText
                                        + " (current cut "
                                        + measure
                                        + ">"
                                        + Numbers.compact(cut)
                                        + ")");
            }
        } else {
            decision =
                    new RoutingDecision(
                            uncertainty > fallbackThreshold,
                            "target-rate "
                                    + rateText
                                    + " (warming up "
                                    + window.size()
                                    + "/"
                                    + warmup
                                    + ", threshold "
                                    + measure
                                    + ">"
                                    + Numbers.compact(fallbackThreshold)
                                    + ")");
        }
        window.add(uncertainty);
        return decision;
    }

    @Override
    public double currentCut() {
        return warmedUp() ? window.quantile(1 - targetRate) : fallbackThreshold;
    }

    /**
     * Adds a finite uncertainty to the window as {@link #decide} does, without deciding: a copy of
     * the rule fed the same uncertainties as the router's holds the same window.
     */
    public void observe(double uncertainty) {
        window.add(uncertainty);
    }

    /**
     * The cuts this rule can apply to its next {@code decisions} decisions, whatever uncertainties
     * they add: the fallback threshold while not warmed up, and from then on the current cut moved
     * by at most {@code decisions - 1} places in the window's order (the q-quantile of the window
     * after j adds and up to j evictions lies between its order statistics j ranks below and above
     * the current one). {@code lower} excludes the quantile cut itself, where the tie rule may
     * relabel a review.
     */
    public RoutingCut cutRange(int decisions) {
        if (decisions < 1) {
            throw new IllegalArgumentException("decisions must be >= 1, got " + decisions);
        }
        int more = decisions - 1;
        int size = window.size();
        int lastSize = Math.min(window.capacity(), size + more);
        double lower = Double.POSITIVE_INFINITY, upper = Double.NEGATIVE_INFINITY;
        if (!warmedUp(size)) {
            lower = fallbackThreshold;
            upper = fallbackThreshold;
        }
        if (warmedUp(lastSize)) {
            double q = 1 - targetRate;
            int lowRank = size == 0 ? 0 : Math.max(1, (int) Math.ceil(q * size)) - more;
            int highRank = Math.max(1, (int) Math.ceil(q * lastSize)) + more;
            double low = lowRank < 1 ? Double.NEGATIVE_INFINITY : window.orderStatistic(lowRank);
            double high =
                    highRank > size ? Double.POSITIVE_INFINITY : window.orderStatistic(highRank);
            lower = Math.min(lower, Math.nextDown(low));
            upper = Math.max(upper, high);
        }
        return new RoutingCut(lower, upper);
    }

    /** Whether this review, one of those tied at the cut, takes its share of the target rate. */
    private boolean relabelAtTheCut(double cut) {
        int atCut = window.countEqual(cut);
        double owed = (targetRate * window.size() - window.countAbove(cut)) / atCut;
        tieCredit += Math.max(0, Math.min(1, owed));
        if (tieCredit >= 1) {
            tieCredit -= 1;
            return true;
        }
        return false;
    }

    private boolean warmedUp() {
        return warmedUp(window.size());
    }

    private boolean warmedUp(int size) {
        return size > 0 && size >= warmup;
    }

    @Override
    public List<Double> history() {
        return window.values();
    }

    /**
     * Refills the window; after rescaling a subtask may receive more values than fit, the newest
     * win.
     */
    @Override
    public void restore(Iterable<Double> history) {
        for (Double value : history) {
            window.add(value);
        }
    }
}
