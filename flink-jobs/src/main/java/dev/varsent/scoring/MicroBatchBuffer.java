package dev.varsent.scoring;

import dev.varsent.events.ParsedReview;
import dev.varsent.events.ScoringTimes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The reviews waiting for the next micro-batch, when each arrived ({@link
 * ScoringTimes#receivedTime}), and when they are due: as soon as they are B, or fewer when the
 * batch's scoring time is capped (as many as the recent pace scores within the cap, {@link
 * BatchPace}); when the oldest has waited W; and, with {@code flushBeforeCheckpoint}, at every
 * checkpoint barrier. It keeps no timer: the operator arms one for {@link #flushDeadline()}. Used
 * from the task thread only.
 */
final class MicroBatchBuffer {

    /** Reviews of one batch, oldest first, with when each arrived. */
    record Batch(List<ParsedReview> reviews, List<Long> receivedAt) {}

    private final int batchSize;
    private final long maxWaitMs;
    private final long maxBatchTimeNanos;
    private final boolean flushBeforeCheckpoint;
    private final BatchPace pace = new BatchPace();

    private List<ParsedReview> reviews = new ArrayList<>();
    private List<Long> receivedAt = new ArrayList<>();

    MicroBatchBuffer(BatchSettings settings) {
        this.batchSize = settings.batchSize();
        this.maxWaitMs = settings.maxWaitMs();
        this.maxBatchTimeNanos = settings.maxBatchTimeMs() * 1_000_000L;
        this.flushBeforeCheckpoint = settings.flushBeforeCheckpoint();
    }

    /** Adds a review that arrived at {@code now}; true when the buffer is due to be scored. */
    boolean add(ParsedReview review, long now) {
        reviews.add(review);
        receivedAt.add(now);
        return reviews.size() >= batchLimit();
    }

    /**
     * Adds reviews restored from a checkpoint. They count as received at {@code now}: their wait
     * before the restore is not known.
     */
    void restore(Iterable<ParsedReview> restored, long now) {
        for (ParsedReview review : restored) {
            reviews.add(review);
            receivedAt.add(now);
        }
    }

    /** B, or fewer when the batch's scoring time is capped. */
    private int batchLimit() {
        return maxBatchTimeNanos > 0 ? pace.batchSize(maxBatchTimeNanos, batchSize) : batchSize;
    }

    /** When the oldest review will have waited W: the buffer is due then at the latest. */
    long flushDeadline() {
        if (receivedAt.isEmpty()) {
            throw new IllegalStateException("no review is waiting");
        }
        return receivedAt.get(0) + maxWaitMs;
    }

    /** Whether a checkpoint's barrier makes the buffer due (else the checkpoint stores it). */
    boolean dueAtCheckpointBarrier() {
        return flushBeforeCheckpoint;
    }

    int size() {
        return reviews.size();
    }

    boolean isEmpty() {
        return reviews.isEmpty();
    }

    /** The waiting reviews, oldest first, as a checkpoint stores them. */
    List<ParsedReview> reviews() {
        return Collections.unmodifiableList(reviews);
    }

    /**
     * Empties the buffer into batches of at most B, oldest first (a buffer restored after rescaling
     * may hold more than B).
     */
    List<Batch> drain() {
        List<ParsedReview> waiting = reviews;
        List<Long> waitingSince = receivedAt;
        reviews = new ArrayList<>();
        receivedAt = new ArrayList<>();
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < waiting.size(); from += batchSize) {
            int to = Math.min(waiting.size(), from + batchSize);
            batches.add(new Batch(waiting.subList(from, to), waitingSince.subList(from, to)));
        }
        return batches;
    }

    /** A batch of {@code reviews} took {@code nanos} to score: the pace the next cut follows. */
    void scored(int reviews, long nanos) {
        pace.scored(reviews, nanos);
    }
}
