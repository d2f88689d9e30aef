package dev.varsent.labels;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * The oracle's book of requests read but not yet answered: the answers waiting for their due time,
 * and per partition the offsets that may be committed (up to the first request not yet answered,
 * else all that was read). Not thread-safe: the {@link OracleAnswerLoop} owns it.
 */
final class PendingAnswers {

    /** A request waiting for its delay, with the rating it will get. */
    record Answer(TopicPartition partition, long offset, String id, double rating, long due) {}

    private final PriorityQueue<Answer> waiting =
            new PriorityQueue<>(
                    Comparator.comparingLong(Answer::due).thenComparingLong(Answer::offset));

    /** Per partition: offsets read but not yet answered, and the offset after the last one read. */
    private final Map<TopicPartition, TreeSet<Long>> unanswered = new HashMap<>();

    private final Map<TopicPartition, Long> readUpTo = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** The record at {@code offset} of {@code partition} was read (answered or not). */
    void read(TopicPartition partition, long offset) {
        readUpTo.put(partition, offset + 1);
    }

    /** {@code answer}'s request, already {@link #read}, waits for its due time. */
    void await(Answer answer) {
        unanswered.computeIfAbsent(answer.partition(), p -> new TreeSet<>()).add(answer.offset());
        waiting.add(answer);
    }

    int waiting() {
        return waiting.size();
    }

    /** How long to wait for new requests at {@code now}: at most {@code maxMs}, 0 if one is due. */
    long waitMs(long now, long maxMs) {
        return waiting.isEmpty() ? maxMs : Math.max(0, Math.min(maxMs, waiting.peek().due() - now));
    }

    /** Takes the answers due at {@code now}, earliest first; {@link #sent} once acknowledged. */
    List<Answer> takeDue(long now) {
        List<Answer> due = new ArrayList<>();
        while (!waiting.isEmpty() && waiting.peek().due() <= now) {
            due.add(waiting.poll());
        }
        return due;
    }

    /** These answers are acknowledged: their offsets no longer hold back a commit. */
    void sent(List<Answer> answers) {
        for (Answer answer : answers) {
            TreeSet<Long> offsets = unanswered.get(answer.partition());
            if (offsets != null) {
                offsets.remove(answer.offset());
            }
        }
    }

    /** The partitions read from (and not forgotten). */
    Set<TopicPartition> partitions() {
        return readUpTo.keySet();
    }

    /** Per partition, the offset to commit now, where it differs from the one last committed. */
    Map<TopicPartition, Long> toCommit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            TreeSet<Long> open = unanswered.get(partition);
            Long offset = open != null && !open.isEmpty() ? open.first() : readUpTo.get(partition);
            if (offset != null && !offset.equals(committed.get(partition))) {
                offsets.put(partition, offset);
            }
        }
        return offsets;
    }

    void committed(Map<TopicPartition, Long> offsets) {
        committed.putAll(offsets);
    }

    /** Another member answers these partitions now, from the committed offsets. */
    void forget(Collection<TopicPartition> partitions) {
        waiting.removeIf(answer -> partitions.contains(answer.partition()));
        for (TopicPartition partition : partitions) {
            unanswered.remove(partition);
            readUpTo.remove(partition);
            committed.remove(partition);
        }
    }
}
