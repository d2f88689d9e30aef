package dev.varsent.train;

/**
 * One epoch's figures; RMSEs are in rating units ([0,1] scale). {@code testRmseMc} and {@code
 * trainRmseMc} are NaN on epochs without an MC evaluation.
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainRmseApprox,
        double testRmseApprox,
        double testRmseMc,
        double trainRmseMc,
        double seconds) {}
