package dev.varsent.model;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import java.io.Serializable;
import java.util.Objects;

/**
 * Adaptive MC sampling: a review is sampled in rounds ({@link #rounds}: {@code minSamples} passes,
 * then growing rounds up to K) and stops as soon as its routing decision is settled: whether the
 * uncertainty of {@code signal}, as it is served (for a blended model: blended and calibrated), is
 * above the routing cut (relabel) or not. The cut is {@code routingThreshold} unless the caller
 * passes one ({@link dev.varsent.predict.Predictor#predict(java.util.List, int,
 * dev.varsent.predict.RoutingCut)}: a target-rate router's moving cut). After each round but the
 * last, {@link SequentialRoutingTest} bounds the moments of the review's MC outputs that the routed
 * uncertainty depends on (the score, the MC variance, a heteroscedastic head's noise variance) at
 * {@code errorRate} divided by the number of such tests (Bonferroni); the review stops when the
 * routed uncertainty at every corner of those bounds is still on the side of its point estimate.
 * Under the test's model (normal MC outputs) the probability that a review stopped early is routed
 * otherwise than its K-sample expectation would route it is at most {@code errorRate}; a review
 * whose decision stays doubtful gets all K samples. Only a regression head samples adaptively; a
 * classification head always gets all K.
 *
 * @param minSamples passes of the first round (at least 2)
 * @param errorRate the error rate above, in (0, 0.5)
 * @param signal the uncertainty that routes
 * @param routingThreshold the uncertainty above which a review is relabelled when no cut is passed
 *     (a fixed threshold, or a target-rate router's until it has warmed up)
 */
public record AdaptiveSampling(
        int minSamples, double errorRate, UncertaintySignal signal, double routingThreshold)
        implements Serializable {
    /**
     * Chosen on the local default model's calibration split (training side, 414 reviews, K = 10,
     * routing threshold 0.23): of min 2, 3, 4, 5 and error rates 0.01 to 0.2, min 2 at 0.2 spent
     * the fewest samples (0.37 of K) with every review routed as its K samples route it; see
     * docs/results/benchmarks-adaptive.md.
     */
    public static final int DEFAULT_MIN_SAMPLES = 2;

    public static final double DEFAULT_ERROR_RATE = 0.2;

    public AdaptiveSampling {
        if (minSamples < 2) {
            throw new IllegalArgumentException(
                    "adaptive MC needs at least 2 samples a round, got " + minSamples);
        }
        if (!(errorRate > 0 && errorRate < 0.5)) {
            throw new IllegalArgumentException(
                    "adaptive MC error rate must lie in (0, 0.5), got " + errorRate);
        }
        Objects.requireNonNull(signal, "signal");
        if (!(routingThreshold > 0 && Double.isFinite(routingThreshold))) {
            throw new IllegalArgumentException(
                    "routing threshold must be a positive number, got " + routingThreshold);
        }
    }

    /**
     * The routing decision this sampling settles: relabel when the uncertainty is above the
     * threshold or not finite.
     */
    public boolean relabels(Prediction p) {
        double u = p.uncertainty(signal);
        return !Double.isFinite(u) || u > routingThreshold;
    }

    /**
     * The samples a review has after each round, for at most {@code k}: the first round has {@code
     * minSamples} and each further one twice the one before (min, 3 min, 7 min, ...), the last
     * topped up to k. Rounds that grow so keep the number of batches (each costs a fixed overhead
     * per step) and of tests (each takes a share of the error rate) logarithmic in k: 4 then 10 for
     * k = 10, 4, 12, 20 for k = 20.
     */
    public int[] rounds(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        java.util.List<Integer> r = new java.util.ArrayList<>();
        long size = minSamples, done = 0;
        while (done < k) {
            done = Math.min(k, done + size);
            r.add((int) done);
            size *= 2;
        }
        return r.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The one-sided error rate of each test: {@code errorRate} over the rounds after which a review
     * may stop.
     */
    public double perTestErrorRate(int k) {
        return errorRate / Math.max(1, rounds(k).length - 1);
    }
}
