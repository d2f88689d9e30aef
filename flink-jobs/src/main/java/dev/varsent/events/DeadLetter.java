package dev.varsent.events;

import dev.varsent.bundle.Provenance;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A record that could not be scored: the stable {@code reason} code, a human {@code message}, where
 * it was read, its key, an excerpt of its raw value ({@code payload}), the value's length ({@code
 * payloadBytes}) and the SHA-256 of all its bytes ({@code payloadSha256}). {@code id} is set when
 * the record got far enough to have a valid one.
 *
 * <p>Everything is bounded so that the dead letter can always be written: the payload excerpt takes
 * at most {@code maxPayloadBytes} once written into the JSON (escaped as a string when it is valid
 * UTF-8, else as base64), the message at most {@link #MAX_MESSAGE_CHARS} characters, and a key
 * longer than {@link #MAX_KEY_BYTES} is dropped (the dead letter is then keyed by its id).
 */
public record DeadLetter(
        DeadLetterReason reason,
        String message,
        String id,
        SourcePosition position,
        byte[] key,
        byte[] payload,
        int payloadBytes,
        String payloadSha256,
        long failedAt) {

    public static final int MAX_MESSAGE_CHARS = 1024;
    public static final int MAX_KEY_BYTES = 1024;

    /**
     * A dead letter of {@code raw}, keeping an excerpt of its value that takes at most {@code
     * maxPayloadBytes} in JSON.
     */
    public static DeadLetter of(
            RawRecord raw,
            DeadLetterReason reason,
            String message,
            String id,
            int maxPayloadBytes,
            long now) {
        byte[] value = raw.value() == null ? new byte[0] : raw.value();
        byte[] key = raw.key() != null && raw.key().length <= MAX_KEY_BYTES ? raw.key() : null;
        return new DeadLetter(
                reason,
                bounded(message),
                id,
                raw.position(),
                key,
                excerpt(value, maxPayloadBytes),
                value.length,
                Provenance.sha256Hex(value),
                now);
    }

    /**
     * A dead letter of a review that was parsed but could not be scored or written. The raw bytes
     * are no longer at hand, so the payload is (an excerpt of) the review as parsed ({@link
     * EventJson#review}).
     */
    public static DeadLetter ofReview(
            ParsedReview review,
            DeadLetterReason reason,
            String message,
            int maxPayloadBytes,
            long now) {
        byte[] value = EventJson.review(review);
        return new DeadLetter(
                reason,
                bounded(message),
                review.id(),
                review.position(),
                review.id().getBytes(StandardCharsets.UTF_8),
                excerpt(value, maxPayloadBytes),
                value.length,
                Provenance.sha256Hex(value),
                now);
    }

    public boolean truncated() {
        return payload.length < payloadBytes;
    }

    /**
     * The longest prefix of {@code value} whose JSON form ({@link EventJson#deadLetter}: a string
     * when valid UTF-8, else base64) takes at most {@code maxJsonBytes}, cut at a character
     * boundary.
     */
    static byte[] excerpt(byte[] value, int maxJsonBytes) {
        byte[] head =
                value.length <= maxJsonBytes
                        ? value
                        : trimToCharBoundary(Arrays.copyOf(value, maxJsonBytes));
        String text = EventJson.strictUtf8(head);
        if (text == null) {
            // Invalid UTF-8 goes out as base64: 4 characters for every 3 bytes.
            head = Arrays.copyOf(value, Math.min(value.length, maxJsonBytes / 4 * 3));
            text = EventJson.strictUtf8(trimToCharBoundary(head));
            if (text == null) {
                return head;
            }
        }
        String kept = JsonSize.prefixWithin(text, maxJsonBytes);
        return kept.length() == text.length() && head.length == value.length
                ? value
                : kept.getBytes(StandardCharsets.UTF_8);
    }

    private static String bounded(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE_CHARS
                ? message
                : message.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
    }

    /**
     * A prefix cut at a byte count may end inside a multi-byte character; drop that partial
     * character.
     */
    private static byte[] trimToCharBoundary(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        int start = bytes.length - 1;
        while (start > 0 && bytes.length - start < 4 && (bytes[start] & 0xC0) == 0x80) {
            start--;
        }
        int lead = bytes[start] & 0xFF;
        int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return bytes.length - start >= length ? bytes : Arrays.copyOf(bytes, start);
    }
}
