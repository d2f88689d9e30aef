package dev.varsent.scoring;

import dev.varsent.events.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of review records for the integration tests: good reviews of many lengths (so that both
 * routes are taken) mixed with one record of every kind of bad input.
 */
final class MixedInput {

    /** One record to produce; {@code expectedReason} is null for a review that must be scored. */
    record Input(String id, byte[] key, byte[] value, DeadLetterReason expectedReason) {
        boolean scorable() {
            return expectedReason == null;
        }
    }

    static final int MAX_TEXT_BYTES = 100 * 1024;

    private MixedInput() {}

    static List<Input> records() {
        List<Input> inputs = new ArrayList<>();
        inputs.add(good("g-love", "Great phone, I love it and would recommend it to anyone"));
        inputs.add(good("g-terrible", "Terrible"));
        inputs.add(good("g-battery", "The battery lasts two days and the screen is bright"));
        inputs.add(good("g-meh", "ok I guess"));
        inputs.add(
                new Input(
                        "g-full",
                        utf8("g-full"),
                        utf8(
                                "{\"id\":\"g-full\",\"text\":\"Solid build, nice screen, good value for the money\","
                                        + "\"source\":\"web\",\"product\":\"phone-x\",\"rating\":4,\"timestamp\":\"2024-03-01T12:00:00Z\","
                                        + "\"unknown\":{\"nested\":true}}"),
                        null));
        inputs.add(
                good(
                        "g-french",
                        "Tr\u00e8s bon produit, je le recommande vivement \u00e0 tous mes amis"));
        for (int words = 1; words <= 14; words++) {
            inputs.add(good("g-words-" + words, "word ".repeat(words).trim()));
        }

        inputs.add(
                bad(
                        "b-malformed",
                        "{\"id\":\"b-malformed\",\"text\":",
                        DeadLetterReason.MALFORMED_JSON));
        byte[] invalidUtf8 = utf8("{\"id\":\"b-utf8\",\"text\":\"caf\u00e9 ??\"}");
        invalidUtf8[invalidUtf8.length - 5] = (byte) 0xFF;
        invalidUtf8[invalidUtf8.length - 4] = (byte) 0xFE;
        inputs.add(new Input("b-utf8", utf8("b-utf8"), invalidUtf8, DeadLetterReason.INVALID_UTF8));
        inputs.add(bad("b-no-id", "{\"text\":\"no id here\"}", DeadLetterReason.MISSING_ID));
        inputs.add(
                bad(
                        "b-empty-id",
                        "{\"id\":\"\",\"text\":\"empty id\"}",
                        DeadLetterReason.EMPTY_ID));
        inputs.add(bad("b-no-text", "{\"id\":\"b-no-text\"}", DeadLetterReason.MISSING_TEXT));
        inputs.add(
                bad(
                        "b-empty-text",
                        "{\"id\":\"b-empty-text\",\"text\":\"   \"}",
                        DeadLetterReason.EMPTY_TEXT));
        inputs.add(
                bad(
                        "b-oversize",
                        "{\"id\":\"b-oversize\",\"text\":\""
                                + "a".repeat(MAX_TEXT_BYTES + 1)
                                + "\"}",
                        DeadLetterReason.TEXT_TOO_LARGE));
        inputs.add(
                bad(
                        "b-wrong-type",
                        "{\"id\":\"b-wrong-type\",\"text\":42}",
                        DeadLetterReason.WRONG_TYPE));
        inputs.add(bad("b-array", "[\"not\",\"an\",\"object\"]", DeadLetterReason.WRONG_TYPE));
        inputs.add(
                bad(
                        "b-timestamp",
                        "{\"id\":\"b-timestamp\",\"text\":\"fine text\",\"timestamp\":\"last tuesday\"}",
                        DeadLetterReason.INVALID_TIMESTAMP));
        inputs.add(
                new Input("b-tombstone", utf8("b-tombstone"), null, DeadLetterReason.EMPTY_RECORD));
        return inputs;
    }

    private static Input good(String id, String text) {
        return new Input(
                id, utf8(id), utf8("{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}"), null);
    }

    private static Input bad(String label, String json, DeadLetterReason reason) {
        return new Input(label, utf8(label), utf8(json), reason);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
