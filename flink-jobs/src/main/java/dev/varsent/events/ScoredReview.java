package dev.varsent.events;

import dev.varsent.predict.Prediction;

/**
 * A review with its MC dropout prediction: K passes of the model {@code modelVersion}, scored at
 * {@code processingTime}.
 */
public record ScoredReview(
        ParsedReview review,
        Prediction prediction,
        int k,
        String modelVersion,
        long processingTime) {}
