package dev.varsent.scoring;

import java.io.Serializable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.Rejected;
import dev.varsent.events.StrictJson;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.RawRecord;

/**
 * Decodes and validates one record of the reviews topic: strict UTF-8, one JSON object, a non-blank
 * string {@code id} and {@code text}, text at most {@code maxTextBytes} UTF-8 bytes, optional
 * {@code source}/{@code product} strings, a numeric {@code rating} and a {@code timestamp} in epoch
 * millis or ISO-8601. Unknown fields are ignored; JSON {@code null} counts as absent.
 */
public final class ReviewParser implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int maxTextBytes;

    public ReviewParser(int maxTextBytes) {
        this.maxTextBytes = maxTextBytes;
    }

    public ParseOutcome parse(RawRecord raw) {
        try {
            JsonNode root = StrictJson.object(raw.value());
            String id = StrictJson.id(root);
            String text = StrictJson.requiredString(root, "text", id, DeadLetterReason.MISSING_TEXT,
                    DeadLetterReason.EMPTY_TEXT);
            int textBytes = utf8Length(text);
            if (textBytes > maxTextBytes) {
                return new ParseOutcome.Invalid(DeadLetterReason.TEXT_TOO_LARGE,
                        "field 'text' has " + textBytes + " UTF-8 bytes, the limit is " + maxTextBytes, id);
            }
            String source = StrictJson.optionalString(root, "source", id);
            String product = StrictJson.optionalString(root, "product", id);
            Double rating = StrictJson.optionalNumber(root, "rating", id);
            long eventTime = StrictJson.timestamp(root, "timestamp", raw.position().timestamp(), id);
            return new ParseOutcome.Valid(new ParsedReview(id, text, source, product, rating, eventTime, raw.position()));
        } catch (Rejected e) {
            return new ParseOutcome.Invalid(e.reason(), e.getMessage(), e.id());
        }
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
