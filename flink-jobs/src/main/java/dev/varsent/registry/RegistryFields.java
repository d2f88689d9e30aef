package dev.varsent.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strict readers of the fields of the registry's own files ({@link RegistryJson}): one JSON object
 * without duplicate keys or trailing tokens, each field present and of its type, else an {@link
 * IllegalArgumentException} that names the field.
 */
final class RegistryFields {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private RegistryFields() {}

    static JsonNode object(String content) {
        JsonNode json;
        try {
            json = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return json;
    }

    static JsonNode field(JsonNode json, String name) {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return node;
    }

    static String text(JsonNode json, String name) {
        JsonNode node = field(json, name);
        if (!node.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a string");
        }
        return node.textValue();
    }

    static String optionalText(JsonNode json, String name) {
        JsonNode node = json.get(name);
        return node == null || node.isNull() ? null : text(json, name);
    }

    static long integer(JsonNode json, String name) {
        JsonNode node = field(json, name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + name + "' must be an integer");
        }
        return node.longValue();
    }

    static long size(JsonNode json) {
        long size = integer(json, "size_bytes");
        if (size < 0) {
            throw new IllegalArgumentException("field 'size_bytes' must not be negative");
        }
        return size;
    }

    static Instant instant(JsonNode json, String name) {
        String text = text(json, name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "field '" + name + "' is not an ISO-8601 instant: " + text);
        }
    }

    static boolean bool(JsonNode json, String name) {
        JsonNode node = field(json, name);
        if (!node.isBoolean()) {
            throw new IllegalArgumentException("field '" + name + "' must be true or false");
        }
        return node.booleanValue();
    }

    static Map<String, Long> counts(JsonNode json) {
        JsonNode node = field(json, "counts");
        if (!node.isObject()) {
            throw new IllegalArgumentException("field 'counts' must be an object of integers");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        node.fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getValue().isIntegralNumber()
                                    || !e.getValue().canConvertToLong()) {
                                throw new IllegalArgumentException(
                                        "'counts." + e.getKey() + "' must be an integer");
                            }
                            counts.put(e.getKey(), e.getValue().longValue());
                        });
        return counts;
    }

    static Map<String, Double> numbers(JsonNode json, String name) {
        JsonNode node = field(json, name);
        if (!node.isObject()) {
            throw new IllegalArgumentException("field '" + name + "' must be an object of numbers");
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        node.fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getValue().isNumber()) {
                                throw new IllegalArgumentException(
                                        "'" + name + "." + e.getKey() + "' must be a number");
                            }
                            numbers.put(e.getKey(), e.getValue().doubleValue());
                        });
        return numbers;
    }
}
