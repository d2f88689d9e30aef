package dev.varsent.events;

import static dev.varsent.config.VarsentOptions.MAX_FIELD_BYTES;
import static dev.varsent.config.VarsentOptions.MAX_FUTURE_SKEW;
import static dev.varsent.config.VarsentOptions.MAX_TEXT_BYTES;
import static dev.varsent.config.VarsentOptions.REVIEW_RATING_MAX;
import static dev.varsent.config.VarsentOptions.REVIEW_RATING_MIN;

import com.fasterxml.jackson.databind.JsonNode;
import dev.varsent.config.VarsentConfig;
import java.io.Serializable;

/**
 * The bounds every input record is held to, so that no record can make an output too large to
 * write: a string field (id, source, product, labeler, model version) at most {@code maxFieldBytes}
 * UTF-8 bytes, a text at most {@code maxTextBytes}; a timestamp not before 1970 and at most {@code
 * maxFutureSkewMs} after the processing time; a review's rating finite and in [{@code ratingMin},
 * {@code ratingMax}].
 *
 * <p>Ids: an id is taken byte for byte (no trimming, no case or Unicode normalisation) and refused
 * as {@link DeadLetterReason#INVALID_ID} when it holds a control character (Unicode Cc), a format
 * character (Cf: zero-width spaces and joiners, bidirectional marks, the BOM), a line or paragraph
 * separator, or an unpaired surrogate: two ids that look alike are then never two different keys.
 */
public record InputLimits(
        int maxFieldBytes,
        int maxTextBytes,
        long maxFutureSkewMs,
        double ratingMin,
        double ratingMax)
        implements Serializable {

    /**
     * No bounds: for a reader that only answers what it reads (the oracle labeler), never for a
     * job's input.
     */
    public static final InputLimits NONE =
            new InputLimits(
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Long.MAX_VALUE,
                    Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY);

    public static InputLimits from(VarsentConfig config) {
        return new InputLimits(
                config.get(MAX_FIELD_BYTES),
                config.get(MAX_TEXT_BYTES),
                config.get(MAX_FUTURE_SKEW).toMillis(),
                config.get(REVIEW_RATING_MIN),
                config.get(REVIEW_RATING_MAX));
    }

    /**
     * The record's {@code id}: non-blank, at most {@code maxFieldBytes}, no invisible characters.
     */
    public String id(JsonNode root) throws Rejected {
        String id = StrictJson.id(root);
        long bytes = utf8Length(id);
        if (bytes > maxFieldBytes) {
            throw new Rejected(
                    DeadLetterReason.FIELD_TOO_LONG,
                    "field 'id' has " + bytes + " UTF-8 bytes, the limit is " + maxFieldBytes,
                    null);
        }
        int bad = invisibleAt(id);
        if (bad >= 0) {
            throw new Rejected(
                    DeadLetterReason.INVALID_ID,
                    String.format(
                            "field 'id' holds the invisible or control character U+%04X at index %d",
                            id.codePointAt(bad), bad),
                    null);
        }
        return id;
    }

    /**
     * {@code value} (null: absent) of {@code field}, refused when longer than {@code
     * maxFieldBytes}.
     */
    public String field(String field, String value, String id) throws Rejected {
        if (value != null) {
            long bytes = utf8Length(value);
            if (bytes > maxFieldBytes) {
                throw new Rejected(
                        DeadLetterReason.FIELD_TOO_LONG,
                        "field '"
                                + field
                                + "' has "
                                + bytes
                                + " UTF-8 bytes, the limit is "
                                + maxFieldBytes,
                        id);
            }
        }
        return value;
    }

    /**
     * The required string field {@code text} of {@code root}: refused as {@link
     * DeadLetterReason#MISSING_TEXT} or {@link DeadLetterReason#EMPTY_TEXT}, and as {@link
     * DeadLetterReason#TEXT_TOO_LARGE} above {@code maxTextBytes}.
     */
    public String text(JsonNode root, String id) throws Rejected {
        String text =
                StrictJson.requiredString(
                        root,
                        "text",
                        id,
                        DeadLetterReason.MISSING_TEXT,
                        DeadLetterReason.EMPTY_TEXT);
        long bytes = utf8Length(text);
        if (bytes > maxTextBytes) {
            throw new Rejected(
                    DeadLetterReason.TEXT_TOO_LARGE,
                    "field 'text' has " + bytes + " UTF-8 bytes, the limit is " + maxTextBytes,
                    id);
        }
        return text;
    }

    /**
     * {@link StrictJson#timestamp}, refused before 1970 or more than {@code maxFutureSkewMs} after
     * {@code now}.
     */
    public long timestamp(JsonNode root, String field, long fallback, long now, String id)
            throws Rejected {
        long at = StrictJson.timestamp(root, field, fallback, id);
        if (at < 0) {
            throw new Rejected(
                    DeadLetterReason.INVALID_TIMESTAMP,
                    "field '" + field + "' (" + at + ") is before 1970",
                    id);
        }
        if (at - now > maxFutureSkewMs) {
            throw new Rejected(
                    DeadLetterReason.INVALID_TIMESTAMP,
                    "field '"
                            + field
                            + "' ("
                            + at
                            + ") is "
                            + (at - now)
                            + " ms in the future, more than input.max-future-skew ("
                            + maxFutureSkewMs
                            + " ms)",
                    id);
        }
        return at;
    }

    /** A review's optional {@code rating}: finite and in [{@code ratingMin}, {@code ratingMax}]. */
    public Double reviewRating(JsonNode root, String id) throws Rejected {
        Double rating = StrictJson.optionalNumber(root, "rating", id);
        if (rating != null
                && !(Double.isFinite(rating) && rating >= ratingMin && rating <= ratingMax)) {
            throw new Rejected(
                    DeadLetterReason.INVALID_RATING,
                    "field 'rating' must be a finite number in ["
                            + ratingMin
                            + ", "
                            + ratingMax
                            + "], got "
                            + root.get("rating").asText(),
                    id);
        }
        return rating;
    }

    /**
     * Index of the first control, format or separator character or unpaired surrogate of {@code s},
     * else -1.
     */
    static int invisibleAt(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** UTF-8 length of {@code s}; an unpaired surrogate counts 3 (as the replacement character). */
    public static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
