package dev.varsent.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one {@code model-updates} record and refuses anything a listener must not act on, with the
 * reason: every required field present with its type, a valid version name, an absolute bundle URI,
 * a lower-case hex SHA-256, a positive size, finite metrics and scores. Unknown fields are ignored,
 * so newer writers may add some; a higher {@code event_version} is refused.
 */
public final class ModelUpdateParser {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ModelUpdateParser() {}

    public static ModelUpdateOutcome parse(byte[] value) {
        try {
            return new ModelUpdateOutcome.Valid(update(value));
        } catch (Rejected r) {
            return new ModelUpdateOutcome.Invalid(r.reason, r.getMessage());
        }
    }

    private static ModelUpdate update(byte[] value) throws Rejected {
        if (value == null || value.length == 0) {
            throw new Rejected(
                    UpdateRejection.EMPTY_RECORD,
                    value == null ? "record has no value (tombstone)" : "record value is empty");
        }
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(value))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new Rejected(UpdateRejection.INVALID_UTF8, "record value is not valid UTF-8");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Rejected(UpdateRejection.MALFORMED_JSON, e.getOriginalMessage());
        }
        if (json == null || json.isMissingNode()) {
            throw new Rejected(UpdateRejection.MALFORMED_JSON, "record holds no JSON value");
        }
        if (!json.isObject()) {
            throw new Rejected(
                    UpdateRejection.WRONG_TYPE,
                    "record is a JSON "
                            + json.getNodeType().name().toLowerCase()
                            + ", expected an object");
        }

        long eventVersion = integer(json, "event_version");
        if (eventVersion > ModelUpdate.EVENT_VERSION) {
            throw new Rejected(
                    UpdateRejection.UNSUPPORTED_EVENT_VERSION,
                    "event_version "
                            + eventVersion
                            + " is newer than this build reads ("
                            + ModelUpdate.EVENT_VERSION
                            + ")");
        }
        if (eventVersion < 1) {
            throw invalid("event_version " + eventVersion + " does not exist");
        }
        String model = text(json, "model");
        if (model.isBlank()) {
            throw invalid("field 'model' is empty");
        }
        String version = version(json, "version");
        URI bundleUri = bundleUri(json);
        String sha256 = text(json, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw invalid("field 'sha256' must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
        long size = integer(json, "size_bytes");
        if (size <= 0) {
            throw invalid("field 'size_bytes' must be positive, got " + size);
        }
        long promotedAt = integer(json, "promoted_at");
        if (promotedAt < 0) {
            throw invalid("field 'promoted_at' must be epoch milliseconds, got " + promotedAt);
        }
        JsonNode previousNode = json.get("previous_version");
        String previous =
                previousNode == null || previousNode.isNull()
                        ? null
                        : version(json, "previous_version");
        Map<String, Double> metrics = numbers(json, "metrics");
        Map<String, Double> scores = numbers(json, "scores");
        String reason = text(json, "reason");
        return new ModelUpdate(
                model,
                version,
                bundleUri,
                sha256,
                size,
                Instant.ofEpochMilli(promotedAt),
                previous,
                metrics,
                scores,
                reason);
    }

    private static JsonNode required(JsonNode json, String field) throws Rejected {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new Rejected(UpdateRejection.MISSING_FIELD, "field '" + field + "' is missing");
        }
        return node;
    }

    private static String text(JsonNode json, String field) throws Rejected {
        JsonNode node = required(json, field);
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return node.textValue();
    }

    private static long integer(JsonNode json, String field) throws Rejected {
        JsonNode node = required(json, field);
        if (!node.isNumber()) {
            throw wrongType(field, "an integer", node);
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw invalid("field '" + field + "' must be a whole number, got " + node.asText());
        }
        return node.longValue();
    }

    private static String version(JsonNode json, String field) throws Rejected {
        String version = text(json, field);
        if (!ModelRegistry.isValidVersion(version)) {
            throw invalid(
                    "field '"
                            + field
                            + "' is not a valid version name ("
                            + ModelRegistry.VERSION.pattern()
                            + "): '"
                            + version
                            + "'");
        }
        return version;
    }

    private static URI bundleUri(JsonNode json) throws Rejected {
        String text = text(json, "bundle_uri");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("field 'bundle_uri' is not a URI: " + e.getMessage());
        }
        if (!uri.isAbsolute() || uri.getPath() == null || uri.getPath().isEmpty()) {
            throw invalid(
                    "field 'bundle_uri' must be an absolute URI with a scheme and a path, got '"
                            + text
                            + "'");
        }
        return uri;
    }

    private static Map<String, Double> numbers(JsonNode json, String field) throws Rejected {
        JsonNode node = required(json, field);
        if (!node.isObject()) {
            throw wrongType(field, "an object of numbers", node);
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode value = e.getValue();
            if (!value.isNumber()) {
                throw wrongType(field + "." + e.getKey(), "a number", value);
            }
            if (!Double.isFinite(value.doubleValue())) {
                throw invalid("'" + field + "." + e.getKey() + "' is not a finite number");
            }
            numbers.put(e.getKey(), value.doubleValue());
        }
        return numbers;
    }

    private static Rejected wrongType(String field, String expected, JsonNode actual) {
        return new Rejected(
                UpdateRejection.WRONG_TYPE,
                "field '"
                        + field
                        + "' must be "
                        + expected
                        + ", got "
                        + actual.getNodeType().name().toLowerCase());
    }

    private static Rejected invalid(String message) {
        return new Rejected(UpdateRejection.INVALID_VALUE, message);
    }

    /** Carries a rejection out of the nested checks; never escapes the parser. */
    private static final class Rejected extends Exception {
        private final UpdateRejection reason;

        Rejected(UpdateRejection reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
