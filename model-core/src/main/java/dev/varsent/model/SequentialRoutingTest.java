package dev.varsent.model;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.RoutingCut;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Whether a review's routing decision is settled after n of K samples per segment ({@link
 * AdaptiveSampling}).
 *
 * <p>The routed uncertainty is a function f of three moments of the review's MC outputs: their mean
 * (the network's score), their variance V (its epistemic variance) and, for a heteroscedastic head,
 * the mean of the per-sample noise variances. f is what is served and routed: the mixture through
 * the model's calibration and, for a blended model, the blend with the bag-of-words ridge and the
 * blended calibration ({@link dev.varsent.predict.ServedView}). Which moments f depends on is the
 * calibration's business ({@link Calibrator#routedMoments}): the plain or calibrated total std
 * grows with V and the noise, the epistemic std with V alone, and a learned error scale reads the
 * score and the noise level but not V. Every step of f is monotone in each moment (linear maps with
 * fixed weights, a floor, a root of a sum of squares), so over a box of moments f takes its
 * extremes at the box's corners.
 *
 * <p>Each moment f depends on gets a one-sided bound at level a on either side, a being the
 * per-test error rate shared equally among those moments (Bonferroni). Taken as N = S x n normal
 * draws of variance sigma^2, N V / sigma^2 is chi-square with N - 1 degrees of freedom, so sigma^2
 * lies above N V / chi2_{1-a} and below N V / chi2_{a}, each with probability 1 - a, scaled by (1 -
 * 1/(S K)) to what a K-sample estimate is expected to be. The mean lies within t_{1-a} sqrt(V / (N
 * - 1)) of the sampled one on either side: the pooled V includes the segments' disagreement, which
 * does not enter the error of a mean of segment means, so this overstates its error. The noise
 * variance lies within t_{1-a} sd / sqrt(N) of its mean. Whatever the direction in which f moves
 * with a moment, the true moment lies beyond the end that moves f towards the threshold with
 * probability at most a, so f at its expected K-sample moments lies between the smallest and the
 * largest f over the corners with probability at least 1 - (error rate of the test). The decision
 * of the point estimate is settled when all corners stay on its side of the routing cut. A moment f
 * does not depend on takes no share of the error rate. Stratifying the samples by segment only
 * makes V steadier than N independent draws; heavier-tailed MC outputs than a normal make the test
 * optimistic (the simulation test measures how much).
 */
final class SequentialRoutingTest {
    /** A moment of a review's MC outputs the routed uncertainty may depend on. */
    enum Moment {
        MEAN,
        SPREAD,
        NOISE
    }

    /** The routed uncertainty of one review from its uncalibrated mixture prediction. */
    @FunctionalInterface
    interface RoutedSignal {
        double of(Prediction mixture);
    }

    private final Set<Moment> routedMoments;
    private final RoutingCut fixedCut;
    private final Calibrator calibrator;
    private final AdaptiveSampling sampling;
    private final int k;
    private final double alpha;

    /** Per degrees of freedom and share of the error rate: chi2_a, chi2_{1-a}, t_{1-a}. */
    private final Map<Long, double[]> quantiles = new ConcurrentHashMap<>();

    SequentialRoutingTest(AdaptiveSampling sampling, Calibrator calibrator, int k) {
        this.sampling = sampling;
        this.routedMoments = calibrator.routedMoments(sampling.signal());
        this.fixedCut = RoutingCut.fixed(sampling.routingThreshold());
        this.calibrator = calibrator;
        this.k = k;
        this.alpha = sampling.perTestErrorRate(k);
    }

    /**
     * The network alone against the configured threshold: the routed uncertainty is the calibrated
     * mixture's.
     *
     * @param mixture the review's prediction from n samples per segment, before calibration
     * @param samples n
     * @param noiseSd sample std of the N per-sample noise variances (0 or NaN: a fixed noise level)
     * @param oovShare the review's share of unknown tokens (for the novelty)
     */
    boolean settled(Prediction mixture, int samples, double noiseSd, double oovShare) {
        return settled(
                mixture,
                samples,
                noiseSd,
                m -> calibrator.apply(m, oovShare).uncertainty(sampling.signal()),
                fixedCut);
    }

    /**
     * Whether the decision of {@code routed} at the mixture's moments against {@code cut} is
     * settled.
     */
    boolean settled(
            Prediction mixture, int samples, double noiseSd, RoutedSignal routed, RoutingCut cut) {
        int n = mixture.segments() * samples;
        if (n < 2 || cut.unknown()) {
            return false;
        }
        double point = routed.of(mixture);
        boolean relabel = cut.relabels(point);
        if (!Double.isFinite(point) || (!relabel && !cut.keeps(point))) {
            return false;
        }
        boolean noiseIsRandom = noiseSd > 0 && !Double.isNaN(mixture.aleatoricStd());
        EnumSet<Moment> random = EnumSet.noneOf(Moment.class);
        for (Moment m : routedMoments) {
            if (m != Moment.NOISE || noiseIsRandom) {
                random.add(m);
            }
        }
        if (random.isEmpty()) {
            return true; // the routed uncertainty does not depend on the samples
        }
        double[] q = quantiles(n - 1, random.size());
        double var = mixture.std() * mixture.std();
        double expected = 1.0 - 1.0 / ((double) mixture.segments() * k);
        double[] means = {mixture.score()};
        double[] spreads = {var};
        double[] noises = {noise(mixture)};
        if (random.contains(Moment.MEAN)) {
            double half = q[2] * Math.sqrt(var / (n - 1));
            means = new double[] {mixture.score() - half, mixture.score() + half};
        }
        if (random.contains(Moment.SPREAD)) {
            spreads = new double[] {var * n / q[1] * expected, var * n / q[0] * expected};
        }
        if (random.contains(Moment.NOISE)) {
            double half = q[2] * noiseSd / Math.sqrt(n);
            noises = new double[] {Math.max(0, noises[0] - half), noises[0] + half};
        }
        for (double mean : means) {
            for (double spread : spreads) {
                for (double noise : noises) {
                    double u = routed.of(withMoments(mixture, mean, spread, noise));
                    if (relabel ? !(Double.isFinite(u) && cut.relabels(u)) : !cut.keeps(u)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static double noise(Prediction p) {
        return Double.isNaN(p.aleatoricStd()) ? Double.NaN : p.aleatoricStd() * p.aleatoricStd();
    }

    private double[] quantiles(int dof, int shares) {
        return quantiles.computeIfAbsent(
                dof * 4L + shares,
                key -> {
                    double a = alpha / shares;
                    ChiSquaredDistribution chi2 = new ChiSquaredDistribution(null, dof);
                    return new double[] {
                        chi2.inverseCumulativeProbability(a),
                        chi2.inverseCumulativeProbability(1 - a),
                        new TDistribution(null, dof).inverseCumulativeProbability(1 - a)
                    };
                });
    }

    /**
     * The prediction with score {@code mean}, epistemic variance {@code variance} and noise
     * variance {@code noise} (NaN: none).
     */
    private static Prediction withMoments(
            Prediction p, double mean, double variance, double noise) {
        return new Prediction(
                mean,
                Math.sqrt(variance),
                Double.isNaN(noise) ? Double.NaN : Math.sqrt(noise),
                p.probabilities(),
                p.entropy(),
                p.mutualInformation(),
                p.variationRatio(),
                p.samples(),
                p.segments(),
                p.truncated(),
                p.segmentStd(),
                p.lower(),
                p.upper(),
                p.intervalLevel(),
                p.wrongSideProbability(),
                p.novelty(),
                p.calibratedStd());
    }
}
