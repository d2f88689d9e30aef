package dev.varsent.scoring;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.RawRecord;

/**
 * Decodes and validates one record of the reviews topic: strict UTF-8, one JSON object, a non-blank
 * string {@code id} and {@code text}, text at most {@code maxTextBytes} UTF-8 bytes, optional
 * {@code source}/{@code product} strings, a numeric {@code rating} and a {@code timestamp} in epoch
 * millis or ISO-8601. Unknown fields are ignored; JSON {@code null} counts as absent.
 */
public final class ReviewParser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Immutable once built; thread-safe for reading. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,18}");

    private final int maxTextBytes;

    public ReviewParser(int maxTextBytes) {
        this.maxTextBytes = maxTextBytes;
    }

    public ParseOutcome parse(RawRecord raw) {
        byte[] value = raw.value();
        if (value == null || value.length == 0) {
            return invalid(DeadLetterReason.EMPTY_RECORD, value == null ? "record has no value (tombstone)" : "record value is empty", null);
        }
        String json;
        try {
            json = decodeUtf8(value);
        } catch (CharacterCodingException e) {
            return invalid(DeadLetterReason.INVALID_UTF8, e.getMessage(), null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return invalid(DeadLetterReason.MALFORMED_JSON, e.getOriginalMessage(), null);
        }
        if (root == null || root.isMissingNode()) {
            return invalid(DeadLetterReason.MALFORMED_JSON, "record holds no JSON value", null);
        }
        if (!root.isObject()) {
            return invalid(DeadLetterReason.WRONG_TYPE, "record is a JSON " + typeName(root) + ", expected an object", null);
        }

        JsonNode idNode = root.get("id");
        if (absent(idNode)) {
            return invalid(DeadLetterReason.MISSING_ID, "field 'id' is missing", null);
        }
        if (!idNode.isTextual()) {
            return invalid(DeadLetterReason.WRONG_TYPE, "field 'id' must be a string, got " + typeName(idNode), null);
        }
        String id = idNode.textValue();
        if (id.isBlank()) {
            return invalid(DeadLetterReason.EMPTY_ID, "field 'id' is empty", null);
        }

        JsonNode textNode = root.get("text");
        if (absent(textNode)) {
            return invalid(DeadLetterReason.MISSING_TEXT, "field 'text' is missing", id);
        }
        if (!textNode.isTextual()) {
            return invalid(DeadLetterReason.WRONG_TYPE, "field 'text' must be a string, got " + typeName(textNode), id);
        }
        String text = textNode.textValue();
        if (text.isBlank()) {
            return invalid(DeadLetterReason.EMPTY_TEXT, "field 'text' is empty", id);
        }
        int textBytes = utf8Length(text);
        if (textBytes > maxTextBytes) {
            return invalid(DeadLetterReason.TEXT_TOO_LARGE,
                    "field 'text' has " + textBytes + " UTF-8 bytes, the limit is " + maxTextBytes, id);
        }

        String source;
        String product;
        Double rating;
        long eventTime;
        try {
            source = optionalString(root, "source");
            product = optionalString(root, "product");
            rating = optionalNumber(root, "rating");
        } catch (WrongType e) {
            return invalid(DeadLetterReason.WRONG_TYPE, e.getMessage(), id);
        }
        try {
            eventTime = timestamp(root.get("timestamp"), raw.position().timestamp());
        } catch (WrongType e) {
            return invalid(DeadLetterReason.INVALID_TIMESTAMP, e.getMessage(), id);
        }
        return new ParseOutcome.Valid(new ParsedReview(id, text, source, product, rating, eventTime, raw.position()));
    }

    private static ParseOutcome invalid(DeadLetterReason reason, String message, String id) {
        return new ParseOutcome.Invalid(reason, message, id);
    }

    /** Decodes strict UTF-8; the exception message gives the offset of the first bad byte. */
    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new CharacterCodingException() {
                @Override
                public String getMessage() {
                    return "invalid UTF-8 at byte " + in.position() + " of " + bytes.length;
                }
            };
        }
        return out.flip().toString();
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static String optionalString(JsonNode root, String field) throws WrongType {
        JsonNode node = root.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            throw new WrongType("field '" + field + "' must be a string, got " + typeName(node));
        }
        return node.textValue();
    }

    private static Double optionalNumber(JsonNode root, String field) throws WrongType {
        JsonNode node = root.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            throw new WrongType("field '" + field + "' must be a number, got " + typeName(node));
        }
        return node.doubleValue();
    }

    /** Epoch millis (a JSON integer, or a string of digits) or an ISO-8601 instant; absent: the Kafka timestamp. */
    private static long timestamp(JsonNode node, long fallback) throws WrongType {
        if (absent(node)) {
            return fallback;
        }
        if (node.isNumber()) {
            if (node.canConvertToExactIntegral() && node.canConvertToLong()) {
                return node.longValue();
            }
            throw new WrongType("field 'timestamp' must be whole epoch milliseconds, got " + node.asText());
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            if (EPOCH_MILLIS.matcher(text).matches()) {
                return Long.parseLong(text);
            }
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new WrongType("field 'timestamp' is not epoch millis or an ISO-8601 instant with a zone: '"
                        + abbreviate(text) + "'");
            }
        }
        throw new WrongType("field 'timestamp' must be a number or a string, got " + typeName(node));
    }

    private static String typeName(JsonNode node) {
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

    /** A field of the wrong type; checked so that the parse method maps it to a reason in one place. */
    private static final class WrongType extends Exception {
        WrongType(String message) {
            super(message, null, false, false);
        }
    }
}
