package dev.varsent.labels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.RawRecord;
import dev.varsent.events.SideOutputs;
import dev.varsent.events.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The join of labels with requests, on the keyed operator harness: a flood of labels for one
 * review.
 */
class MatchLabelsTest {

    private static final long TIMEOUT = 10_000;

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, LabelRequest, IncomingLabel, LabelledExample>
            harness() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, LabelRequest, IncomingLabel, LabelledExample>
                harness =
                        ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                                new MatchLabels(TIMEOUT, 86_400_000L, 1024),
                                LabelRequest::id,
                                IncomingLabel::id,
                                Types.STRING);
        harness.setProcessingTime(1_000);
        return harness;
    }

    private static IncomingLabel label(String id, long labelledAt, long offset) {
        Label label = new Label(id, 0.5, "tester", labelledAt);
        return new IncomingLabel(
                label,
                new RawRecord(
                        new SourcePosition("labels", 0, offset, 0L),
                        id.getBytes(StandardCharsets.UTF_8),
                        label.toJson()));
    }

    private static List<DeadLetter> deadLetters(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, LabelRequest, IncomingLabel, LabelledExample>
                    harness) {
        ConcurrentLinkedQueue<StreamRecord<DeadLetter>> side =
                harness.getSideOutput(SideOutputs.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aFloodOfLabelsBeforeTheRequestKeepsOneWaitingAndAccountsForEveryOther() throws Exception {
        int flood = 20_000;
        try (var harness = harness()) {
            for (int i = 0; i < flood; i++) {
                // Mostly newer, every tenth older than the one waiting.
                long labelledAt = i % 10 == 9 ? 1 : 100 + i;
                harness.processElement2(new StreamRecord<>(label("flood", labelledAt, i)));
            }
            assertThat(harness.numKeyedStateEntries())
                    .as("one waiting label, nothing else")
                    .isEqualTo(1);
            assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
            assertThat(deadLetters(harness))
                    .hasSize(flood - 1)
                    .allSatisfy(
                            letter ->
                                    assertThat(letter.reason())
                                            .isEqualTo(DeadLetterReason.STALE_LABEL));

            harness.processElement1(
                    new StreamRecord<>(new LabelRequest("flood", "the text", "v1", 0.3, 5L)));
            assertThat(harness.extractOutputValues())
                    .containsExactly(
                            new LabelledExample(
                                    "flood",
                                    "the text",
                                    0.5,
                                    "tester",
                                    100 + flood - 2,
                                    "v1",
                                    0.3));
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aWaitingLabelWithoutRequestIsDeadLetteredAtItsTimeoutAndLeavesNoState() throws Exception {
        try (var harness = harness()) {
            harness.processElement2(new StreamRecord<>(label("lonely", 5, 0)));
            harness.setProcessingTime(1_000 + TIMEOUT);
            assertThat(deadLetters(harness))
                    .singleElement()
                    .satisfies(
                            letter ->
                                    assertThat(letter.reason())
                                            .isEqualTo(DeadLetterReason.UNKNOWN_REVIEW));
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aFloodAfterTheRequestEmitsEachNewerLabelAndRefusesEachOlderOne() throws Exception {
        try (var harness = harness()) {
            harness.processElement1(
                    new StreamRecord<>(new LabelRequest("r", "t", null, Double.NaN, 5L)));
            for (int i = 0; i < 1_000; i++) {
                harness.processElement2(
                        new StreamRecord<>(label("r", i % 2 == 0 ? 1_000 + i : 0, i)));
            }
            assertThat(harness.extractOutputValues()).hasSize(500);
            assertThat(deadLetters(harness)).hasSize(500);
            assertThat(harness.numKeyedStateEntries())
                    .as("the request and the latest labelled_at")
                    .isEqualTo(2);
        }
    }
}
