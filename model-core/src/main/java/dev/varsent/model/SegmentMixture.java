package dev.varsent.model;

import dev.varsent.predict.Prediction;
import java.util.List;

/**
 * A review's prediction from the predictions of its S segments, each from the same K MC samples:
 * the S x K sampled outputs are an equal-weight mixture. Regression: the score is the mean over
 * segments and samples; the epistemic variance is the variance of the S x K sampled means, which by
 * the law of total variance is the mean within-segment MC variance plus the variance between the
 * segment means (MC spread plus segment disagreement); the aleatoric variance is the mean of the
 * per-sample noise variances, i.e. the mean of the segments' squared aleatoric std; {@code
 * segmentStd} is the (population) std of the S segment means. Classification: the mean class
 * probabilities over all samples, their entropy, the mutual information (that entropy minus the
 * mean per-sample entropy), and the mean of the segments' variation ratios.
 */
final class SegmentMixture {
    private SegmentMixture() {}

    /**
     * A review's prediction from its segments' (one per scored segment, in order); a lone segment
     * as it is.
     */
    static Prediction of(ReviewSegments review, List<Prediction> perSegment) {
        return perSegment.size() == 1 && !review.truncated()
                ? perSegment.get(0)
                : combine(perSegment, review.truncated());
    }

    static Prediction combine(List<Prediction> segments, boolean truncated) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a review has at least one segment");
        }
        return segments.get(0).isClassification()
                ? classification(segments, truncated)
                : regression(segments, truncated);
    }

    private static Prediction regression(List<Prediction> segs, boolean truncated) {
        int s = segs.size();
        double mean = 0, meanSq = 0, within = 0, noise = 0;
        boolean noNoise = false;
        for (Prediction p : segs) {
            mean += p.score() / s;
            meanSq += p.score() * p.score() / s;
            within += p.std() * p.std() / s;
            noise += p.aleatoricStd() * p.aleatoricStd() / s;
            noNoise |= Double.isNaN(p.aleatoricStd());
        }
        double between = Math.max(0, meanSq - mean * mean);
        return new Prediction(
                mean,
                Math.sqrt(within + between),
                noNoise ? Double.NaN : Math.sqrt(noise),
                null,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                segs.get(0).samples(),
                s,
                truncated,
                Math.sqrt(between),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }

    private static Prediction classification(List<Prediction> segs, boolean truncated) {
        int s = segs.size(), c = segs.get(0).probabilities().length;
        double[] probs = new double[c];
        double score = 0, scoreSq = 0, within = 0, expectedEntropy = 0, variationRatio = 0;
        for (Prediction p : segs) {
            for (int q = 0; q < c; q++) {
                probs[q] += p.probabilities()[q] / s;
            }
            score += p.score() / s;
            scoreSq += p.score() * p.score() / s;
            within += p.std() * p.std() / s;
            expectedEntropy += (p.entropy() - p.mutualInformation()) / s;
            variationRatio += p.variationRatio() / s;
        }
        double entropy = 0;
        for (double q : probs) {
            entropy -= q > 0 ? q * Math.log(q) : 0;
        }
        double between = Math.max(0, scoreSq - score * score);
        return new Prediction(
                score,
                Math.sqrt(within + between),
                Double.NaN,
                probs,
                entropy,
                Math.max(0, entropy - expectedEntropy),
                variationRatio,
                segs.get(0).samples(),
                s,
                truncated,
                Math.sqrt(between),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }
}
