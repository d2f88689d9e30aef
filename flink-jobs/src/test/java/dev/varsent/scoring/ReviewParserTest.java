package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.RawRecord;
import dev.varsent.events.SourcePosition;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReviewParserTest {

    private static final long KAFKA_TIMESTAMP = 1_700_000_000_000L;

    /** The processing time the parser judges future timestamps against. */
    private static final long NOW = 1_800_000_000_000L;

    private final ReviewParser parser =
            new ReviewParser(new InputLimits(1024, 100, 86_400_000L, 0.0, 10.0));

    private static RawRecord record(byte[] value) {
        return new RawRecord(new SourcePosition("reviews", 3, 42, KAFKA_TIMESTAMP), null, value);
    }

    private static RawRecord record(String json) {
        return record(json.getBytes(StandardCharsets.UTF_8));
    }

    private ParsedReview valid(String json) {
        Parsed<ParsedReview> outcome = parser.parse(record(json), NOW);
        assertThat(outcome).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid<ParsedReview>) outcome).value();
    }

    private Parsed.Invalid<ParsedReview> invalid(RawRecord raw) {
        Parsed<ParsedReview> outcome = parser.parse(raw, NOW);
        assertThat(outcome).isInstanceOf(Parsed.Invalid.class);
        return (Parsed.Invalid<ParsedReview>) outcome;
    }

    @Test
    void parsesAllFieldsAndToleratesUnknownOnes() {
        ParsedReview review =
                valid(
                        "{\"id\":\"r1\",\"text\":\"Great phone\",\"source\":\"web\",\"product\":\"p-9\","
                                + "\"rating\":4.5,\"timestamp\":1700000123456,\"extra\":{\"nested\":[1,2]}}");
        assertThat(review.id()).isEqualTo("r1");
        assertThat(review.text()).isEqualTo("Great phone");
        assertThat(review.source()).isEqualTo("web");
        assertThat(review.product()).isEqualTo("p-9");
        assertThat(review.rating()).isEqualTo(4.5);
        assertThat(review.eventTime()).isEqualTo(1_700_000_123_456L);
        assertThat(review.position())
                .isEqualTo(new SourcePosition("reviews", 3, 42, KAFKA_TIMESTAMP));
    }

    @Test
    void optionalFieldsMayBeAbsentOrNullAndTheKafkaTimestampStandsIn() {
        ParsedReview review = valid("{\"id\":\"r2\",\"text\":\"ok\",\"source\":null}");
        assertThat(review.source()).isNull();
        assertThat(review.product()).isNull();
        assertThat(review.rating()).isNull();
        assertThat(review.eventTime()).isEqualTo(KAFKA_TIMESTAMP);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"2024-03-01T12:00:00Z\"        | 1709294400000",
                "\"2024-03-01T14:00:00+02:00\"   | 1709294400000",
                "\"1709294400000\"               | 1709294400000",
                "1709294400000                   | 1709294400000",
            })
    void acceptsEpochMillisAndIsoInstants(String timestamp, long expected) {
        assertThat(
                        valid("{\"id\":\"r\",\"text\":\"t\",\"timestamp\":" + timestamp + "}")
                                .eventTime())
                .isEqualTo(expected);
    }

    @Test
    void textAtTheLimitIsAcceptedAndOneByteMoreIsTooLarge() {
        String atLimit = "é".repeat(50);
        assertThat(valid("{\"id\":\"r\",\"text\":\"" + atLimit + "\"}").text()).isEqualTo(atLimit);
        Parsed.Invalid<ParsedReview> tooLarge =
                invalid(record("{\"id\":\"r\",\"text\":\"" + atLimit + "x\"}"));
        assertThat(tooLarge.reason()).isEqualTo(DeadLetterReason.TEXT_TOO_LARGE);
        assertThat(tooLarge.message())
                .isEqualTo("field 'text' has 101 UTF-8 bytes, the limit is 100");
        assertThat(tooLarge.id()).isEqualTo("r");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "MALFORMED_JSON    | {\"id\":\"r\",\"text\":                              | Unexpected end-of-input",
                "MALFORMED_JSON    | {\"id\":\"r\",\"text\":\"t\"} trailing               | Unrecognized token 'trailing'",
                "MALFORMED_JSON    | {\"id\":\"r\",\"id\":\"s\",\"text\":\"t\"}           | Duplicate field 'id'",
                "MALFORMED_JSON    | `   `                                                | record holds no JSON value",
                "WRONG_TYPE        | [1,2,3]                                              | record is a JSON array, expected an object",
                "WRONG_TYPE        | {\"id\":17,\"text\":\"t\"}                           | field 'id' must be a string, got number",
                "WRONG_TYPE        | {\"id\":\"r\",\"text\":[\"t\"]}                      | field 'text' must be a string, got array",
                "WRONG_TYPE        | {\"id\":\"r\",\"text\":\"t\",\"rating\":\"five\"}    | field 'rating' must be a number, got string",
                "WRONG_TYPE        | {\"id\":\"r\",\"text\":\"t\",\"product\":7}          | field 'product' must be a string, got number",
                "WRONG_TYPE        | {\"id\":\"r\",\"text\":\"t\",\"source\":true}        | field 'source' must be a string, got boolean",
                "MISSING_ID        | {\"text\":\"t\"}                                     | field 'id' is missing",
                "MISSING_ID        | {\"id\":null,\"text\":\"t\"}                         | field 'id' is missing",
                "EMPTY_ID          | {\"id\":\" \",\"text\":\"t\"}                        | field 'id' is empty",
                "MISSING_TEXT      | {\"id\":\"r\"}                                       | field 'text' is missing",
                "EMPTY_TEXT        | {\"id\":\"r\",\"text\":\"\"}                         | field 'text' is empty",
                "EMPTY_TEXT        | {\"id\":\"r\",\"text\":\" \\n\\t \"}                 | field 'text' is empty",
                "INVALID_TIMESTAMP | {\"id\":\"r\",\"text\":\"t\",\"timestamp\":\"yesterday\"} | not epoch millis or an ISO-8601 instant",
                "INVALID_TIMESTAMP | {\"id\":\"r\",\"text\":\"t\",\"timestamp\":1.5}     | must be whole epoch milliseconds",
                "INVALID_TIMESTAMP | {\"id\":\"r\",\"text\":\"t\",\"timestamp\":\"2024-03-01T12:00:00\"} | with a zone",
            })
    void everyInvalidRecordGetsItsReason(DeadLetterReason reason, String json, String message) {
        Parsed.Invalid<ParsedReview> outcome = invalid(record(json));
        assertThat(outcome.reason()).isEqualTo(reason);
        assertThat(outcome.message()).contains(message);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "INVALID_RATING    | {\"id\":\"r\",\"text\":\"t\",\"rating\":1e999}        | got Infinity",
                "INVALID_RATING    | {\"id\":\"r\",\"text\":\"t\",\"rating\":-0.5}         | in [0.0, 10.0], got -0.5",
                "INVALID_RATING    | {\"id\":\"r\",\"text\":\"t\",\"rating\":11}           | in [0.0, 10.0], got 11",
                "INVALID_TIMESTAMP | {\"id\":\"r\",\"text\":\"t\",\"timestamp\":-1}         | before 1970",
                "INVALID_TIMESTAMP | {\"id\":\"r\",\"text\":\"t\",\"timestamp\":\"2100-01-01T00:00:00Z\"} | ms in the future, more than input.max-future-skew",
                "INVALID_ID        | {\"id\":\"r\\u0000\",\"text\":\"t\"}                | U+0000 at index 1",
                "INVALID_ID        | {\"id\":\"\\u200Br\",\"text\":\"t\"}                | U+200B at index 0",
                "INVALID_ID        | {\"id\":\"\\uFEFFr\",\"text\":\"t\"}                | U+FEFF at index 0",
                "INVALID_ID        | {\"id\":\"r\\u202Eevil\",\"text\":\"t\"}            | U+202E at index 1",
                "INVALID_ID        | {\"id\":\"r\\uD800\",\"text\":\"t\"}                | U+D800 at index 1",
                "INVALID_ID        | {\"id\":\"a\\u2028b\",\"text\":\"t\"}               | U+2028 at index 1",
            })
    void numbersAndIdsOutOfBoundsAreRefused(DeadLetterReason reason, String json, String message) {
        Parsed.Invalid<ParsedReview> outcome = invalid(record(json));
        assertThat(outcome.reason()).isEqualTo(reason);
        assertThat(outcome.message()).contains(message);
    }

    @Test
    void aTimestampWithinTheSkewAndVisibleUnicodeIdsAreAccepted() {
        assertThat(
                        valid(
                                        "{\"id\":\"r\",\"text\":\"t\",\"timestamp\":"
                                                + (NOW + 3_600_000)
                                                + "}")
                                .eventTime())
                .isEqualTo(NOW + 3_600_000);
        assertThat(
                        valid(
                                        "{\"id\":\"\u05e9\u05dc\u05d5\u05dd-\ud83d\ude00 r\",\"text\":\"\u202e\\u0001 t\"}")
                                .id())
                .isEqualTo("\u05e9\u05dc\u05d5\u05dd-\ud83d\ude00 r");
    }

    @Test
    void everyStringFieldIsBoundedWithItsOwnReason() {
        String atLimit = "\u00e9".repeat(512);
        assertThat(
                        valid(
                                        "{\"id\":\""
                                                + atLimit
                                                + "\",\"text\":\"t\",\"source\":\""
                                                + atLimit
                                                + "\",\"product\":\""
                                                + atLimit
                                                + "\"}")
                                .product())
                .isEqualTo(atLimit);
        for (String field : new String[] {"id", "source", "product"}) {
            String json =
                    field.equals("id")
                            ? "{\"id\":\"" + atLimit + "x\",\"text\":\"t\"}"
                            : "{\"id\":\"r\",\"text\":\"t\",\""
                                    + field
                                    + "\":\""
                                    + atLimit
                                    + "x\"}";
            Parsed.Invalid<ParsedReview> outcome = invalid(record(json));
            assertThat(outcome.reason()).isEqualTo(DeadLetterReason.FIELD_TOO_LONG);
            assertThat(outcome.message())
                    .isEqualTo("field '" + field + "' has 1025 UTF-8 bytes, the limit is 1024");
            assertThat(outcome.id()).isEqualTo(field.equals("id") ? null : "r");
        }
    }

    @Test
    void invalidUtf8IsReportedWithTheOffsetOfTheBadByte() {
        byte[] bytes = "{\"id\":\"r\",\"text\":\"caf\u00e9 xx\"}".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 4] = (byte) 0xC3;
        bytes[bytes.length - 3] = (byte) 0x28;
        Parsed.Invalid<ParsedReview> outcome = invalid(record(bytes));
        assertThat(outcome.reason()).isEqualTo(DeadLetterReason.INVALID_UTF8);
        assertThat(outcome.message())
                .isEqualTo("invalid UTF-8 at byte " + (bytes.length - 4) + " of " + bytes.length);
    }

    @Test
    void nullAndEmptyValuesAreEmptyRecords() {
        assertThat(invalid(record((byte[]) null)).reason())
                .isEqualTo(DeadLetterReason.EMPTY_RECORD);
        assertThat(invalid(record(new byte[0])).reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
    }

    @Test
    void reasonsAfterTheIdCarryTheId() {
        assertThat(invalid(record("{\"id\":\"r7\",\"text\":\"\"}")).id()).isEqualTo("r7");
        assertThat(invalid(record("{\"id\":\"\",\"text\":\"t\"}")).id()).isNull();
    }
}
