package dev.varsent.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A record that could not be scored: the stable {@code reason} code, a human {@code message}, where it
 * was read, its key, and its raw value bytes ({@code payload}, at most the configured cap;
 * {@code payloadBytes} is the original length). {@code id} is set when the record got far enough to
 * have one.
 */
public record DeadLetter(
        DeadLetterReason reason,
        String message,
        String id,
        SourcePosition position,
        byte[] key,
        byte[] payload,
        int payloadBytes,
        long failedAt) {

    /** A dead letter of {@code raw}, keeping at most {@code maxPayloadBytes} of its value. */
    public static DeadLetter of(
            RawRecord raw, DeadLetterReason reason, String message, String id, int maxPayloadBytes, long now) {
        byte[] value = raw.value() == null ? new byte[0] : raw.value();
        byte[] payload = value.length <= maxPayloadBytes ? value : Arrays.copyOf(value, maxPayloadBytes);
        return new DeadLetter(reason, message, id, raw.position(), raw.key(), payload, value.length, now);
    }

    /**
     * A dead letter of a review the model could not score. The raw bytes are no longer at hand, so the
     * payload is the review as parsed ({@link EventJson#review}), always valid UTF-8.
     */
    public static DeadLetter ofReview(ParsedReview review, DeadLetterReason reason, String message, long now) {
        byte[] payload = EventJson.review(review);
        return new DeadLetter(reason, message, review.id(), review.position(),
                review.id().getBytes(StandardCharsets.UTF_8), payload, payload.length, now);
    }

    public boolean truncated() {
        return payload.length < payloadBytes;
    }
}
