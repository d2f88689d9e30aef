package dev.varsent.events;

/**
 * Why a record went to the dead-letter topic. The names are stable codes that consumers may match
 * on.
 */
public enum DeadLetterReason {
    /** The Kafka record had no value (a tombstone) or an empty one. */
    EMPTY_RECORD,
    /** The value is not valid UTF-8. */
    INVALID_UTF8,
    /** The value is not one well-formed JSON document. */
    MALFORMED_JSON,
    /** The JSON is not an object, or a field has the wrong JSON type. */
    WRONG_TYPE,
    MISSING_ID,
    EMPTY_ID,
    MISSING_TEXT,
    EMPTY_TEXT,
    /** The text is longer than {@code scoring.max-text-bytes}. */
    TEXT_TOO_LARGE,
    /**
     * {@code timestamp} (of a label: {@code labelled_at}) is neither epoch millis nor an ISO-8601
     * instant.
     */
    INVALID_TIMESTAMP,
    /** The model threw when scoring this review on its own. */
    SCORING_FAILED,

    // Labels (topic.labels), read by the labels job.
    /** A label record has neither {@code rating} nor {@code class}. */
    MISSING_LABEL,
    /** A label record has both {@code rating} and {@code class}. */
    AMBIGUOUS_LABEL,
    /**
     * {@code rating} is not a finite number in [0, 1] (a review's: in [input.review-rating-min,
     * input.review-rating-max]).
     */
    INVALID_RATING,
    /** {@code class} is neither {@code pos} nor {@code neg}. */
    UNKNOWN_CLASS,
    MISSING_LABELER,
    EMPTY_LABELER,
    /** No relabel request for the label's review id arrived within {@code labels.match-timeout}. */
    UNKNOWN_REVIEW,
    /**
     * A label older ({@code labelled_at}) than the one already stored, or replaced while waiting by
     * a newer one, for the same review.
     */
    STALE_LABEL,
    /**
     * A record of {@code topic.model-updates} that is not a valid announcement; the message starts
     * with the rejection.
     */
    INVALID_MODEL_UPDATE,

    // Input limits (InputLimits).
    /**
     * A string field other than {@code text} (id, source, product, labeler, model version) is
     * longer than {@code input.max-field-bytes}.
     */
    FIELD_TOO_LONG,
    /** The id holds a control or invisible character (see {@code InputLimits}). */
    INVALID_ID,
    /**
     * An output record built from this input would exceed the producer's or the topic's size limit.
     */
    RECORD_TOO_LARGE
}
