package dev.varsent.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.RawRecord;
import dev.varsent.events.RecordParser;
import dev.varsent.events.Rejected;
import dev.varsent.events.StrictJson;

/**
 * Decodes and validates one record of the reviews topic: strict UTF-8, one JSON object, a non-blank
 * string {@code id} and {@code text}, optional {@code source}/{@code product} strings, a numeric
 * {@code rating} and a {@code timestamp} in epoch millis or ISO-8601, each within the {@link
 * InputLimits}. Unknown fields are ignored; JSON {@code null} counts as absent.
 */
public final class ReviewParser implements RecordParser<ParsedReview> {

    private static final long serialVersionUID = 1L;

    private final InputLimits limits;

    public ReviewParser(InputLimits limits) {
        this.limits = limits;
    }

    /** {@code now}: the processing time, against which a timestamp in the future is judged. */
    @Override
    public Parsed<ParsedReview> parse(RawRecord raw, long now) {
        try {
            JsonNode root = StrictJson.object(raw.value());
            String id = limits.id(root);
            String text = limits.text(root, id);
            String source =
                    limits.field("source", StrictJson.optionalString(root, "source", id), id);
            String product =
                    limits.field("product", StrictJson.optionalString(root, "product", id), id);
            Double rating = limits.reviewRating(root, id);
            long eventTime =
                    limits.timestamp(root, "timestamp", raw.position().timestamp(), now, id);
            return new Parsed.Valid<>(
                    new ParsedReview(id, text, source, product, rating, eventTime, raw.position()));
        } catch (Rejected e) {
            return Parsed.rejected(e);
        }
    }
}
