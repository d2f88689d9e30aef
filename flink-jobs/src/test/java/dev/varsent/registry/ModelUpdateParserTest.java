package dev.varsent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelUpdateParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "0123456789abcdef".repeat(4);

    private static ModelUpdate update(String previous) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_rmse", 1.31);
        metrics.put("not_measured", Double.NaN);
        return new ModelUpdate(
                "sentiment",
                "v2",
                URI.create("s3://models/registry/versions/v2.bundle"),
                SHA,
                4096,
                Instant.ofEpochMilli(1_700_000_000_123L),
                previous,
                metrics,
                Map.of("holdout_rmse", 1.2),
                "beats v1 on the holdout");
    }

    @Test
    void anUpdateSurvivesTheRoundTrip() {
        ModelUpdate sent = update("v1");
        ModelUpdateOutcome outcome = ModelUpdateParser.parse(sent.toJson());
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ModelUpdateOutcome.Valid.class,
                        valid -> {
                            ModelUpdate read = valid.update();
                            assertThat(read.metrics())
                                    .containsExactly(Map.entry("test_rmse", 1.31));
                            assertThat(read)
                                    .usingRecursiveComparison()
                                    .ignoringFields("metrics")
                                    .isEqualTo(sent);
                        });
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("sentiment");
    }

    @Test
    void theFirstChampionHasNoPreviousVersionAndUnknownFieldsAreIgnored() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(update(null).toJson());
        assertThat(json.get("previous_version").isNull()).isTrue();
        json.put("added_by_a_newer_writer", true);
        assertThat(ModelUpdateParser.parse(JSON.writeValueAsBytes(json)))
                .isInstanceOfSatisfying(
                        ModelUpdateOutcome.Valid.class,
                        valid -> assertThat(valid.update().previousVersion()).isNull());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                raw(null, UpdateRejection.EMPTY_RECORD, "tombstone"),
                raw(new byte[0], UpdateRejection.EMPTY_RECORD, "empty"),
                raw(
                        new byte[] {'{', (byte) 0xc3, '}'},
                        UpdateRejection.INVALID_UTF8,
                        "not valid UTF-8"),
                raw(bytes("{\"version\":"), UpdateRejection.MALFORMED_JSON, "end-of-input"),
                raw(bytes("{} {}"), UpdateRejection.MALFORMED_JSON, "Trailing token"),
                raw(
                        bytes("{\"model\":\"a\",\"model\":\"b\"}"),
                        UpdateRejection.MALFORMED_JSON,
                        "Duplicate field 'model'"),
                raw(
                        bytes("[1,2]"),
                        UpdateRejection.WRONG_TYPE,
                        "record is a JSON array, expected an object"),
                edited(
                        j -> j.remove("version"),
                        UpdateRejection.MISSING_FIELD,
                        "field 'version' is missing"),
                edited(
                        j -> j.putNull("sha256"),
                        UpdateRejection.MISSING_FIELD,
                        "field 'sha256' is missing"),
                edited(
                        j -> j.put("version", 2),
                        UpdateRejection.WRONG_TYPE,
                        "field 'version' must be a string, got number"),
                edited(
                        j -> j.put("version", "../../etc/passwd"),
                        UpdateRejection.INVALID_VALUE,
                        "not a valid version name"),
                edited(
                        j -> j.put("previous_version", ""),
                        UpdateRejection.INVALID_VALUE,
                        "'previous_version' is not a valid version"),
                edited(
                        j -> j.put("model", " "),
                        UpdateRejection.INVALID_VALUE,
                        "field 'model' is empty"),
                edited(
                        j -> j.put("bundle_uri", "versions/v2.bundle"),
                        UpdateRejection.INVALID_VALUE,
                        "absolute URI"),
                edited(
                        j -> j.put("bundle_uri", "s3://bad uri"),
                        UpdateRejection.INVALID_VALUE,
                        "not a URI"),
                edited(
                        j -> j.put("sha256", SHA.toUpperCase()),
                        UpdateRejection.INVALID_VALUE,
                        "64 lower-case hex digits"),
                edited(
                        j -> j.put("size_bytes", 0),
                        UpdateRejection.INVALID_VALUE,
                        "'size_bytes' must be positive"),
                edited(
                        j -> j.put("size_bytes", 1.5),
                        UpdateRejection.INVALID_VALUE,
                        "must be a whole number"),
                edited(
                        j -> j.put("promoted_at", "yesterday"),
                        UpdateRejection.WRONG_TYPE,
                        "'promoted_at' must be an integer"),
                edited(
                        j -> j.put("metrics", "good"),
                        UpdateRejection.WRONG_TYPE,
                        "'metrics' must be an object of numbers"),
                edited(
                        j -> j.putObject("scores").put("holdout_rmse", "low"),
                        UpdateRejection.WRONG_TYPE,
                        "'scores.holdout_rmse' must be a number"),
                raw(
                        bytes(
                                new String(update("v1").toJson(), StandardCharsets.UTF_8)
                                        .replace("\"holdout_rmse\":1.2", "\"holdout_rmse\":1e999")),
                        UpdateRejection.INVALID_VALUE,
                        "'scores.holdout_rmse' is not a finite number"),
                edited(
                        j -> j.put("event_version", 2),
                        UpdateRejection.UNSUPPORTED_EVENT_VERSION,
                        "event_version 2 is newer than this build reads (1)"),
                edited(
                        j -> j.put("event_version", 0),
                        UpdateRejection.INVALID_VALUE,
                        "event_version 0 does not exist"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("malformed")
    void malformedUpdatesAreRefusedWithTheReason(
            byte[] value, UpdateRejection reason, String message) {
        assertThat(ModelUpdateParser.parse(value))
                .isInstanceOfSatisfying(
                        ModelUpdateOutcome.Invalid.class,
                        invalid -> {
                            assertThat(invalid.reason()).isEqualTo(reason);
                            assertThat(invalid.message()).contains(message);
                        });
    }

    private static Arguments raw(byte[] value, UpdateRejection reason, String message) {
        return Arguments.of(value, reason, message);
    }

    private static Arguments edited(
            Consumer<ObjectNode> edit, UpdateRejection reason, String message) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(update("v1").toJson());
            edit.accept(json);
            return Arguments.of(JSON.writeValueAsBytes(json), reason, message);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
