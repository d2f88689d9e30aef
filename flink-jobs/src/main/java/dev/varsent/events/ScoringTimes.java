package dev.varsent.events;

/**
 * When the scoring operator handled a review (epoch millis of its processing-time clock): {@code
 * receivedTime} when the review reached it, {@code batchStartTime} when the micro-batch it was
 * scored in started, {@code batchSize} the reviews in that batch. With {@link
 * ScoredReview#processingTime()} (the batch's end) they split the time a review spent in the job:
 * in transit to the scorer, waiting for its batch, being scored. Written as headers of the output
 * records ({@link #RECEIVED_HEADER} etc.), not into their JSON.
 */
public record ScoringTimes(long receivedTime, long batchStartTime, int batchSize) {

    public static final String RECEIVED_HEADER = "varsent.received-time";
    public static final String BATCH_START_HEADER = "varsent.batch-start-time";
    public static final String BATCH_SIZE_HEADER = "varsent.batch-size";

    public ScoringTimes {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "a batch holds at least one review, got " + batchSize);
        }
    }
}
