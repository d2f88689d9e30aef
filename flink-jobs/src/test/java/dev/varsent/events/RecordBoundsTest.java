package dev.varsent.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.config.VarsentConfig;
import dev.varsent.labels.LabelledExample;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The worst records each output can be given, built from input at every limit, fit their bounds and
 * Kafka's default 1 MiB.
 */
class RecordBoundsTest {

    private static final int ONE_MIB = 1_048_576;
    private static final VarsentConfig DEFAULTS = VarsentConfig.defaults();
    private static final RecordBounds BOUNDS = RecordBounds.from(DEFAULTS);
    private static final InputLimits LIMITS = InputLimits.from(DEFAULTS);
    private static final SourcePosition POSITION =
            new SourcePosition("t".repeat(249), 0, Long.MAX_VALUE, Long.MAX_VALUE);

    /**
     * The worst string of {@code bytes} UTF-8 bytes: control characters, 6 bytes each once escaped.
     */
    private static String controls(int bytes) {
        return "\u0001".repeat(bytes);
    }

    @Test
    void theDefaultBoundsFitTheProducersDefaultRequestSize() {
        assertThat(BOUNDS.prediction()).isLessThan(ONE_MIB);
        assertThat(BOUNDS.relabelRequest()).isLessThan(ONE_MIB);
        assertThat(BOUNDS.deadLetter()).isLessThan(ONE_MIB);
        assertThat(BOUNDS.labelledExample()).isLessThan(ONE_MIB);
    }

    @Test
    void theWorstPredictionAndRelabelRequestStayWithinTheirBounds() {
        String field = controls(LIMITS.maxFieldBytes());
        ParsedReview review =
                new ParsedReview(
                        field,
                        controls(LIMITS.maxTextBytes()),
                        field,
                        field,
                        -Double.MAX_VALUE,
                        Long.MIN_VALUE,
                        POSITION);
        double[] probabilities = new double[64];
        Arrays.fill(probabilities, -Double.MIN_NORMAL / 3);
        Prediction prediction =
                new Prediction(
                        -Double.MIN_NORMAL / 3,
                        -Double.MIN_NORMAL / 3,
                        -Double.MIN_NORMAL / 3,
                        probabilities,
                        -Double.MIN_NORMAL / 3,
                        -Double.MIN_NORMAL / 3,
                        -Double.MIN_NORMAL / 3,
                        Integer.MIN_VALUE,
                        Integer.MIN_VALUE,
                        true,
                        -Double.MIN_NORMAL / 3,
                        -Double.MIN_NORMAL / 3,
                        -Double.MIN_NORMAL / 3,
                        -Double.MIN_NORMAL / 3,
                        -Double.MIN_NORMAL / 3,
                        -Double.MIN_NORMAL / 3);
        ScoredReview scored =
                new ScoredReview(review, prediction, Integer.MIN_VALUE, field, Long.MIN_VALUE);
        long key = field.getBytes(StandardCharsets.UTF_8).length;
        assertThat(key + EventJson.prediction(scored).length)
                .isLessThanOrEqualTo(BOUNDS.prediction());
        assertThat(
                        key
                                + EventJson.relabelRequest(
                                                new RelabelRequest(
                                                        scored,
                                                        "r".repeat(200),
                                                        UncertaintySignal.EPISTEMIC))
                                        .length)
                .isLessThanOrEqualTo(BOUNDS.relabelRequest());
    }

    @Test
    void theWorstLabelledExampleStaysWithinItsBound() {
        String field = controls(LIMITS.maxFieldBytes());
        LabelledExample example =
                new LabelledExample(
                        field,
                        controls(LIMITS.maxTextBytes()),
                        0.123456789012345,
                        field,
                        Long.MIN_VALUE,
                        field,
                        -Double.MIN_NORMAL / 3);
        assertThat((long) example.key().length + example.toJson().length)
                .isLessThanOrEqualTo(BOUNDS.labelledExample());
    }

    /**
     * The record of the issue: about 180 KB of control characters made a 1,080,447-byte dead
     * letter.
     */
    @Test
    void aDeadLetterOfAnyValueStaysWithinItsBoundAndCarriesSizeAndHash() throws Exception {
        for (byte[] value :
                new byte[][] {
                    ("{\"id\":\"r\",\"text\":\"" + controls(180_000) + "\"}")
                            .getBytes(StandardCharsets.UTF_8),
                    controls(1_000_000).getBytes(StandardCharsets.UTF_8),
                    invalidUtf8(1_000_000),
                    ("\"" + "\\\"".repeat(400_000)).getBytes(StandardCharsets.UTF_8)
                }) {
            RawRecord raw = new RawRecord(POSITION, new byte[2_000_000], value);
            DeadLetter letter =
                    DeadLetter.of(
                            raw,
                            DeadLetterReason.TEXT_TOO_LARGE,
                            "m".repeat(100_000),
                            controls(LIMITS.maxFieldBytes()),
                            DEFAULTS.get(
                                    dev.varsent.config.VarsentOptions
                                            .DEAD_LETTER_MAX_PAYLOAD_BYTES),
                            Long.MIN_VALUE);
            byte[] json = EventJson.deadLetter(letter);
            assertThat((long) json.length).isLessThanOrEqualTo(BOUNDS.deadLetter());
            assertThat(letter.key()).as("an oversized key is dropped").isNull();
            JsonNode read = new ObjectMapper().readTree(json);
            assertThat(read.get("truncated").asBoolean()).isTrue();
            assertThat(read.get("payload_bytes").asLong()).isEqualTo(value.length);
            assertThat(read.get("payload_sha256").asText())
                    .isEqualTo(
                            HexFormat.of()
                                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
            assertThat(read.get("message").asText()).hasSize(DeadLetter.MAX_MESSAGE_CHARS);
        }
    }

    @Test
    void aSmallDeadLetterKeepsItsWholePayloadAndKey() {
        byte[] value = "{\"id\":\"r\",\"text\":\"\u0001\"}".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter =
                DeadLetter.of(
                        new RawRecord(POSITION, "r".getBytes(StandardCharsets.UTF_8), value),
                        DeadLetterReason.MISSING_TEXT,
                        "m",
                        "r",
                        1024,
                        0L);
        assertThat(letter.payload()).isEqualTo(value);
        assertThat(letter.truncated()).isFalse();
        assertThat(letter.key()).isEqualTo("r".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] invalidUtf8(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0x01);
        bytes[length - 1] = (byte) 0xFF;
        return bytes;
    }
}
