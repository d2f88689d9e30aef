package dev.varsent.events;

import static dev.varsent.config.VarsentOptions.DEAD_LETTER_MAX_PAYLOAD_BYTES;
import static dev.varsent.events.JsonSize.MAX_ESCAPE_FACTOR;

import dev.varsent.config.VarsentConfig;

/**
 * The largest record, key and value in bytes as the producer counts them, that each output of the
 * jobs can be given the input limits: every string from input counted at its worst escaping ({@link
 * JsonSize#MAX_ESCAPE_FACTOR} bytes per byte), plus a fixed allowance for field names, numbers and
 * Kafka's per-record overhead. A job refuses to start when a bound is above the producer's {@code
 * max.request.size} or its topic's {@code max.message.bytes} ({@code kafka.TopicSizeCheck}), so a
 * record it builds can always be written.
 */
public record RecordBounds(InputLimits limits, int maxDeadLetterPayloadBytes) {

    /**
     * Field names, numbers (a prediction has about twenty, a class-probability array a few more)
     * and Kafka's record overhead.
     */
    static final int FIXED_BYTES = 16 * 1024;

    /** The source position's topic name: Kafka allows 249 characters of [a-zA-Z0-9._-]. */
    private static final int TOPIC_NAME_BYTES = 249;

    /** Lower-case hex SHA-256. */
    private static final int SHA256_BYTES = 64;

    public static RecordBounds from(VarsentConfig config) {
        return new RecordBounds(
                InputLimits.from(config), config.get(DEAD_LETTER_MAX_PAYLOAD_BYTES));
    }

    /** A {@code predictions} record: id, source, product and model version from input, numbers. */
    public long prediction() {
        return field() + 4L * escaped(limits.maxFieldBytes()) + FIXED_BYTES;
    }

    /** A {@code relabel-requests} record: a prediction with the text. */
    public long relabelRequest() {
        return prediction() + escaped(limits.maxTextBytes());
    }

    /**
     * A {@code dead-letters} record: the payload excerpt, the id, the message, the key, the source
     * position.
     */
    public long deadLetter() {
        return Math.max(DeadLetter.MAX_KEY_BYTES, limits.maxFieldBytes())
                + (long) maxDeadLetterPayloadBytes
                + escaped(limits.maxFieldBytes())
                + escaped(DeadLetter.MAX_MESSAGE_CHARS)
                + TOPIC_NAME_BYTES
                + SHA256_BYTES
                + FIXED_BYTES;
    }

    /**
     * A {@code labelled-examples} record: id, text, labeler and model version from input, numbers.
     */
    public long labelledExample() {
        return field()
                + escaped(limits.maxTextBytes())
                + 3L * escaped(limits.maxFieldBytes())
                + FIXED_BYTES;
    }

    /** The key: an id. */
    private long field() {
        return limits.maxFieldBytes();
    }

    /** A string of {@code bytes} UTF-8 bytes (or chars) in JSON. */
    private static long escaped(long bytes) {
        return MAX_ESCAPE_FACTOR * bytes;
    }
}
