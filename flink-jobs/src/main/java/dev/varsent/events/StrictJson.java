package dev.varsent.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The checks the event parsers share (reviews, labels, relabel requests), each rejecting with its
 * stable reason: strict UTF-8, exactly one JSON object (no duplicate keys, nothing trailing), a
 * non-blank string {@code id}, timestamps in epoch millis or ISO-8601. JSON {@code null} counts as
 * absent.
 */
public final class StrictJson {

    /** Immutable once built; thread-safe. */
    public static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,18}");

    private StrictJson() {}

    /** The record value as a JSON object. */
    public static JsonNode object(byte[] value) throws Rejected {
        if (value == null || value.length == 0) {
            throw new Rejected(
                    DeadLetterReason.EMPTY_RECORD,
                    value == null ? "record has no value (tombstone)" : "record value is empty",
                    null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(decodeUtf8(value));
        } catch (JsonProcessingException e) {
            throw new Rejected(DeadLetterReason.MALFORMED_JSON, e.getOriginalMessage(), null);
        }
        if (root == null || root.isMissingNode()) {
            throw new Rejected(DeadLetterReason.MALFORMED_JSON, "record holds no JSON value", null);
        }
        if (!root.isObject()) {
            throw new Rejected(
                    DeadLetterReason.WRONG_TYPE,
                    "record is a JSON " + typeName(root) + ", expected an object",
                    null);
        }
        return root;
    }

    /** The non-blank string field {@code id}. */
    public static String id(JsonNode root) throws Rejected {
        JsonNode node = root.get("id");
        if (absent(node)) {
            throw new Rejected(DeadLetterReason.MISSING_ID, "field 'id' is missing", null);
        }
        if (!node.isTextual()) {
            throw new Rejected(
                    DeadLetterReason.WRONG_TYPE,
                    "field 'id' must be a string, got " + typeName(node),
                    null);
        }
        if (node.textValue().isBlank()) {
            throw new Rejected(DeadLetterReason.EMPTY_ID, "field 'id' is empty", null);
        }
        return node.textValue();
    }

    /** A required non-blank string field, rejected with {@code missing} or {@code empty}. */
    public static String requiredString(
            JsonNode root,
            String field,
            String id,
            DeadLetterReason missing,
            DeadLetterReason empty)
            throws Rejected {
        JsonNode node = root.get(field);
        if (absent(node)) {
            throw new Rejected(missing, "field '" + field + "' is missing", id);
        }
        if (!node.isTextual()) {
            throw new Rejected(
                    DeadLetterReason.WRONG_TYPE,
                    "field '" + field + "' must be a string, got " + typeName(node),
                    id);
        }
        if (node.textValue().isBlank()) {
            throw new Rejected(empty, "field '" + field + "' is empty", id);
        }
        return node.textValue();
    }

    /**
     * Epoch millis (a JSON integer, or a string of digits) or an ISO-8601 instant; absent: {@code
     * fallback}.
     */
    public static long timestamp(JsonNode root, String field, long fallback, String id)
            throws Rejected {
        JsonNode node = root.get(field);
        if (absent(node)) {
            return fallback;
        }
        if (node.isNumber()) {
            if (node.canConvertToExactIntegral() && node.canConvertToLong()) {
                return node.longValue();
            }
            throw new Rejected(
                    DeadLetterReason.INVALID_TIMESTAMP,
                    "field '" + field + "' must be whole epoch milliseconds, got " + node.asText(),
                    id);
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            if (EPOCH_MILLIS.matcher(text).matches()) {
                return Long.parseLong(text);
            }
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new Rejected(
                        DeadLetterReason.INVALID_TIMESTAMP,
                        "field '"
                                + field
                                + "' is not epoch millis or an ISO-8601 instant with a zone: '"
                                + abbreviate(text)
                                + "'",
                        id);
            }
        }
        throw new Rejected(
                DeadLetterReason.INVALID_TIMESTAMP,
                "field '" + field + "' must be a number or a string, got " + typeName(node),
                id);
    }

    /** An optional string field (absent: null). */
    public static String optionalString(JsonNode root, String field, String id) throws Rejected {
        JsonNode node = root.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Rejected(
                    DeadLetterReason.WRONG_TYPE,
                    "field '" + field + "' must be a string, got " + typeName(node),
                    id);
        }
        return node.textValue();
    }

    /** An optional number field (absent: null). */
    public static Double optionalNumber(JsonNode root, String field, String id) throws Rejected {
        JsonNode node = root.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            throw new Rejected(
                    DeadLetterReason.WRONG_TYPE,
                    "field '" + field + "' must be a number, got " + typeName(node),
                    id);
        }
        return node.doubleValue();
    }

    public static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    public static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary";
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    private static String decodeUtf8(byte[] bytes) throws Rejected {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new Rejected(
                    DeadLetterReason.INVALID_UTF8,
                    "invalid UTF-8 at byte " + in.position() + " of " + bytes.length,
                    null);
        }
        return out.flip().toString();
    }
}
