package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.TestEvents;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MicroBatchScoringOperatorTest {

    /** Records the batches it is asked to score; throws on any batch holding a text that contains "poison". */
    private static final class RecordingPredictor implements Predictor {
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        private final LengthPredictor delegate = new LengthPredictor();

        @Override
        public String modelVersion() {
            return "recording-1";
        }

        @Override
        public boolean isClassification() {
            return false;
        }

        @Override
        public List<Prediction> predict(List<String> texts, int k) {
            batchSizes.add(texts.size());
            if (texts.stream().anyMatch(t -> t.contains("poison"))) {
                throw new IllegalArgumentException("cannot tokenize");
            }
            return delegate.predict(texts, k);
        }
    }

    private final RecordingPredictor predictor = new RecordingPredictor();
    private final AtomicInteger predictorsCreated = new AtomicInteger();

    private OneInputStreamOperatorTestHarness<dev.varsent.events.ParsedReview, ScoredReview> harness(BatchSettings settings)
            throws Exception {
        PredictorFactory factory = () -> {
            predictorsCreated.incrementAndGet();
            return predictor;
        };
        return new OneInputStreamOperatorTestHarness<>(new MicroBatchScoringOperatorFactory(settings, factory));
    }

    private static List<String> ids(OneInputStreamOperatorTestHarness<?, ScoredReview> h) {
        return h.extractOutputValues().stream().map(s -> s.review().id()).toList();
    }

    private static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<?, ScoredReview> h) {
        return h.getSideOutput(SideOutputs.DEAD_LETTERS) == null ? List.of()
                : h.getSideOutput(SideOutputs.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aFullBatchIsScoredAtOnceWithoutWaiting() throws Exception {
        try (var h = harness(new BatchSettings(3, 1000, 10, 50))) {
            h.open();
            h.processElement(TestEvents.review("a", "one"), 0);
            h.processElement(TestEvents.review("b", "two"), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement(TestEvents.review("c", "three"), 0);
            assertThat(ids(h)).containsExactly("a", "b", "c");
            assertThat(predictor.batchSizes).containsExactly(3);
            assertThat(h.extractOutputValues()).allSatisfy(s -> {
                assertThat(s.k()).isEqualTo(10);
                assertThat(s.modelVersion()).isEqualTo("recording-1");
            });
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isZero();
        }
    }

    @Test
    void aPartialBatchIsScoredWhenItsOldestReviewHasWaitedW() throws Exception {
        try (var h = harness(new BatchSettings(10, 100, 10, 50))) {
            h.open();
            h.setProcessingTime(1_000);
            h.processElement(TestEvents.review("a", "one"), 0);
            h.setProcessingTime(1_050);
            h.processElement(TestEvents.review("b", "two"), 0);
            h.setProcessingTime(1_099);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(1_100);
            assertThat(ids(h)).containsExactly("a", "b");
            assertThat(h.extractOutputValues().get(0).processingTime()).isEqualTo(1_100);

            h.setProcessingTime(1_150);
            h.processElement(TestEvents.review("c", "three"), 0);
            h.setProcessingTime(1_249);
            assertThat(ids(h)).containsExactly("a", "b");
            h.setProcessingTime(1_250);
            assertThat(ids(h)).containsExactly("a", "b", "c");
            assertThat(predictor.batchSizes).containsExactly(2, 1);
        }
    }

    @Test
    void theBufferSurvivesASnapshotAndIsScoredAfterRestore() throws Exception {
        BatchSettings settings = new BatchSettings(10, 100, 10, 50);
        OperatorSubtaskState snapshot;
        try (var h = harness(settings)) {
            h.open();
            h.processElement(TestEvents.review("a", "one"), 0);
            h.processElement(TestEvents.review("b", "two"), 0);
            snapshot = h.snapshot(1L, 1L);
            assertThat(h.extractOutputValues()).isEmpty();
        }
        try (var restored = harness(settings)) {
            restored.setProcessingTime(5_000);
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(TestEvents.review("c", "three"), 0);
            assertThat(restored.extractOutputValues()).isEmpty();
            restored.setProcessingTime(5_100);
            assertThat(ids(restored)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void theEndOfABoundedInputFlushesTheBuffer() throws Exception {
        try (var h = harness(new BatchSettings(10, 60_000, 10, 50))) {
            h.open();
            h.processElement(TestEvents.review("a", "one"), 0);
            h.endInput();
            assertThat(ids(h)).containsExactly("a");
        }
    }

    @Test
    void aFailingBatchIsScoredOneByOneAndOnlyTheFailingReviewIsDeadLettered() throws Exception {
        try (var h = harness(new BatchSettings(3, 1000, 10, 50))) {
            h.open();
            h.setProcessingTime(77);
            h.processElement(TestEvents.review("a", "good"), 0);
            h.processElement(TestEvents.review("b", "poison pill"), 0);
            h.processElement(TestEvents.review("c", "great"), 0);
            assertThat(ids(h)).containsExactly("a", "c");
            assertThat(predictor.batchSizes).containsExactly(3, 1, 1, 1);
            List<DeadLetter> letters = deadLetters(h);
            assertThat(letters).hasSize(1);
            DeadLetter letter = letters.get(0);
            assertThat(letter.reason()).isEqualTo(DeadLetterReason.SCORING_FAILED);
            assertThat(letter.id()).isEqualTo("b");
            assertThat(letter.message()).isEqualTo("IllegalArgumentException: cannot tokenize");
            assertThat(letter.position()).isEqualTo(TestEvents.POSITION);
            assertThat(new String(letter.payload(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"text\":\"poison pill\"");
            assertThat(letter.failedAt()).isEqualTo(77);
        }
    }

    @Test
    void aModelThatFailsOnEveryReviewFailsTheJob() throws Exception {
        try (var h = harness(new BatchSettings(1, 1000, 10, 3))) {
            h.open();
            h.processElement(TestEvents.review("a", "poison 1"), 0);
            h.processElement(TestEvents.review("b", "fine"), 0);
            h.processElement(TestEvents.review("c", "poison 2"), 0);
            h.processElement(TestEvents.review("d", "poison 3"), 0);
            assertThat(deadLetters(h)).extracting(DeadLetter::id).containsExactly("a", "c", "d");
            assertThatThrownBy(() -> h.processElement(TestEvents.review("e", "poison 4"), 0))
                    .isInstanceOf(ModelFailureException.class)
                    .hasMessageContaining("failed on 3 reviews in a row");
        }
    }

    @Test
    void onePredictorServesAllBatchesOfASubtask() throws Exception {
        try (var h = harness(new BatchSettings(2, 1000, 10, 50))) {
            h.open();
            for (int i = 0; i < 10; i++) {
                h.processElement(TestEvents.review("r" + i, "text"), 0);
            }
            assertThat(predictor.batchSizes).containsExactly(2, 2, 2, 2, 2);
            assertThat(predictorsCreated).hasValue(1);
        }
    }
}
