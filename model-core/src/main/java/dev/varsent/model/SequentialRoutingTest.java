package dev.varsent.model;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Whether a review's routing decision is settled after n of K samples per segment ({@link
 * AdaptiveSampling}).
 *
 * <p>The review's N = S x n sampled outputs have the (population) variance V, its epistemic
 * variance. Taken as N normal draws of variance sigma^2, N V / sigma^2 is chi-square with N - 1
 * degrees of freedom, so sigma^2 >= N V / chi2_{1-a} and sigma^2 <= N V / chi2_{a}, each with
 * probability 1 - a. Scaled by (1 - 1/(S K)) these bound what a K-sample estimate of V is expected
 * to be. A heteroscedastic head's noise variance is the mean of N per-sample variances, bounded by
 * a Student-t interval; the two bounds then share a (a/2 each). The decision of the point estimate
 * (relabel: uncertainty above the threshold) is settled when the uncertainty at the bound towards
 * the threshold (the lower bounds for relabel, the upper ones otherwise), run through the same
 * calibration and novelty as the point estimate, stays on the same side. The uncertainty of every
 * signal grows with both variances, so the bound holds for it too. Stratifying the samples by
 * segment only makes V steadier than N independent draws; heavier-tailed MC outputs than a normal
 * make the test optimistic (the simulation test measures how much).
 */
final class SequentialRoutingTest {
    private final UncertaintySignal signal;
    private final double threshold;
    private final Calibrator calibrator;
    private final int k;
    private final double alpha;

    /** Per degrees of freedom and split: chi2_a, chi2_{1-a}, t_{1-a}. */
    private final Map<Long, double[]> quantiles = new ConcurrentHashMap<>();

    SequentialRoutingTest(AdaptiveSampling sampling, Calibrator calibrator, int k) {
        this.signal = sampling.signal();
        this.threshold = sampling.routingThreshold();
        this.calibrator = calibrator;
        this.k = k;
        this.alpha = sampling.perTestErrorRate(k);
    }

    /**
     * @param mixture the review's prediction from n samples per segment, before calibration
     * @param samples n
     * @param noiseSd sample std of the N per-sample noise variances (0 or NaN: a fixed noise level)
     * @param oovShare the review's share of unknown tokens (for the novelty)
     */
    boolean settled(Prediction mixture, int samples, double noiseSd, double oovShare) {
        int n = mixture.segments() * samples;
        if (n < 2) {
            return false;
        }
        double point = uncertainty(mixture, oovShare);
        if (!Double.isFinite(point)) {
            return false;
        }
        boolean relabel = point > threshold;
        boolean noisy =
                noiseSd > 0
                        && signal == UncertaintySignal.TOTAL
                        && !Double.isNaN(mixture.aleatoricStd());
        double[] q = quantiles(n - 1, noisy);
        double var = mixture.std() * mixture.std() * n;
        double expected = 1.0 - 1.0 / ((double) mixture.segments() * k);
        double noise =
                Double.isNaN(mixture.aleatoricStd())
                        ? Double.NaN
                        : mixture.aleatoricStd() * mixture.aleatoricStd();
        double noiseMargin = noisy ? q[2] * noiseSd / Math.sqrt(n) : 0;
        if (relabel) {
            double v = var / q[1] * expected;
            double a = Double.isNaN(noise) ? Double.NaN : Math.max(0, noise - noiseMargin);
            return uncertainty(withSpread(mixture, v, a), oovShare) > threshold;
        }
        double v = var / q[0] * expected;
        double a = Double.isNaN(noise) ? Double.NaN : noise + noiseMargin;
        return uncertainty(withSpread(mixture, v, a), oovShare) <= threshold;
    }

    private double uncertainty(Prediction mixture, double oovShare) {
        return calibrator.apply(mixture, oovShare).uncertainty(signal);
    }

    private double[] quantiles(int dof, boolean split) {
        return quantiles.computeIfAbsent(
                dof * 2L + (split ? 1 : 0),
                key -> {
                    double a = split ? alpha / 2 : alpha;
                    ChiSquaredDistribution chi2 = new ChiSquaredDistribution(null, dof);
                    return new double[] {
                        chi2.inverseCumulativeProbability(a),
                        chi2.inverseCumulativeProbability(1 - a),
                        new TDistribution(null, dof).inverseCumulativeProbability(1 - a)
                    };
                });
    }

    /**
     * The prediction with epistemic variance {@code variance} and noise variance {@code noise}
     * (NaN: none).
     */
    private static Prediction withSpread(Prediction p, double variance, double noise) {
        return new Prediction(
                p.score(),
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
