package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.ScoringTimes;
import dev.varsent.events.SideOutputs;
import dev.varsent.events.TestEvents;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

class MicroBatchScoringOperatorTest {

    /**
     * Records the batches it is asked to score; throws on any batch holding a text that contains
     * "poison".
     */
    private static final class RecordingPredictor implements Predictor {
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        private final LengthPredictor delegate = new LengthPredictor();

        /** A pause per review of each batch, like a real model's inference time. */
        volatile long millisPerReview;

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
            if (millisPerReview > 0) {
                try {
                    Thread.sleep(millisPerReview * texts.size());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (texts.stream().anyMatch(t -> t.contains("poison"))) {
                throw new IllegalArgumentException("cannot tokenize");
            }
            return delegate.predict(texts, k);
        }
    }

    private final RecordingPredictor predictor = new RecordingPredictor();
    private final AtomicInteger predictorsCreated = new AtomicInteger();

    private ScoringHarness harness(BatchSettings settings) throws Exception {
        PredictorFactory factory =
                () -> {
                    predictorsCreated.incrementAndGet();
                    return predictor;
                };
        return new ScoringHarness(settings, factory);
    }

    private static List<String> ids(ScoringHarness h) {
        return h.extractOutputValues().stream().map(s -> s.review().id()).toList();
    }

