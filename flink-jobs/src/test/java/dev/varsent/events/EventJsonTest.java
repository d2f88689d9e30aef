package dev.varsent.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SourcePosition POSITION = new SourcePosition("reviews", 1, 7, 1000L);
    private static final ParsedReview REVIEW =
            new ParsedReview("r1", "fine", "web", null, 4.0, 1234L, POSITION);

    private static JsonNode read(byte[] json) throws Exception {
        return MAPPER.readTree(json);
    }

    @Test
    void aReviewSettledEarlyByAdaptiveSamplingSaysHowManySamplesItGot() throws Exception {
        Prediction p =
                new Prediction(0.8, 0.05, Double.NaN, null, Double.NaN, Double.NaN, Double.NaN, 2);
        JsonNode json = read(EventJson.prediction(new ScoredReview(REVIEW, p, 10, "m-1", 5678L)));
        assertThat(json.get("k").asInt()).isEqualTo(10);
        assertThat(json.get("mc_samples").asInt()).isEqualTo(2);
    }

    @Test
    void regressionPredictionIsFlatAndOmitsUnknownNumbers() throws Exception {
        Prediction p =
                new Prediction(0.8, 0.05, Double.NaN, null, Double.NaN, Double.NaN, Double.NaN, 10);
        JsonNode json = read(EventJson.prediction(new ScoredReview(REVIEW, p, 10, "m-1", 5678L)));
        assertThat(json.get("id").asText()).isEqualTo("r1");
        assertThat(json.get("score").asDouble()).isEqualTo(0.8);
        assertThat(json.get("std").asDouble()).isEqualTo(0.05);
        assertThat(json.has("aleatoric_std")).isFalse();
        assertThat(json.has("lower")).isFalse();
        assertThat(json.has("upper")).isFalse();
        assertThat(json.has("interval_level")).isFalse();
        assertThat(json.has("wrong_side_probability")).isFalse();
        assertThat(json.has("novelty")).isFalse();
        assertThat(json.get("epistemic_std").asDouble()).isEqualTo(0.05);
        assertThat(json.get("total_std").asDouble()).isEqualTo(0.05);
        assertThat(json.get("segments").asInt()).isEqualTo(1);
        assertThat(json.get("truncated").asBoolean()).isFalse();
        assertThat(json.get("uncertainty").asDouble()).isEqualTo(0.05);
        assertThat(json.get("k").asInt()).isEqualTo(10);
        assertThat(json.get("mc_samples").asInt()).isEqualTo(10);
        assertThat(json.get("model_version").asText()).isEqualTo("m-1");
        assertThat(json.get("event_time").asLong()).isEqualTo(1234L);
        assertThat(json.get("processing_time").asLong()).isEqualTo(5678L);
        assertThat(json.get("source").asText()).isEqualTo("web");
        assertThat(json.has("product")).isFalse();
        assertThat(json.get("rating").asDouble()).isEqualTo(4.0);
    }

    @Test
    void wholeReviewPredictionCarriesItsIntervalDecisionUncertaintyAndSegments() throws Exception {
        Prediction p =
                new Prediction(
                        0.7,
                        0.03,
                        0.04,
                        null,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        10,
                        11,
                        true,
                        0.02,
                        0.55,
                        0.85,
                        0.9,
                        0.12,
                        0.3,
                        0.07);
        JsonNode json = read(EventJson.prediction(new ScoredReview(REVIEW, p, 10, "m-1", 0L)));
        assertThat(json.get("epistemic_std").asDouble()).isEqualTo(0.03);
        assertThat(json.get("aleatoric_std").asDouble()).isEqualTo(0.04);
        assertThat(json.get("total_std").asDouble())
                .isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(json.get("segment_std").asDouble()).isEqualTo(0.02);
        assertThat(json.get("lower").asDouble()).isEqualTo(0.55);
        assertThat(json.get("upper").asDouble()).isEqualTo(0.85);
        assertThat(json.get("interval_level").asDouble()).isEqualTo(0.9);
        assertThat(json.get("wrong_side_probability").asDouble()).isEqualTo(0.12);
        assertThat(json.get("novelty").asDouble()).isEqualTo(0.3);
        assertThat(json.get("segments").asInt()).isEqualTo(11);
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThat(json.get("calibrated_std").asDouble()).isEqualTo(0.07);
        // the total signal of a calibrated model is its calibrated std
        assertThat(json.get("uncertainty").asDouble()).isEqualTo(0.07);
    }

    @Test
    void classificationPredictionHasLabelProbabilitiesAndBald() throws Exception {
        Prediction p =
                new Prediction(0.3, 0.1, Double.NaN, new double[] {0.7, 0.3}, 0.61, 0.04, 0.2, 10);
        JsonNode json = read(EventJson.prediction(new ScoredReview(REVIEW, p, 10, "m-1", 0L)));
        assertThat(json.get("label").asText()).isEqualTo("negative");
        assertThat(json.get("probabilities").get(1).asDouble()).isEqualTo(0.3);
        assertThat(json.get("entropy").asDouble()).isEqualTo(0.61);
        assertThat(json.get("bald").asDouble()).isEqualTo(0.04);
        assertThat(json.get("variation_ratio").asDouble()).isEqualTo(0.2);
        // the predictions topic carries the total uncertainty: predictive entropy for a classifier
        assertThat(json.get("uncertainty").asDouble()).isEqualTo(0.61);
    }

    @Test
    void relabelRequestCarriesTextPredictionRuleAndSignal() throws Exception {
        Prediction p = new Prediction(0.5, 0.2, 0.1, null, Double.NaN, Double.NaN, Double.NaN, 10);
        JsonNode json =
                read(
                        EventJson.relabelRequest(
                                new RelabelRequest(
                                        new ScoredReview(REVIEW, p, 10, "m-1", 0L),
                                        "threshold epistemic_std>0.12",
                                        UncertaintySignal.EPISTEMIC)));
        assertThat(json.get("text").asText()).isEqualTo("fine");
        assertThat(json.get("rule").asText()).isEqualTo("threshold epistemic_std>0.12");
        assertThat(json.get("signal").asText()).isEqualTo("epistemic");
        assertThat(json.get("prediction").get("uncertainty").asDouble()).isEqualTo(0.2);
        assertThat(json.get("prediction").get("std").asDouble()).isEqualTo(0.2);
        assertThat(json.get("prediction").get("aleatoric_std").asDouble()).isEqualTo(0.1);
        assertThat(json.get("prediction").get("total_std").asDouble())
                .isCloseTo(Math.sqrt(0.05), org.assertj.core.data.Offset.offset(1e-12));

        JsonNode total =
                read(
                        EventJson.relabelRequest(
                                new RelabelRequest(
                                        new ScoredReview(REVIEW, p, 10, "m-1", 0L),
                                        "threshold total>0.12",
                                        UncertaintySignal.TOTAL)));
        assertThat(total.get("signal").asText()).isEqualTo("total");
        assertThat(total.get("prediction").get("uncertainty").asDouble()).isEqualTo(p.totalStd());
    }

    @Test
    void deadLetterKeepsValidUtf8AsTextAndInvalidBytesAsBase64() throws Exception {
        byte[] text = "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        JsonNode utf8 =
                read(
                        EventJson.deadLetter(
                                DeadLetter.of(
                                        new RawRecord(POSITION, null, text),
                                        DeadLetterReason.MISSING_ID,
                                        "field 'id' is missing",
                                        null,
                                        1024,
                                        99L)));
        assertThat(utf8.get("reason").asText()).isEqualTo("MISSING_ID");
        assertThat(utf8.get("encoding").asText()).isEqualTo("utf-8");
        assertThat(utf8.get("payload").asText()).isEqualTo("{\"text\":\"caf\u00e9\"}");
        assertThat(utf8.get("source").get("offset").asLong()).isEqualTo(7);
        assertThat(utf8.get("source").get("partition").asInt()).isEqualTo(1);
        assertThat(utf8.get("failed_at").asLong()).isEqualTo(99L);

        byte[] invalid = {'{', (byte) 0xFF, (byte) 0xFE, '}'};
        JsonNode base64 =
                read(
                        EventJson.deadLetter(
                                DeadLetter.of(
                                        new RawRecord(POSITION, null, invalid),
                                        DeadLetterReason.INVALID_UTF8,
                                        "bad",
                                        null,
                                        1024,
                                        99L)));
        assertThat(base64.get("encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(base64.get("payload").asText())).isEqualTo(invalid);
    }

    @Test
    void oversizePayloadIsTruncatedAtACharacterBoundaryAndFlagged() throws Exception {
        byte[] value = ("x" + "\u00e9".repeat(2000)).getBytes(StandardCharsets.UTF_8);
        DeadLetter letter =
                DeadLetter.of(
                        new RawRecord(POSITION, null, value),
                        DeadLetterReason.TEXT_TOO_LARGE,
                        "too large",
                        "r",
                        1024,
                        0L);
        JsonNode json = read(EventJson.deadLetter(letter));
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThat(json.get("payload_bytes").asInt()).isEqualTo(value.length);
        assertThat(json.get("encoding").asText()).isEqualTo("utf-8");
        assertThat(json.get("payload").asText()).isEqualTo("x" + "\u00e9".repeat(511));
    }
}
