package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.events.ParsedReview;
import dev.varsent.events.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicroBatchBufferTest {

    private static final long MS = 1_000_000L;

    /** B reviews, W milliseconds, and a cap on a batch's scoring time (0: none). */
    private static MicroBatchBuffer buffer(int b, long w, long maxBatchTimeMs, boolean barrier) {
        return new MicroBatchBuffer(
                new BatchSettings(b, w, 10, 50, 4096, 0, maxBatchTimeMs, barrier));
    }

    private static ParsedReview review(String id) {
        return TestEvents.review(id, "text of " + id);
    }

    private static List<String> ids(List<ParsedReview> reviews) {
        return reviews.stream().map(ParsedReview::id).toList();
    }

    @Test
    void theBufferIsDueWhenItHoldsBReviews() {
        MicroBatchBuffer buffer = buffer(3, 1000, 0, false);
        assertThat(buffer.add(review("a"), 10)).isFalse();
        assertThat(buffer.add(review("b"), 11)).isFalse();
        assertThat(buffer.add(review("c"), 12)).isTrue();
        assertThat(buffer.size()).isEqualTo(3);
    }

    @Test
    void theDeadlineIsWAfterTheOldestReviewArrived() {
        MicroBatchBuffer buffer = buffer(10, 200, 0, false);
        assertThatThrownBy(buffer::flushDeadline).isInstanceOf(IllegalStateException.class);
        buffer.add(review("a"), 1_000);
        assertThat(buffer.flushDeadline()).isEqualTo(1_200);
        buffer.add(review("b"), 1_150);
        assertThat(buffer.flushDeadline()).isEqualTo(1_200);
        buffer.drain();
        buffer.add(review("c"), 5_000);
        assertThat(buffer.flushDeadline()).isEqualTo(5_200);
    }

    @Test
    void drainingEmptiesTheBufferIntoBatchesOfAtMostBWithEachArrivalTime() {
        MicroBatchBuffer buffer = buffer(2, 1000, 0, false);
        buffer.restore(List.of(review("r1"), review("r2"), review("r3")), 500);
        buffer.add(review("a"), 700);
        assertThat(ids(buffer.reviews())).containsExactly("r1", "r2", "r3", "a");

        List<MicroBatchBuffer.Batch> batches = buffer.drain();

        assertThat(batches).hasSize(2);
        assertThat(ids(batches.get(0).reviews())).containsExactly("r1", "r2");
        assertThat(batches.get(0).receivedAt()).containsExactly(500L, 500L);
        assertThat(ids(batches.get(1).reviews())).containsExactly("r3", "a");
        assertThat(batches.get(1).receivedAt()).containsExactly(500L, 700L);
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.reviews()).isEmpty();
        assertThat(buffer.drain()).isEmpty();
    }

    @Test
    void restoredReviewsCountAsReceivedAtTheRestoreAndAreDueByTheirDeadline() {
        MicroBatchBuffer buffer = buffer(10, 300, 0, false);
        buffer.restore(List.of(review("r1")), 2_000);
        assertThat(buffer.flushDeadline()).isEqualTo(2_300);
        assertThat(buffer.drain().get(0).receivedAt()).containsExactly(2_000L);
    }

    @Test
    void withACapOnTheScoringTimeTheBufferIsDueAtWhatThePaceScoresWithinIt() {
        MicroBatchBuffer buffer = buffer(10, 60_000, 100, false);
        assertThat(buffer.add(review("first"), 0)).isFalse(); // untimed: B is the limit
        buffer.drain();
        buffer.scored(1, 30 * MS); // 30 ms a review: 3 fit in 100 ms
        assertThat(buffer.add(review("a"), 1)).isFalse();
        assertThat(buffer.add(review("b"), 2)).isFalse();
        assertThat(buffer.add(review("c"), 3)).isTrue();
    }

    @Test
    void withoutACapASlowPaceStillWaitsForB() {
        MicroBatchBuffer buffer = buffer(4, 60_000, 0, false);
        buffer.scored(1, 500 * MS);
        for (int i = 0; i < 3; i++) {
            assertThat(buffer.add(review("r" + i), i)).isFalse();
        }
        assertThat(buffer.add(review("r3"), 3)).isTrue();
    }

    @Test
    void aCheckpointBarrierMakesTheBufferDueOnlyWithFlushBeforeCheckpoint() {
        assertThat(buffer(4, 1000, 0, true).dueAtCheckpointBarrier()).isTrue();
        assertThat(buffer(4, 1000, 0, false).dueAtCheckpointBarrier()).isFalse();
    }

    @Test
    void theSnapshotViewCannotChangeTheBuffer() {
        MicroBatchBuffer buffer = buffer(4, 1000, 0, false);
        buffer.add(review("a"), 0);
        assertThatThrownBy(() -> buffer.reviews().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(buffer.size()).isEqualTo(1);
    }
}