    private static List<DeadLetter> deadLetters(ScoringHarness h) {
        return h.getSideOutput(SideOutputs.DEAD_LETTERS) == null
                ? List.of()
                : h.getSideOutput(SideOutputs.DEAD_LETTERS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    @Test
    void aFullBatchIsScoredAtOnceWithoutWaiting() throws Exception {
        try (var h = harness(new BatchSettings(3, 1000, 10, 50))) {
            h.open();
            h.processReview(TestEvents.review("a", "one"));
            h.processReview(TestEvents.review("b", "two"));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processReview(TestEvents.review("c", "three"));
            assertThat(ids(h)).containsExactly("a", "b", "c");
            assertThat(predictor.batchSizes).containsExactly(3);
            assertThat(h.extractOutputValues())
                    .allSatisfy(
                            s -> {
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
            h.processReview(TestEvents.review("a", "one"));
            h.setProcessingTime(1_050);
            h.processReview(TestEvents.review("b", "two"));
            h.setProcessingTime(1_099);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(1_100);
            assertThat(ids(h)).containsExactly("a", "b");
            assertThat(h.extractOutputValues().get(0).processingTime()).isEqualTo(1_100);

            h.setProcessingTime(1_150);
            h.processReview(TestEvents.review("c", "three"));
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
            h.processReview(TestEvents.review("a", "one"));
            h.processReview(TestEvents.review("b", "two"));
            snapshot = h.snapshot(1L, 1L);
            assertThat(h.extractOutputValues()).isEmpty();
        }
        try (var restored = harness(settings)) {
            restored.setProcessingTime(5_000);
            restored.initializeState(snapshot);
            restored.open();
            restored.processReview(TestEvents.review("c", "three"));
            assertThat(restored.extractOutputValues()).isEmpty();
            restored.setProcessingTime(5_100);
            assertThat(ids(restored)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void aRestoreAfterTheTransactionTimeoutIsReportedAndOneWithinItIsNot() throws Exception {
        // exactly-once with a 10 s transaction timeout: the snapshot is taken at 1 s
        BatchSettings settings = new BatchSettings(10, 100, 10, 50, 4096, 10_000);
        OperatorSubtaskState snapshot;
        try (var h = harness(settings)) {
            h.setProcessingTime(1_000);
            h.open();
            h.processReview(TestEvents.review("a", "one"));
            snapshot = h.snapshot(1L, 1_000L);
        }
        try (var soon = harness(settings)) {
            soon.setProcessingTime(10_999);
            soon.initializeState(snapshot);
            soon.open();
            assertThat(soon.scorer().expiredTransactionRestoreCount()).isZero();
        }
        try (var late = harness(settings)) {
            late.setProcessingTime(11_000);
            late.initializeState(snapshot);
            late.open();
            assertThat(late.scorer().expiredTransactionRestoreCount()).isEqualTo(1);
            // the restored buffer is still scored: the job reports the loss and goes on
            late.setProcessingTime(11_100);
            assertThat(ids(late)).containsExactly("a");
        }
        try (var atLeastOnce = harness(new BatchSettings(10, 100, 10, 50, 4096, 0))) {
            atLeastOnce.setProcessingTime(1_000_000);
            atLeastOnce.initializeState(snapshot);
            atLeastOnce.open();
            assertThat(atLeastOnce.scorer().expiredTransactionRestoreCount()).isZero();
        }
    }

    @Test
    void theEndOfABoundedInputFlushesTheBuffer() throws Exception {
        try (var h = harness(new BatchSettings(10, 60_000, 10, 50))) {
            h.open();
            h.processReview(TestEvents.review("a", "one"));
            h.endReviews();
            assertThat(ids(h)).containsExactly("a");
        }
    }

    @Test
    void aFailingBatchIsScoredOneByOneAndOnlyTheFailingReviewIsDeadLettered() throws Exception {
        try (var h = harness(new BatchSettings(3, 1000, 10, 50))) {
            h.open();
            h.setProcessingTime(77);
            h.processReview(TestEvents.review("a", "good"));
            h.processReview(TestEvents.review("b", "poison pill"));
            h.processReview(TestEvents.review("c", "great"));
            assertThat(ids(h)).containsExactly("a", "c");
            assertThat(predictor.batchSizes).containsExactly(3, 1, 1, 1);
            List<DeadLetter> letters = deadLetters(h);
            assertThat(letters).hasSize(1);
            DeadLetter letter = letters.get(0);
            assertThat(letter.reason()).isEqualTo(DeadLetterReason.SCORING_FAILED);
            assertThat(letter.id()).isEqualTo("b");
            assertThat(letter.message()).isEqualTo("IllegalArgumentException: cannot tokenize");
            assertThat(letter.position()).isEqualTo(TestEvents.POSITION);
            assertThat(new String(letter.payload(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"text\":\"poison pill\"");
            assertThat(letter.failedAt()).isEqualTo(77);
        }
    }

    @Test
    void aModelThatFailsOnEveryReviewFailsTheJob() throws Exception {
        try (var h = harness(new BatchSettings(1, 1000, 10, 3))) {
            h.open();
            h.processReview(TestEvents.review("a", "poison 1"));
            h.processReview(TestEvents.review("b", "fine"));
            h.processReview(TestEvents.review("c", "poison 2"));
            h.processReview(TestEvents.review("d", "poison 3"));
            assertThat(deadLetters(h)).extracting(DeadLetter::id).containsExactly("a", "c", "d");
            assertThatThrownBy(() -> h.processReview(TestEvents.review("e", "poison 4")))
                    .isInstanceOf(ModelFailureException.class)
                    .hasMessageContaining("failed on 3 reviews in a row");
        }
    }

    @Test
    void onePredictorServesAllBatchesOfASubtask() throws Exception {
        try (var h = harness(new BatchSettings(2, 1000, 10, 50))) {
            h.open();
            for (int i = 0; i < 10; i++) {
                h.processReview(TestEvents.review("r" + i, "text"));
            }
            assertThat(predictor.batchSizes).containsExactly(2, 2, 2, 2, 2);
            assertThat(predictorsCreated).hasValue(1);
        }
    }

    @Test
    void eachOutputSaysWhenItsReviewArrivedAndWhenItsBatchStarted() throws Exception {
        try (var h = harness(new BatchSettings(10, 100, 10, 50))) {
            h.open();
            h.setProcessingTime(1_000);
            h.processReview(TestEvents.review("a", "one"));
            h.setProcessingTime(1_040);
            h.processReview(TestEvents.review("b", "two"));
            h.setProcessingTime(1_100);
            assertThat(h.extractOutputValues())
                    .extracting(ScoredReview::times)
                    .containsExactly(
                            new ScoringTimes(1_000, 1_100, 2), new ScoringTimes(1_040, 1_100, 2));
        }
    }

    @Test
    void aCheckpointBarrierFlushesTheBufferSoThatItsOutputsBelongToThatCheckpoint()
            throws Exception {
        BatchSettings settings = new BatchSettings(10, 60_000, 10, 50, 4096, 10_000, 0, true);
        OperatorSubtaskState snapshot;
        try (var h = harness(settings)) {
            h.open();
            h.processReview(TestEvents.review("a", "one"));
            h.processReview(TestEvents.review("b", "two"));
            assertThat(h.extractOutputValues()).isEmpty();
            h.prepareSnapshotPreBarrier(1L);
            assertThat(ids(h)).containsExactly("a", "b");
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isZero();
            snapshot = h.snapshot(1L, 1L);
        }
        // Nothing waits in the checkpoint: a restore from it scores no review again.
        try (var restored = harness(settings)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(120_000);
            assertThat(restored.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void withoutFlushBeforeCheckpointTheBarrierLeavesTheBufferToTheCheckpoint() throws Exception {
        try (var h = harness(new BatchSettings(10, 60_000, 10, 50, 4096, 0, 0, false))) {
            h.open();
            h.processReview(TestEvents.review("a", "one"));
            h.prepareSnapshotPreBarrier(1L);
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void inTheLowLatencyModeABatchIsCutByItsExpectedScoringTime() throws Exception {
        // 30 ms a review and at most 100 ms a batch: once one batch has been timed, a batch holds
        // at most 3 reviews (fewer when the machine is slow), where B alone would allow 10.
        predictor.millisPerReview = 30;
        try (var h = harness(new BatchSettings(10, 60_000, 10, 50, 4096, 0, 100, false))) {
            h.open();
            h.processReview(TestEvents.review("first", "timed alone"));
            h.endReviews();
            assertThat(predictor.batchSizes).containsExactly(1);
            for (int i = 0; i < 10; i++) {
                h.processReview(TestEvents.review("r" + i, "text"));
            }
            h.endReviews();
            assertThat(ids(h)).hasSize(11);
            assertThat(predictor.batchSizes.subList(1, predictor.batchSizes.size()))
                    .allSatisfy(size -> assertThat(size).isBetween(1, 3));
        }
    }

    @Test
    void withoutACapOnTheScoringTimeASlowModelStillGetsFullBatches() throws Exception {
        predictor.millisPerReview = 30;
        try (var h = harness(new BatchSettings(4, 60_000, 10, 50, 4096, 0, 0, false))) {
            h.open();
            h.processReview(TestEvents.review("first", "timed alone"));
            h.endReviews();
            for (int i = 0; i < 8; i++) {
                h.processReview(TestEvents.review("r" + i, "text"));
            }
            assertThat(predictor.batchSizes).containsExactly(1, 4, 4);
        }
    }
}
