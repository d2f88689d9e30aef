package dev.varsent.events;

import dev.varsent.predict.Prediction;

/** Small builders of events for tests. */
public final class TestEvents {

    public static final SourcePosition POSITION =
            new SourcePosition("reviews", 0, 0, 1_700_000_000_000L);

    private TestEvents() {}

    public static ParsedReview review(String id, String text) {
        return new ParsedReview(id, text, null, null, null, POSITION.timestamp(), POSITION);
    }

    public static Prediction regression(double score, double std) {
        return new Prediction(score, std, Double.NaN, null, Double.NaN, Double.NaN, Double.NaN, 10);
    }

    public static ScoredReview scored(String id, double std) {
        return new ScoredReview(
                review(id, "text of " + id), regression(0.5, std), 10, "test-model", 0L);
    }

    /**
     * A regression prediction with an epistemic (MC) std and an aleatoric std: total = sqrt of
     * their squares' sum.
     */
    public static ScoredReview scored(String id, double epistemicStd, double aleatoricStd) {
        Prediction p =
                new Prediction(
                        0.5,
                        epistemicStd,
                        aleatoricStd,
                        null,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        10);
        return new ScoredReview(review(id, "text of " + id), p, 10, "test-model", 0L);
    }
}
