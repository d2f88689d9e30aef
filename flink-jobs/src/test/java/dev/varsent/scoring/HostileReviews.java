package dev.varsent.scoring;

import static dev.varsent.scoring.MixedInput.utf8;

import dev.varsent.events.DeadLetterReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hostile records of the reviews topic, each with the dead-letter reason it must get (null: it must
 * be scored): malformed, truncated and deeply nested JSON, invalid UTF-8, BOMs, control characters,
 * emoji and right-to-left text, numbers and nulls in string fields, duplicate keys and ids,
 * over-long fields of each kind, texts at and over the limit, out-of-range numbers, and the ~180 KB
 * control-character value of issue 9 that once put the scoring job into a restart loop. Limits: the
 * defaults (text 100 KB, fields 1 KB).
 */
final class HostileReviews {

    static final int MAX_TEXT_BYTES = 100 * 1024;
    static final int MAX_FIELD_BYTES = 1024;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private HostileReviews() {}

    static List<MixedInput.Input> records() {
        List<MixedInput.Input> in = new ArrayList<>();
        String fieldAtLimit = "f".repeat(MAX_FIELD_BYTES);
        String fieldOver = "f".repeat(MAX_FIELD_BYTES + 1);

        // Broken JSON.
        bad(
                in,
                "h-malformed",
                "{\"id\":\"h-malformed\",\"text\":",
                DeadLetterReason.MALFORMED_JSON);
        bad(
                in,
                "h-truncated",
                "{\"id\":\"h-truncated\",\"text\":\"the review stops mid-str",
                DeadLetterReason.MALFORMED_JSON);
        bad(
                in,
                "h-nested",
                "{\"id\":\"h-nested\",\"text\":\"t\",\"x\":"
                        + "[".repeat(5000)
                        + "]".repeat(5000)
                        + "}",
                DeadLetterReason.MALFORMED_JSON);
        bad(in, "h-nested-open", "[".repeat(200_000), DeadLetterReason.MALFORMED_JSON);
        bad(
                in,
                "h-dup-key",
                "{\"id\":\"h-dup-key\",\"text\":\"a\",\"text\":\"b\"}",
                DeadLetterReason.MALFORMED_JSON);
        bad(
                in,
                "h-trailing",
                "{\"id\":\"h-trailing\",\"text\":\"t\"}{}",
                DeadLetterReason.MALFORMED_JSON);
        bad(
                in,
                "h-bom",
                "\uFEFF{\"id\":\"h-bom\",\"text\":\"a byte-order mark is not JSON\"}",
                DeadLetterReason.MALFORMED_JSON);
        bad(
                in,
                "h-raw-control",
                "{\"id\":\"h-raw-control\",\"text\":\"a\u0001b\"}",
                DeadLetterReason.MALFORMED_JSON);
        byte[] controls = new byte[180_000];
        Arrays.fill(controls, (byte) 0x01);
        in.add(
                new MixedInput.Input(
                        "h-180k-controls",
                        utf8("h-180k-controls"),
                        controls,
                        DeadLetterReason.MALFORMED_JSON));
        byte[] hugeKey = new byte[300_000];
        Arrays.fill(hugeKey, (byte) 'k');
        in.add(
                new MixedInput.Input(
                        "h-huge-key",
                        hugeKey,
                        utf8("{\"id\":\"h-huge-key\""),
                        DeadLetterReason.MALFORMED_JSON));

        // Bytes that are not text, or no value at all.
        byte[] invalidUtf8 = utf8("{\"id\":\"h-utf8\",\"text\":\"caf\u00e9 ??\"}");
        invalidUtf8[invalidUtf8.length - 4] = (byte) 0xC3;
        invalidUtf8[invalidUtf8.length - 3] = (byte) 0x28;
        in.add(
                new MixedInput.Input(
                        "h-utf8", utf8("h-utf8"), invalidUtf8, DeadLetterReason.INVALID_UTF8));
        byte[] overlong = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        in.add(
                new MixedInput.Input(
                        "h-overlong-utf8",
                        utf8("h-overlong-utf8"),
                        overlong,
                        DeadLetterReason.INVALID_UTF8));
        byte[] utf8Controls = new byte[190_000];
        Arrays.fill(utf8Controls, (byte) 0x02);
        utf8Controls[utf8Controls.length - 1] = (byte) 0xFF;
        in.add(
                new MixedInput.Input(
                        "h-controls-not-utf8",
                        utf8("h-controls-not-utf8"),
                        utf8Controls,
                        DeadLetterReason.INVALID_UTF8));
        in.add(
                new MixedInput.Input(
                        "h-tombstone", utf8("h-tombstone"), null, DeadLetterReason.EMPTY_RECORD));
        in.add(
                new MixedInput.Input(
                        "h-empty", utf8("h-empty"), new byte[0], DeadLetterReason.EMPTY_RECORD));

        // Wrong types, nulls and numbers in string fields.
        bad(in, "h-null", "null", DeadLetterReason.WRONG_TYPE);
        bad(in, "h-string", "\"just a string\"", DeadLetterReason.WRONG_TYPE);
        bad(in, "h-number-id", "{\"id\":17,\"text\":\"t\"}", DeadLetterReason.WRONG_TYPE);
        bad(
                in,
                "h-number-text",
                "{\"id\":\"h-number-text\",\"text\":3.14}",
                DeadLetterReason.WRONG_TYPE);
        bad(
                in,
                "h-number-source",
                "{\"id\":\"h-number-source\",\"text\":\"t\",\"source\":5}",
                DeadLetterReason.WRONG_TYPE);
        bad(
                in,
                "h-object-product",
                "{\"id\":\"h-object-product\",\"text\":\"t\",\"product\":{}}",
                DeadLetterReason.WRONG_TYPE);
        bad(
                in,
                "h-null-text",
                "{\"id\":\"h-null-text\",\"text\":null}",
                DeadLetterReason.MISSING_TEXT);
        bad(in, "h-null-id", "{\"id\":null,\"text\":\"t\"}", DeadLetterReason.MISSING_ID);
        bad(in, "h-blank-id", "{\"id\":\"\\t \",\"text\":\"t\"}", DeadLetterReason.EMPTY_ID);
        good(
                in,
                "h-null-metadata",
                "{\"id\":\"h-null-metadata\",\"text\":\"fine\",\"source\":null,\"product\":null,\"rating\":null}");

        // Ids with invisible or control characters.
        bad(in, "h-id-nul", "{\"id\":\"r\\u0000\",\"text\":\"t\"}", DeadLetterReason.INVALID_ID);
        bad(
                in,
                "h-id-zwsp",
                "{\"id\":\"h-id\\u200b\",\"text\":\"t\"}",
                DeadLetterReason.INVALID_ID);
        bad(in, "h-id-bom", "{\"id\":\"\\ufeffh-id\",\"text\":\"t\"}", DeadLetterReason.INVALID_ID);
        bad(
                in,
                "h-id-rlo",
                "{\"id\":\"h-id\\u202egpj.exe\",\"text\":\"t\"}",
                DeadLetterReason.INVALID_ID);
        bad(
                in,
                "h-id-surrogate",
                "{\"id\":\"h-id\\ud800\",\"text\":\"t\"}",
                DeadLetterReason.INVALID_ID);

        // Over-long fields of each kind, and texts at and over the limit.
        bad(
                in,
                "h-long-id",
                "{\"id\":\"" + fieldOver + "\",\"text\":\"t\"}",
                DeadLetterReason.FIELD_TOO_LONG);
        bad(
                in,
                "h-long-source",
                "{\"id\":\"h-long-source\",\"text\":\"t\",\"source\":\"" + fieldOver + "\"}",
                DeadLetterReason.FIELD_TOO_LONG);
        bad(
                in,
                "h-long-product",
                "{\"id\":\"h-long-product\",\"text\":\"t\",\"product\":\"" + fieldOver + "\"}",
                DeadLetterReason.FIELD_TOO_LONG);
        good(
                in,
                fieldAtLimit,
                "{\"id\":\""
                        + fieldAtLimit
                        + "\",\"text\":\"t\",\"source\":\""
                        + fieldAtLimit
                        + "\",\"product\":\""
                        + fieldAtLimit
                        + "\"}");
        good(
                in,
                "h-text-at-limit",
                "{\"id\":\"h-text-at-limit\",\"text\":\"" + "a".repeat(MAX_TEXT_BYTES) + "\"}");
        bad(
                in,
                "h-text-over",
                "{\"id\":\"h-text-over\",\"text\":\"" + "a".repeat(MAX_TEXT_BYTES + 1) + "\"}",
                DeadLetterReason.TEXT_TOO_LARGE);
        // At the limit in control characters: 100 KB of text, 600 KB once escaped in a relabel
        // request.
        good(
                in,
                "h-control-text-at-limit",
                "{\"id\":\"h-control-text-at-limit\",\"text\":\""
                        + "\\u0001".repeat(MAX_TEXT_BYTES)
                        + "\"}");
        bad(
                in,
                "h-control-text-over",
                "{\"id\":\"h-control-text-over\",\"text\":\""
                        + "\\u0001".repeat(MAX_TEXT_BYTES + 1)
                        + "\"}",
                DeadLetterReason.TEXT_TOO_LARGE);
        good(
                in,
                "h-emoji-text-at-limit",
                "{\"id\":\"h-emoji-text-at-limit\",\"text\":\""
                        + "\ud83d\ude00".repeat(MAX_TEXT_BYTES / 4)
                        + "\"}");

        // Numbers out of range.
        bad(
                in,
                "h-rating-inf",
                "{\"id\":\"h-rating-inf\",\"text\":\"t\",\"rating\":1e999}",
                DeadLetterReason.INVALID_RATING);
        bad(
                in,
                "h-rating-range",
                "{\"id\":\"h-rating-range\",\"text\":\"t\",\"rating\":-3}",
                DeadLetterReason.INVALID_RATING);
        bad(
                in,
                "h-future",
                "{\"id\":\"h-future\",\"text\":\"t\",\"timestamp\":\"2999-01-01T00:00:00Z\"}",
                DeadLetterReason.INVALID_TIMESTAMP);
        bad(
                in,
                "h-before-1970",
                "{\"id\":\"h-before-1970\",\"text\":\"t\",\"timestamp\":-5}",
                DeadLetterReason.INVALID_TIMESTAMP);
        bad(
                in,
                "h-huge-timestamp",
                "{\"id\":\"h-huge-timestamp\",\"text\":\"t\",\"timestamp\":1e300}",
                DeadLetterReason.INVALID_TIMESTAMP);

        // Text that is hostile but valid: scored.
        good(
                in,
                "h-rtl",
                "{\"id\":\"\u05d1\u05d3\u05d9\u05e7\u05d4-\u0645\u0631\u062d\u0628\u0627\",\"text\":\"\u05de\u05d5\u05e6\u05e8 "
                        + "\u05de\u05e2\u05d5\u05dc\u05d4 \u202e evil \u202c \u0645\u0646\u062a\u062c \u0631\u0627\u0626\u0639\"}");
        good(
                in,
                "h-emoji",
                "{\"id\":\"h-emoji-\ud83d\ude00\",\"text\":\"\ud83d\udc4d\ud83c\udffd great \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\"}");
        good(
                in,
                "h-escaped-controls",
                "{\"id\":\"h-escaped-controls\",\"text\":\"\\u0000\\u0001\\u001f\\b\\f\\n\\r\\t ok\"}");
        good(
                in,
                "h-lone-surrogate-text",
                "{\"id\":\"h-lone-surrogate-text\",\"text\":\"half \\ud800 a pair\"}");
        good(
                in,
                "h-bom-in-text",
                "{\"id\":\"h-bom-in-text\",\"text\":\"\uFEFFstarts with a BOM\"}");
        good(
                in,
                "h-quotes",
                "{\"id\":\"h-quotes\",\"text\":\"" + "\\\"\\\\".repeat(20_000) + "\"}");
        good(in, "h-dup-id", "{\"id\":\"h-dup-id\",\"text\":\"first of two with this id\"}");
        good(in, "h-dup-id", "{\"id\":\"h-dup-id\",\"text\":\"second of two with this id\"}");
        return in;
    }

    /**
     * {@code id} is the review id of a scored record (its predictions or relabel request carry it).
     */
    private static void good(List<MixedInput.Input> in, String label, String json) {
        String id;
        try {
            id = JSON.readTree(json).get("id").textValue();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(label, e);
        }
        in.add(new MixedInput.Input(id, utf8(id), utf8(json), null));
    }

    private static void bad(
            List<MixedInput.Input> in, String label, String json, DeadLetterReason reason) {
        in.add(new MixedInput.Input(label, utf8(label), utf8(json), reason));
    }
}
