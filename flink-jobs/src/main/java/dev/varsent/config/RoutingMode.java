package dev.varsent.config;

/** How doubtful predictions are chosen for relabelling. */
public enum RoutingMode {
    /** Uncertainty above a fixed threshold. */
    THRESHOLD,
    /**
     * Uncertainty above the streaming quantile that sends a target share of traffic to relabelling.
     */
    TARGET_RATE
}
