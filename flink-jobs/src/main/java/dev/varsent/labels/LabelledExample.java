package dev.varsent.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.events.Rejected;
import dev.varsent.events.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One record of the labelled-example store ({@code topic.labelled-examples}, a compacted topic
 * keyed by review id): the review's {@code text} with the {@code rating} in [0, 1] its {@code
 * labeler} gave at {@code labelledAt} (epoch millis), and the {@code modelVersion} and {@code
 * uncertainty} of the prediction that asked for the label (null and NaN when the request did not
 * say).
 *
 * <p>The value is UTF-8 JSON: {@code
 * {"event_version":1,"id","text","rating","labeler","labelled_at", "model_version","uncertainty"}},
 * with {@code null} for an unknown model version or uncertainty. The latest label of a review is
 * the last record of its key; the labels job never writes a label older than the one already
 * stored.
 */
public record LabelledExample(
        String id,
        String text,
        double rating,
        String labeler,
        long labelledAt,
        String modelVersion,
        double uncertainty) {

    /** The layout this build writes and the newest it reads. */
    public static final int EVENT_VERSION = 1;

    public LabelledExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(labeler, "labeler");
    }

    /** The record key: the review id, UTF-8. */
    public byte[] key() {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] toJson() {
        ObjectNode json = StrictJson.MAPPER.createObjectNode();
        json.put("event_version", EVENT_VERSION);
        json.put("id", id);
        json.put("text", text);
        json.put("rating", rating);
        json.put("labeler", labeler);
        json.put("labelled_at", labelledAt);
        if (modelVersion == null) {
            json.putNull("model_version");
        } else {
            json.put("model_version", modelVersion);
        }
        if (Double.isFinite(uncertainty)) {
            json.put("uncertainty", uncertainty);
        } else {
            json.putNull("uncertainty");
        }
        try {
            return StrictJson.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Reads a record value of the store.
     *
     * @throws IllegalArgumentException naming the problem when {@code value} is null (a tombstone),
     *     not one UTF-8 JSON object, of a newer {@code event_version}, or a field is missing, of
     *     the wrong type or out of range
     */
    public static LabelledExample fromJson(byte[] value) {
        JsonNode json;
        try {
            json = StrictJson.object(value);
        } catch (Rejected e) {
            throw new IllegalArgumentException("not a labelled example: " + e.getMessage());
        }
        JsonNode version = json.get("event_version");
        if (version == null || !version.isIntegralNumber()) {
            throw invalid("field 'event_version' must be a whole number");
        }
        if (version.asLong() < 1 || version.asLong() > EVENT_VERSION) {
            throw invalid(
                    "event_version "
                            + version.asText()
                            + " is not supported (this build reads 1 to "
                            + EVENT_VERSION
                            + ")");
        }
        String id = text(json, "id");
        String text = text(json, "text");
        JsonNode rating = json.get("rating");
        if (rating == null
                || !rating.isNumber()
                || !Double.isFinite(rating.doubleValue())
                || rating.doubleValue() < 0
                || rating.doubleValue() > 1) {
            throw invalid("field 'rating' must be a number in [0, 1], got " + describe(rating));
        }
        String labeler = text(json, "labeler");
        JsonNode labelledAt = json.get("labelled_at");
        if (labelledAt == null
                || !labelledAt.isIntegralNumber()
                || !labelledAt.canConvertToLong()) {
            throw invalid(
                    "field 'labelled_at' must be whole epoch milliseconds, got "
                            + describe(labelledAt));
        }
        JsonNode modelVersion = json.get("model_version");
        if (!StrictJson.absent(modelVersion) && !modelVersion.isTextual()) {
            throw invalid(
                    "field 'model_version' must be a string or null, got "
                            + describe(modelVersion));
        }
        JsonNode uncertainty = json.get("uncertainty");
        if (!StrictJson.absent(uncertainty) && !uncertainty.isNumber()) {
            throw invalid(
                    "field 'uncertainty' must be a number or null, got " + describe(uncertainty));
        }
        return new LabelledExample(
                id,
                text,
                rating.doubleValue(),
                labeler,
                labelledAt.longValue(),
                StrictJson.absent(modelVersion) ? null : modelVersion.textValue(),
                StrictJson.absent(uncertainty) ? Double.NaN : uncertainty.doubleValue());
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw invalid(
                    "field '" + field + "' must be a non-empty string, got " + describe(node));
        }
        return node.textValue();
    }

    private static String describe(JsonNode node) {
        return node == null
                ? "nothing"
                : node.isTextual() ? "'" + node.textValue() + "'" : node.toString();
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid labelled example: " + message);
    }
}
