package dev.varsent.predict;

import java.util.Arrays;

/**
 * One review's prediction from K stochastic (MC dropout) passes over each of its segments, or from
 * the deterministic dropout approximation when {@code samples == 1}.
 *
 * <p>Regression head (the rating in [0,1]): {@code score} is the predictive mean rating over
 * segments and samples, {@code std} the epistemic standard deviation (the spread of the sampled
 * means, across MC samples and segments), {@code aleatoricStd} the predicted noise level (NaN when
 * unknown) and {@code segmentStd} the standard deviation of the per-segment means (0 for a
 * one-segment review). {@code lower}/{@code upper} is the calibrated interval at {@code
 * intervalLevel} (NaN when the model is uncalibrated), {@code wrongSideProbability} the probability
 * that the true rating lies on the other side of the decision threshold from {@code score}, and
 * {@code novelty} the off-domain signal (0 for text like the training corpus, growing with the
 * distance from it; NaN when the model has none). {@code calibratedStd} is the total std with the
 * novelty folded in, scaled by the conformal calibration (see {@code ConformalCalibration}): the
 * {@link UncertaintySignal#TOTAL} routing signal; NaN when the model is uncalibrated. The
 * wrong-side probability uses the same calibration on the total std without the novelty.
 *
 * <p>Classification head: {@code probabilities} are the mean class probabilities, {@code score} is
 * the probability of the positive class, {@code std} its MC standard deviation, and entropy, mutual
 * information (BALD) and variation ratio describe the uncertainty.
 *
 * @param segments segments of the review that were scored
 * @param truncated the review had more segments than the cap and only its first and last ones were
 *     scored
 * @param calibratedStd the calibrated total std, NaN when uncalibrated
 */
public record Prediction(
        double score,
        double std,
        double aleatoricStd,
        double[] probabilities,
        double entropy,
        double mutualInformation,
        double variationRatio,
        int samples,
        int segments,
        boolean truncated,
        double segmentStd,
        double lower,
        double upper,
        double intervalLevel,
        double wrongSideProbability,
        double novelty,
        double calibratedStd) {

    /** A one-segment prediction without calibration or off-domain signal. */
    public Prediction(
            double score,
            double std,
            double aleatoricStd,
            double[] probabilities,
            double entropy,
            double mutualInformation,
            double variationRatio,
            int samples) {
        this(
                score,
                std,
                aleatoricStd,
                probabilities,
                entropy,
                mutualInformation,
                variationRatio,
                samples,
                1,
                false,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }

    /** A prediction without a calibrated std. */
    public Prediction(
            double score,
            double std,
            double aleatoricStd,
            double[] probabilities,
            double entropy,
            double mutualInformation,
            double variationRatio,
            int samples,
            int segments,
            boolean truncated,
            double segmentStd,
            double lower,
            double upper,
            double intervalLevel,
            double wrongSideProbability,
            double novelty) {
        this(
                score,
                std,
                aleatoricStd,
                probabilities,
                entropy,
                mutualInformation,
                variationRatio,
                samples,
                segments,
                truncated,
                segmentStd,
                lower,
                upper,
                intervalLevel,
                wrongSideProbability,
                novelty,
                Double.NaN);
    }

    /**
     * The same prediction with what a calibration adds: the interval at {@code intervalLevel}, the
     * wrong-side probability, the off-domain signal and the calibrated total std.
     */
    public Prediction withCalibration(
            double lower,
            double upper,
            double intervalLevel,
            double wrongSideProbability,
            double novelty,
            double calibratedStd) {
        return new Prediction(
                score,
                std,
                aleatoricStd,
                probabilities,
                entropy,
                mutualInformation,
                variationRatio,
                samples,
                segments,
                truncated,
                segmentStd,
                lower,
                upper,
                intervalLevel,
                wrongSideProbability,
                novelty,
                calibratedStd);
    }

    public boolean isClassification() {
        return probabilities != null;
    }

    /** The MC spread: what more training data could reduce. */
    public double epistemicStd() {
        return std;
    }

    /** The MC std for regression, mutual information (BALD) for classification. */
    public double uncertainty() {
        return isClassification() ? mutualInformation : std;
    }

    /**
     * The uncertainty of {@code signal}: for classification, mutual information (BALD) for
     * epistemic and predictive entropy for total; for regression the epistemic std, or for total
     * the calibrated total std (the plain total std when uncalibrated).
     */
    public double uncertainty(UncertaintySignal signal) {
        if (isClassification()) {
            return signal == UncertaintySignal.EPISTEMIC ? mutualInformation : entropy;
        }
        if (signal == UncertaintySignal.EPISTEMIC) {
            return std;
        }
        return Double.isNaN(calibratedStd) ? totalStd() : calibratedStd;
    }

    /** Total predictive std for regression: epistemic and aleatoric combined. */
    public double totalStd() {
        return Double.isNaN(aleatoricStd)
                ? std
                : Math.sqrt(std * std + aleatoricStd * aleatoricStd);
    }

    @Override
    public String toString() {
        return "Prediction[score="
                + score
                + ", std="
                + std
                + ", aleatoricStd="
                + aleatoricStd
                + ", probabilities="
                + Arrays.toString(probabilities)
                + ", entropy="
                + entropy
                + ", mutualInformation="
                + mutualInformation
                + ", variationRatio="
                + variationRatio
                + ", samples="
                + samples
                + ", segments="
                + segments
                + ", truncated="
                + truncated
                + ", segmentStd="
                + segmentStd
                + ", interval=["
                + lower
                + ", "
                + upper
                + "]@"
                + intervalLevel
                + ", wrongSideProbability="
                + wrongSideProbability
                + ", novelty="
                + novelty
                + ", calibratedStd="
                + calibratedStd
                + "]";
    }
}
