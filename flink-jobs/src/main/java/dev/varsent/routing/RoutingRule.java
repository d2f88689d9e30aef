package dev.varsent.routing;

import java.util.List;

/**
 * Decides which predictions are too uncertain to trust. One instance per subtask; not thread-safe.
 * A rule that learns from the stream exposes what it learned through {@link #history()} so that the
 * operator can keep it in checkpointed state and hand it back through {@link #restore(Iterable)}.
 */
public interface RoutingRule {

    /**
     * Decides for one finite uncertainty. {@code measure} names it in the rule text ("std" for a
     * regression head, "bald" for a classification head).
     */
    RoutingDecision decide(double uncertainty, String measure);

    /** The uncertainty above which predictions currently go to relabelling. */
    double currentCut();

    default List<Double> history() {
        return List.of();
    }

    default void restore(Iterable<Double> history) {}
}
