package dev.varsent.config;

/** Where a challenger starts: from the champion's weights, or from a fresh initialisation. */
public enum RetrainStart {
    WARM,
    SCRATCH
}
