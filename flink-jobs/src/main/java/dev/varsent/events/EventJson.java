package dev.varsent.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The JSON of the three output topics. Field names are snake_case; times are epoch milliseconds; a
 * number that is not finite (e.g. an unknown aleatoric std) is left out rather than written as
 * null.
 */
public final class EventJson {

    /** Immutable once built; ObjectMapper is thread-safe for writing. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {}

    /** A {@code predictions} record: the review's id and metadata with its prediction, flat. */
    public static byte[] prediction(ScoredReview scored) {
        ObjectNode json = MAPPER.createObjectNode();
        ParsedReview review = scored.review();
        json.put("id", review.id());
        writePrediction(json, scored, UncertaintySignal.TOTAL);
        writeMetadata(json, review);
        json.put("event_time", review.eventTime());
        json.put("processing_time", scored.processingTime());
        return bytes(json);
    }

    /**
     * A {@code relabel-requests} record: the review with its text, the prediction nested, the rule,
     * and the signal ({@code total} or {@code epistemic}) whose uncertainty the rule compared.
     */
    public static byte[] relabelRequest(RelabelRequest request) {
        ScoredReview scored = request.scored();
        ParsedReview review = scored.review();
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", review.id());
        json.put("text", review.text());
        writeMetadata(json, review);
        writePrediction(json.putObject("prediction"), scored, request.signal());
        json.put("rule", request.rule());
        json.put("signal", request.signal().name().toLowerCase(Locale.ROOT));
        json.put("event_time", review.eventTime());
        json.put("processing_time", scored.processingTime());
        return bytes(json);
    }

    /**
     * A {@code dead-letters} record. The payload is the raw value as a UTF-8 string when it is
     * valid UTF-8 ({@code "encoding":"utf-8"}), else base64 ({@code "encoding":"base64"}); {@code
     * payload_sha256} is the SHA-256 of the whole raw value, also when the payload is only an
     * excerpt.
     */
    public static byte[] deadLetter(DeadLetter letter) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("reason", letter.reason().name());
        json.put("message", letter.message());
        if (letter.id() != null) {
            json.put("id", letter.id());
        }
        String utf8 = strictUtf8(letter.payload());
        if (utf8 != null) {
            json.put("encoding", "utf-8");
            json.put("payload", utf8);
        } else {
            json.put("encoding", "base64");
            json.put("payload", Base64.getEncoder().encodeToString(letter.payload()));
        }
        json.put("payload_bytes", letter.payloadBytes());
        json.put("truncated", letter.truncated());
        json.put("payload_sha256", letter.payloadSha256());
        ObjectNode source = json.putObject("source");
        SourcePosition position = letter.position();
        source.put("topic", position.topic());
        source.put("partition", position.partition());
        source.put("offset", position.offset());
        source.put("timestamp", position.timestamp());
        json.put("failed_at", letter.failedAt());
        return bytes(json);
    }

    /**
     * The fields of a parsed review as JSON: what a SCORING_FAILED dead letter carries as its
     * payload.
     */
    public static byte[] review(ParsedReview review) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", review.id());
        json.put("text", review.text());
        writeMetadata(json, review);
        json.put("timestamp", review.eventTime());
        return bytes(json);
    }

    /**
     * The prediction's fields; {@code uncertainty} is the value of {@code signal} (what routed a
     * relabel request; the total uncertainty on the predictions topic).
     */
    private static void writePrediction(
            ObjectNode json, ScoredReview scored, UncertaintySignal signal) {
        Prediction p = scored.prediction();
        putFinite(json, "score", p.score());
        if (p.isClassification()) {
            json.put("label", label(p.probabilities(), p.score()));
            ArrayNode probabilities = json.putArray("probabilities");
            for (double probability : p.probabilities()) {
                probabilities.add(probability);
            }
            putFinite(json, "std", p.std());
            putFinite(json, "entropy", p.entropy());
            putFinite(json, "bald", p.mutualInformation());
            putFinite(json, "variation_ratio", p.variationRatio());
        } else {
            putFinite(json, "std", p.std());
            putFinite(json, "epistemic_std", p.epistemicStd());
            putFinite(json, "aleatoric_std", p.aleatoricStd());
            putFinite(json, "total_std", p.totalStd());
            putFinite(json, "calibrated_std", p.calibratedStd());
            putFinite(json, "segment_std", p.segmentStd());
            putFinite(json, "lower", p.lower());
            putFinite(json, "upper", p.upper());
            putFinite(json, "interval_level", p.intervalLevel());
            putFinite(json, "wrong_side_probability", p.wrongSideProbability());
        }
        putFinite(json, "novelty", p.novelty());
        putFinite(json, "uncertainty", p.uncertainty(signal));
        json.put("segments", p.segments());
        json.put("truncated", p.truncated());
        json.put("k", scored.k());
        // Fewer than k when adaptive sampling settled the review's routing early: its epistemic
        // std then rests on these samples.
        json.put("mc_samples", p.samples());
        json.put("model_version", scored.modelVersion());
    }

    private static void writeMetadata(ObjectNode json, ParsedReview review) {
        if (review.source() != null) {
            json.put("source", review.source());
        }
        if (review.product() != null) {
            json.put("product", review.product());
        }
        if (review.rating() != null) {
            json.put("rating", review.rating());
        }
    }

    /** "negative"/"positive" for a two-class head, else "class_i" of the most probable class. */
    static String label(double[] probabilities, double positiveProbability) {
        if (probabilities.length == 2) {
            return positiveProbability >= 0.5 ? "positive" : "negative";
        }
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return "class_" + best;
    }

    private static void putFinite(ObjectNode json, String field, double value) {
        if (Double.isFinite(value)) {
            json.put(field, value);
        }
    }

    /** The bytes as a string when they are valid UTF-8, else null. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] bytes(ObjectNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
