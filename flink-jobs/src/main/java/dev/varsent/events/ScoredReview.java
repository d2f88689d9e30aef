package dev.varsent.events;

import dev.varsent.predict.Prediction;

/**
 * A review with its MC dropout prediction: K passes of the model {@code modelVersion}, scored at
 * {@code processingTime}; {@code times} says how long it waited for and in its micro-batch (null
 * when not known).
 */
public record ScoredReview(
        ParsedReview review,
        Prediction prediction,
        int k,
        String modelVersion,
        long processingTime,
        ScoringTimes times) {

    /** Without scoring times. */
    public ScoredReview(
            ParsedReview review,
            Prediction prediction,
            int k,
            String modelVersion,
            long processingTime) {
        this(review, prediction, k, modelVersion, processingTime, null);
    }
}
