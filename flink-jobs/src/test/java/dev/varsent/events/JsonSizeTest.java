package dev.varsent.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonSizeTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static long jacksonLength(String s) throws Exception {
        return JACKSON.writeValueAsBytes(s).length - 2;
    }

    @Test
    void theEscapedLengthIsWhatJacksonWrites() throws Exception {
        List<String> hostile =
                List.of(
                        "",
                        "plain",
                        "\u0001\u0002\u001f",
                        "\n\t\r\b\f",
                        "\"\\/",
                        "\u007f\u0080\u07ff\u0800",
                        "\ud83d\ude00",
                        "\ud800",
                        "x\udc00",
                        "\u202e\u200b\ufeff\u2028",
                        "\u05e9\u05dc\u05d5\u05dd",
                        "\uffff");
        for (String s : hostile) {
            assertThat(JsonSize.escapedLength(s)).as("%s", s).isEqualTo(jacksonLength(s));
        }
        Random random = new Random(9);
        for (int i = 0; i < 2000; i++) {
            char[] chars = new char[random.nextInt(40)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] =
                        (char)
                                (random.nextBoolean()
                                        ? random.nextInt(0x100)
                                        : random.nextInt(0x10000));
            }
            String s = new String(chars);
            assertThat(JsonSize.escapedLength(s)).isEqualTo(jacksonLength(s));
            assertThat(JsonSize.escapedLength(s))
                    .isLessThanOrEqualTo(JsonSize.MAX_ESCAPE_FACTOR * (long) s.length());
        }
    }

    @Test
    void aPrefixWithinABudgetNeverSplitsAPairAndFills() {
        assertThat(JsonSize.prefixWithin("\u0001\u0001\u0001", 13)).isEqualTo("\u0001\u0001");
        assertThat(JsonSize.prefixWithin("ab\ud83d\ude00", 13)).isEqualTo("ab");
        assertThat(JsonSize.prefixWithin("ab\ud83d\ude00", 14)).isEqualTo("ab\ud83d\ude00");
        assertThat(JsonSize.prefixWithin("short", 100)).isEqualTo("short");
    }
}
