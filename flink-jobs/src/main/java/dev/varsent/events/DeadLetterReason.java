package dev.varsent.events;

/** Why a record went to the dead-letter topic. The names are stable codes that consumers may match on. */
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
    /** {@code timestamp} is neither epoch millis nor an ISO-8601 instant. */
    INVALID_TIMESTAMP,
    /** The model threw when scoring this review on its own. */
    SCORING_FAILED,
    /** A record of {@code topic.model-updates} that is not a valid announcement; the message starts with the rejection. */
    INVALID_MODEL_UPDATE
}
