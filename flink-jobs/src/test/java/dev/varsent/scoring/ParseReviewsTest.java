package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.varsent.config.VarsentConfig;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.InputLimits;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.RawRecord;
import dev.varsent.events.SideOutputs;
import dev.varsent.events.SourcePosition;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The parse step of the scoring job: valid reviews on, every other record dead-lettered. */
class ParseReviewsTest {

    private static RawRecord record(long offset, String value) {
        return new RawRecord(
                new SourcePosition("reviews", 0, offset, 5L),
                null,
                value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidReviewGoesOnAndAnUnreadableRecordIsDeadLetteredAtTheProcessingTime()
            throws Exception {
        try (var harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseReviews(InputLimits.from(VarsentConfig.defaults()), 64))) {
            harness.setProcessingTime(1_000);
            harness.processElement(
                    new StreamRecord<>(record(1, "{\"id\": \"r1\", \"text\": \"a fine film\"}")));
            harness.processElement(new StreamRecord<>(record(2, "{not json")));

            assertThat(harness.extractOutputValues())
                    .extracting(ParsedReview::id, ParsedReview::text)
                    .containsExactly(tuple("r1", "a fine film"));
            assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS))
                    .map(StreamRecord::getValue)
                    .singleElement()
                    .satisfies(
                            letter -> {
                                assertThat(letter.reason())
                                        .isEqualTo(DeadLetterReason.MALFORMED_JSON);
                                assertThat(letter.position().offset()).isEqualTo(2);
                                assertThat(letter.failedAt()).isEqualTo(1_000);
                            });
        }
    }
}
