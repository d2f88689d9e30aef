package dev.varsent.model;

/**
 * How a predictor turns a review into a prediction, beyond the model itself.
 *
 * @param maxSegments the most segments scored per review; a longer review is scored on its first
 *     ceil(cap/2) and last floor(cap/2) segments and marked truncated. 0 = enough for {@link
 *     #DEFAULT_MAX_TOKENS} tokens at the model's sequence length (11 at 200).
 * @param intervalLevel the level of the calibrated interval [lower, upper]; must be one of the
 *     levels the model's calibration stores (default 0.9)
 * @param threshold the rating that separates a negative call from a positive one, for the
 *     wrong-side probability; NaN = the model's training rating mean, which is also where {@code
 *     evaluate} calls pos/neg
 * @param adaptive adaptive MC sampling against the routing decision; null = every review gets all K
 *     samples
 */
public record ScoringOptions(
        int maxSegments, double intervalLevel, double threshold, AdaptiveSampling adaptive) {
    public static final int DEFAULT_MAX_TOKENS = 2000;
    public static final double DEFAULT_INTERVAL_LEVEL = 0.9;

    public ScoringOptions {
        if (maxSegments < 0 || maxSegments > McPredictor.MAX_BATCH_TEXTS) {
            throw new IllegalArgumentException(
                    "maxSegments must lie in [1, "
                            + McPredictor.MAX_BATCH_TEXTS
                            + "] (0 for the default), got "
                            + maxSegments);
        }
        if (!(intervalLevel > 0 && intervalLevel < 1)) {
            throw new IllegalArgumentException(
                    "intervalLevel must lie in (0, 1), got " + intervalLevel);
        }
        if (Double.isInfinite(threshold)) {
            throw new IllegalArgumentException(
                    "threshold must be finite (NaN for the model's rating mean)");
        }
    }

    /** Without adaptive sampling. */
    public ScoringOptions(int maxSegments, double intervalLevel, double threshold) {
        this(maxSegments, intervalLevel, threshold, null);
    }

    public static ScoringOptions defaults() {
        return new ScoringOptions(0, DEFAULT_INTERVAL_LEVEL, Double.NaN);
    }

    public ScoringOptions withMaxSegments(int cap) {
        return new ScoringOptions(cap, intervalLevel, threshold, adaptive);
    }

    public ScoringOptions withIntervalLevel(double level) {
        return new ScoringOptions(maxSegments, level, threshold, adaptive);
    }

    public ScoringOptions withThreshold(double t) {
        return new ScoringOptions(maxSegments, intervalLevel, t, adaptive);
    }

    /** With adaptive MC sampling ({@code null}: off). */
    public ScoringOptions withAdaptive(AdaptiveSampling a) {
        return new ScoringOptions(maxSegments, intervalLevel, threshold, a);
    }

    /** The cap for sequences of {@code maxLength} ids (START + maxLength - 1 tokens). */
    int segmentCap(int maxLength) {
        int perSegment = Math.max(1, maxLength - 1);
        return maxSegments > 0 ? maxSegments : (DEFAULT_MAX_TOKENS + perSegment - 1) / perSegment;
    }

    double threshold(SentimentModel model) {
        return Double.isNaN(threshold) ? model.targetMean() : threshold;
    }
}
