package dev.varsent.labels;

import com.fasterxml.jackson.databind.JsonNode;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.EventJson;
import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.RawRecord;
import dev.varsent.events.RecordParser;
import dev.varsent.events.Rejected;
import dev.varsent.events.StrictJson;

/**
 * Reads one record of the relabel-requests topic as the scoring job writes it ({@link
 * EventJson#relabelRequest}): a non-blank {@code id} and {@code text} are required; {@code
 * prediction.model_version} and {@code prediction.uncertainty} are taken when present; the request
 * time is {@code processing_time}, else the Kafka record's timestamp; each within the {@link
 * InputLimits}.
 */
public final class RelabelRequestParser implements RecordParser<LabelRequest> {

    private static final long serialVersionUID = 1L;

    private final InputLimits limits;

    public RelabelRequestParser(InputLimits limits) {
        this.limits = limits;
    }

    /**
     * {@code now}: the processing time, against which a {@code processing_time} in the future is
     * judged.
     */
    @Override
    public Parsed<LabelRequest> parse(RawRecord raw, long now) {
        try {
            JsonNode root = StrictJson.object(raw.value());
            String id = limits.id(root);
            String text = limits.text(root, id);
            String modelVersion = null;
            double uncertainty = Double.NaN;
            JsonNode prediction = root.get("prediction");
            if (!StrictJson.absent(prediction)) {
                if (!prediction.isObject()) {
                    throw new Rejected(
                            DeadLetterReason.WRONG_TYPE,
                            "field 'prediction' must be an object, got "
                                    + StrictJson.typeName(prediction),
                            id);
                }
                JsonNode version = prediction.get("model_version");
                if (!StrictJson.absent(version)) {
                    if (!version.isTextual()) {
                        throw new Rejected(
                                DeadLetterReason.WRONG_TYPE,
                                "field 'prediction.model_version' must be a string, got "
                                        + StrictJson.typeName(version),
                                id);
                    }
                    modelVersion =
                            limits.field("prediction.model_version", version.textValue(), id);
                }
                JsonNode u = prediction.get("uncertainty");
                if (!StrictJson.absent(u)) {
                    if (!u.isNumber()) {
                        throw new Rejected(
                                DeadLetterReason.WRONG_TYPE,
                                "field 'prediction.uncertainty' must be a number, got "
                                        + StrictJson.typeName(u),
                                id);
                    }
                    uncertainty = u.doubleValue();
                }
            }
            long requestedAt =
                    limits.timestamp(root, "processing_time", raw.position().timestamp(), now, id);
            return new Parsed.Valid<>(
                    new LabelRequest(id, text, modelVersion, uncertainty, requestedAt));
        } catch (Rejected e) {
            return Parsed.rejected(e);
        }
    }
}
