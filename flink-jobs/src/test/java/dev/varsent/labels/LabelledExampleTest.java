package dev.varsent.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LabelledExampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsThroughItsJson() throws Exception {
        LabelledExample example =
                new LabelledExample(
                        "author/1#0",
                        "a \"quoted\" review, ünïcode",
                        0.7,
                        "oracle",
                        1_700_000_000_123L,
                        "v-2024-01",
                        0.183);
        byte[] json = example.toJson();
        assertThat(LabelledExample.fromJson(json)).isEqualTo(example);
        assertThat(new String(example.key(), StandardCharsets.UTF_8)).isEqualTo("author/1#0");

        JsonNode tree = JSON.readTree(json);
        assertThat(tree.get("event_version").asInt()).isEqualTo(1);
        assertThat(tree.get("labelled_at").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(tree.get("model_version").asText()).isEqualTo("v-2024-01");
        assertThat(tree.get("uncertainty").asDouble()).isEqualTo(0.183);
    }

    @Test
    void anUnknownModelVersionAndUncertaintyAreNull() throws Exception {
        LabelledExample example =
                new LabelledExample("r", "t", 1.0, "people", 5L, null, Double.NaN);
        JsonNode tree = JSON.readTree(example.toJson());
        assertThat(tree.get("model_version").isNull()).isTrue();
        assertThat(tree.get("uncertainty").isNull()).isTrue();
        LabelledExample back = LabelledExample.fromJson(example.toJson());
        assertThat(back.modelVersion()).isNull();
        assertThat(back.uncertainty()).isNaN();
        assertThat(
                        LabelledExample.fromJson(
                                utf8(
                                        "{\"event_version\":1,\"id\":\"r\",\"text\":\"t\",\"rating\":0,\"labeler\":\"p\",\"labelled_at\":5}")))
                .isEqualTo(new LabelledExample("r", "t", 0.0, "p", 5L, null, Double.NaN));
    }

    @Test
    void badRecordsAreRefusedWithTheReason() {
        String good =
                "\"id\":\"r\",\"text\":\"t\",\"rating\":0.5,\"labeler\":\"p\",\"labelled_at\":5";
        assertRefused(null, "tombstone");
        assertRefused(utf8("{\"event_version\":1,"), "not a labelled example");
        assertRefused(utf8("[]"), "expected an object");
        assertRefused(utf8("{" + good + "}"), "event_version");
        assertRefused(
                utf8("{\"event_version\":2," + good + "}"), "event_version 2 is not supported");
        assertRefused(
                utf8("{\"event_version\":1," + good.replace("\"id\":\"r\"", "\"id\":\"\"") + "}"),
                "'id'");
        assertRefused(
                utf8("{\"event_version\":1," + good.replace("\"text\":\"t\"", "\"text\":3") + "}"),
                "'text'");
        assertRefused(
                utf8("{\"event_version\":1," + good.replace("0.5", "1.5") + "}"),
                "'rating' must be a number in [0, 1], got 1.5");
        assertRefused(
                utf8("{\"event_version\":1," + good.replace("\"labeler\":\"p\",", "") + "}"),
                "'labeler'");
        assertRefused(
                utf8("{\"event_version\":1," + good.replace(":5", ":\"5\"") + "}"),
                "'labelled_at'");
        assertRefused(
                utf8("{\"event_version\":1," + good + ",\"model_version\":1}"), "'model_version'");
        assertRefused(
                utf8("{\"event_version\":1," + good + ",\"uncertainty\":\"high\"}"),
                "'uncertainty'");
    }

    private static void assertRefused(byte[] value, String message) {
        assertThatThrownBy(() -> LabelledExample.fromJson(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
