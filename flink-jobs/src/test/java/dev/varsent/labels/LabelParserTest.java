package dev.varsent.labels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.RawRecord;
import dev.varsent.events.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LabelParserTest {

    private static final long KAFKA_TIMESTAMP = 1_700_000_000_000L;

    /** The processing time the parser judges future timestamps against. */
    private static final long NOW = 1_800_000_000_000L;

    private static final LabelParser PARSER =
            new LabelParser(InputLimits.from(dev.varsent.config.VarsentConfig.defaults()));

    /** Every label reason must be shown by at least one test (checked after all tests). */
    private static final Set<DeadLetterReason> SEEN = EnumSet.noneOf(DeadLetterReason.class);

    private static RawRecord raw(byte[] value) {
        return new RawRecord(new SourcePosition("labels", 0, 7, KAFKA_TIMESTAMP), null, value);
    }

    private static Parsed<Label> parse(String json) {
        return PARSER.parse(raw(json.getBytes(StandardCharsets.UTF_8)), NOW);
    }

    private static Label valid(String json) {
        Parsed<Label> parsed = parse(json);
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid<Label>) parsed).value();
    }

    private static Parsed.Invalid<Label> rejected(Parsed<Label> parsed, DeadLetterReason reason) {
        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        Parsed.Invalid<Label> invalid = (Parsed.Invalid<Label>) parsed;
        assertThat(invalid.reason()).isEqualTo(reason);
        assertThat(invalid.message()).isNotBlank();
        SEEN.add(reason);
        return invalid;
    }

    private static Parsed.Invalid<Label> rejected(String json, DeadLetterReason reason) {
        return rejected(parse(json), reason);
    }

    @Test
    void aRatingLabel() {
        Label label =
                valid(
                        "{\"id\":\"r1\",\"rating\":0.7,\"labeler\":\"oracle\",\"labelled_at\":1700000001234,\"note\":\"ignored\"}");
        assertThat(label).isEqualTo(new Label("r1", 0.7, "oracle", 1_700_000_001_234L));
        assertThat(valid("{\"id\":\"r\",\"rating\":0,\"labeler\":\"a\"}").rating()).isEqualTo(0.0);
        assertThat(valid("{\"id\":\"r\",\"rating\":1,\"labeler\":\"a\"}").rating()).isEqualTo(1.0);
    }

    @Test
    void aClassLabelMeansRatingOneOrZero() {
        assertThat(valid("{\"id\":\"r\",\"class\":\"pos\",\"labeler\":\"a\"}").rating())
                .isEqualTo(1.0);
        assertThat(valid("{\"id\":\"r\",\"class\":\"NEG\",\"labeler\":\"a\"}").rating())
                .isEqualTo(0.0);
        assertThat(
                        valid("{\"id\":\"r\",\"class\":\"pos\",\"rating\":null,\"labeler\":\"a\"}")
                                .rating())
                .isEqualTo(1.0);
    }

    @Test
    void labelledAtIsEpochMillisOrIsoElseTheKafkaTimestamp() {
        assertThat(
                        valid(
                                        "{\"id\":\"r\",\"rating\":0.5,\"labeler\":\"a\",\"labelled_at\":\"2024-03-01T12:00:00Z\"}")
                                .labelledAt())
                .isEqualTo(1_709_294_400_000L);
        assertThat(
                        valid(
                                        "{\"id\":\"r\",\"rating\":0.5,\"labeler\":\"a\",\"labelled_at\":\"1709294400000\"}")
                                .labelledAt())
                .isEqualTo(1_709_294_400_000L);
        assertThat(valid("{\"id\":\"r\",\"rating\":0.5,\"labeler\":\"a\"}").labelledAt())
                .isEqualTo(KAFKA_TIMESTAMP);
    }

    @Test
    void theLabelWrittenByTheOracleReadsBack() {
        Label label = new Label("author/1#2", 0.25, "oracle", 1_700_000_000_001L);
        assertThat(PARSER.parse(raw(label.toJson()), NOW)).isEqualTo(new Parsed.Valid<>(label));
    }

    @Test
    void recordsThatAreNotAJsonObject() {
        rejected(PARSER.parse(raw(null), NOW), DeadLetterReason.EMPTY_RECORD);
        rejected(PARSER.parse(raw(new byte[0]), NOW), DeadLetterReason.EMPTY_RECORD);
        byte[] badUtf8 =
                "{\"id\":\"r\",\"rating\":0.5,\"labeler\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        badUtf8[8] = (byte) 0xFF;
        assertThat(
                        rejected(PARSER.parse(raw(badUtf8), NOW), DeadLetterReason.INVALID_UTF8)
                                .message())
                .contains("byte 8");
        rejected("{\"id\":\"r\",\"rating\":", DeadLetterReason.MALFORMED_JSON);
        rejected("{\"id\":\"r\"} {}", DeadLetterReason.MALFORMED_JSON);
        rejected(
                "{\"id\":\"r\",\"id\":\"s\",\"rating\":0.5,\"labeler\":\"a\"}",
                DeadLetterReason.MALFORMED_JSON);
        rejected(
                "{\"id\":\"r\",\"rating\":NaN,\"labeler\":\"a\"}", DeadLetterReason.MALFORMED_JSON);
        rejected("   ", DeadLetterReason.MALFORMED_JSON);
        rejected("[1,2]", DeadLetterReason.WRONG_TYPE);
    }

    @Test
    void theId() {
        rejected("{\"rating\":0.5,\"labeler\":\"a\"}", DeadLetterReason.MISSING_ID);
        rejected("{\"id\":null,\"rating\":0.5,\"labeler\":\"a\"}", DeadLetterReason.MISSING_ID);
        rejected("{\"id\":\" \",\"rating\":0.5,\"labeler\":\"a\"}", DeadLetterReason.EMPTY_ID);
        rejected("{\"id\":7,\"rating\":0.5,\"labeler\":\"a\"}", DeadLetterReason.WRONG_TYPE);
    }

    @Test
    void theLabelItself() {
        assertThat(
                        rejected("{\"id\":\"r\",\"labeler\":\"a\"}", DeadLetterReason.MISSING_LABEL)
                                .id())
                .isEqualTo("r");
        rejected(
                "{\"id\":\"r\",\"rating\":0.5,\"class\":\"pos\",\"labeler\":\"a\"}",
                DeadLetterReason.AMBIGUOUS_LABEL);
        rejected(
                "{\"id\":\"r\",\"rating\":1.5,\"labeler\":\"a\"}", DeadLetterReason.INVALID_RATING);
        rejected(
                "{\"id\":\"r\",\"rating\":-0.1,\"labeler\":\"a\"}",
                DeadLetterReason.INVALID_RATING);
        assertThat(
                        rejected(
                                        "{\"id\":\"r\",\"rating\":1e400,\"labeler\":\"a\"}",
                                        DeadLetterReason.INVALID_RATING)
                                .message())
                .contains("finite");
        rejected(
                "{\"id\":\"r\",\"rating\":\"0.5\",\"labeler\":\"a\"}", DeadLetterReason.WRONG_TYPE);
        assertThat(
                        rejected(
                                        "{\"id\":\"r\",\"class\":\"neutral\",\"labeler\":\"a\"}",
                                        DeadLetterReason.UNKNOWN_CLASS)
                                .message())
                .contains("'neutral'");
        rejected("{\"id\":\"r\",\"class\":1,\"labeler\":\"a\"}", DeadLetterReason.WRONG_TYPE);
    }

    @Test
    void theLabeler() {
        rejected("{\"id\":\"r\",\"rating\":0.5}", DeadLetterReason.MISSING_LABELER);
        rejected("{\"id\":\"r\",\"rating\":0.5,\"labeler\":\"\"}", DeadLetterReason.EMPTY_LABELER);
        rejected("{\"id\":\"r\",\"rating\":0.5,\"labeler\":[\"a\"]}", DeadLetterReason.WRONG_TYPE);
    }

    @Test
    void theTimestamp() {
        rejected(
                "{\"id\":\"r\",\"rating\":0.5,\"labeler\":\"a\",\"labelled_at\":\"yesterday\"}",
                DeadLetterReason.INVALID_TIMESTAMP);
        rejected(
                "{\"id\":\"r\",\"rating\":0.5,\"labeler\":\"a\",\"labelled_at\":1.5}",
                DeadLetterReason.INVALID_TIMESTAMP);
        rejected(
                "{\"id\":\"r\",\"rating\":0.5,\"labeler\":\"a\",\"labelled_at\":true}",
                DeadLetterReason.INVALID_TIMESTAMP);
    }

    @AfterAll
    static void everyReasonALabelCanHaveIsShown() {
        assertThat(SEEN)
                .containsAll(
                        EnumSet.of(
                                DeadLetterReason.EMPTY_RECORD,
                                DeadLetterReason.INVALID_UTF8,
                                DeadLetterReason.MALFORMED_JSON,
                                DeadLetterReason.WRONG_TYPE,
                                DeadLetterReason.MISSING_ID,
                                DeadLetterReason.EMPTY_ID,
                                DeadLetterReason.MISSING_LABEL,
                                DeadLetterReason.AMBIGUOUS_LABEL,
                                DeadLetterReason.INVALID_RATING,
                                DeadLetterReason.UNKNOWN_CLASS,
                                DeadLetterReason.MISSING_LABELER,
                                DeadLetterReason.EMPTY_LABELER,
                                DeadLetterReason.INVALID_TIMESTAMP));
    }
}
