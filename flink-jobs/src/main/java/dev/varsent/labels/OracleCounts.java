package dev.varsent.labels;

import java.util.concurrent.atomic.AtomicLong;

/** What the {@link OracleAnswerLoop} did so far, read from other threads by the labeler. */
final class OracleCounts {

    /** Labels sent and acknowledged by Kafka. */
    final AtomicLong answered = new AtomicLong();

    /** Requests for ids the ground truth does not know (not answered). */
    final AtomicLong unknown = new AtomicLong();

    /** Requests that could not be read (not answered). */
    final AtomicLong invalid = new AtomicLong();

    /** Why the loop stopped by itself, if it did. */
    volatile Throwable failure;
}
