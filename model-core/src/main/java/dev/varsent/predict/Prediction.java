package dev.varsent.predict;

import java.util.Arrays;

/**
 * One review's prediction from K stochastic (MC dropout) passes, or from the deterministic dropout
 * approximation when {@code samples == 1} and dropout is off.
 *
 * <p>Regression head (the paper's rating in [0,1]): {@code score} is the predictive mean rating,
 * {@code std} the MC standard deviation (epistemic) and {@code aleatoricStd} the model's noise level
 * sqrt(1/tau) (NaN when unknown); the classification fields are NaN / null.
 *
 * <p>Classification head: {@code probabilities} are the mean class probabilities, {@code score} is the
 * probability of the positive class, {@code std} its MC standard deviation, and entropy, mutual
 * information (BALD) and variation ratio describe the uncertainty.
 */
public record Prediction(
        double score,
        double std,
        double aleatoricStd,
        double[] probabilities,
        double entropy,
        double mutualInformation,
        double variationRatio,
        int samples) {

    public boolean isClassification() {
        return probabilities != null;
    }

    /** The uncertainty used for routing: MC std for regression, mutual information (BALD) for classification. */
    public double uncertainty() {
        return isClassification() ? mutualInformation : std;
    }

    /** Total predictive std for regression: epistemic and aleatoric combined. */
    public double totalStd() {
        return Double.isNaN(aleatoricStd) ? std : Math.sqrt(std * std + aleatoricStd * aleatoricStd);
    }

    @Override
    public String toString() {
        return "Prediction[score=" + score + ", std=" + std + ", aleatoricStd=" + aleatoricStd
                + ", probabilities=" + Arrays.toString(probabilities) + ", entropy=" + entropy
                + ", mutualInformation=" + mutualInformation + ", variationRatio=" + variationRatio
                + ", samples=" + samples + "]";
    }
}
