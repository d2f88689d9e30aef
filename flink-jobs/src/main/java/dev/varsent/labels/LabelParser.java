package dev.varsent.labels;

import com.fasterxml.jackson.databind.JsonNode;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.RawRecord;
import dev.varsent.events.RecordParser;
import dev.varsent.events.Rejected;
import dev.varsent.events.StrictJson;
import java.util.Locale;

/**
 * Decodes and validates one record of the labels topic: strict UTF-8, one JSON object with a
 * non-blank string {@code id}, exactly one of {@code rating} (a finite number in [0, 1]) or {@code
 * class} ({@code "pos"} meaning rating 1.0, {@code "neg"} meaning 0.0, case-insensitive), a
 * non-blank string {@code labeler}, and {@code labelled_at} in epoch millis or ISO-8601 (absent:
 * the Kafka record's timestamp), each within the {@link InputLimits}. Unknown fields are ignored;
 * JSON {@code null} counts as absent.
 */
public final class LabelParser implements RecordParser<Label> {

    private static final long serialVersionUID = 1L;

    public static final String POSITIVE_CLASS = "pos";
    public static final String NEGATIVE_CLASS = "neg";

    private final InputLimits limits;

    public LabelParser(InputLimits limits) {
        this.limits = limits;
    }

    /**
     * {@code now}: the processing time, against which a {@code labelled_at} in the future is
     * judged.
     */
    @Override
    public Parsed<Label> parse(RawRecord raw, long now) {
        try {
            JsonNode root = StrictJson.object(raw.value());
            String id = limits.id(root);
            double rating = rating(root, id);
            String labeler =
                    limits.field(
                            "labeler",
                            StrictJson.requiredString(
                                    root,
                                    "labeler",
                                    id,
                                    DeadLetterReason.MISSING_LABELER,
                                    DeadLetterReason.EMPTY_LABELER),
                            id);
            long labelledAt =
                    limits.timestamp(root, "labelled_at", raw.position().timestamp(), now, id);
            return new Parsed.Valid<>(new Label(id, rating, labeler, labelledAt));
        } catch (Rejected e) {
            return Parsed.rejected(e);
        }
    }

    private static double rating(JsonNode root, String id) throws Rejected {
        JsonNode rating = root.get("rating");
        JsonNode labelClass = root.get("class");
        boolean hasRating = !StrictJson.absent(rating);
        boolean hasClass = !StrictJson.absent(labelClass);
        if (hasRating && hasClass) {
            throw new Rejected(
                    DeadLetterReason.AMBIGUOUS_LABEL,
                    "both 'rating' and 'class' are given; send one",
                    id);
        }
        if (!hasRating && !hasClass) {
            throw new Rejected(
                    DeadLetterReason.MISSING_LABEL, "neither 'rating' nor 'class' is given", id);
        }
        if (hasRating) {
            if (!rating.isNumber()) {
                throw new Rejected(
                        DeadLetterReason.WRONG_TYPE,
                        "field 'rating' must be a number, got " + StrictJson.typeName(rating),
                        id);
            }
            double value = rating.doubleValue();
            if (!Double.isFinite(value) || value < 0 || value > 1) {
                throw new Rejected(
                        DeadLetterReason.INVALID_RATING,
                        "field 'rating' must be a finite number in [0, 1], got " + rating.asText(),
                        id);
            }
            return value;
        }
        if (!labelClass.isTextual()) {
            throw new Rejected(
                    DeadLetterReason.WRONG_TYPE,
                    "field 'class' must be a string, got " + StrictJson.typeName(labelClass),
                    id);
        }
        return switch (labelClass.textValue().trim().toLowerCase(Locale.ROOT)) {
            case POSITIVE_CLASS -> 1.0;
            case NEGATIVE_CLASS -> 0.0;
            default ->
                    throw new Rejected(
                            DeadLetterReason.UNKNOWN_CLASS,
                            "field 'class' must be '"
                                    + POSITIVE_CLASS
                                    + "' or '"
                                    + NEGATIVE_CLASS
                                    + "', got '"
                                    + abbreviate(labelClass.textValue())
                                    + "'",
                            id);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
