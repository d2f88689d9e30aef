package dev.varsent.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingAnswersTest {

    private static final TopicPartition P0 = new TopicPartition("requests", 0);
    private static final TopicPartition P1 = new TopicPartition("requests", 1);

    private static PendingAnswers.Answer answer(TopicPartition partition, long offset, long due) {
        return new PendingAnswers.Answer(partition, offset, "r" + offset, 0.5, due);
    }

    private static void readAndAwait(PendingAnswers pending, PendingAnswers.Answer answer) {
        pending.read(answer.partition(), answer.offset());
        pending.await(answer);
    }

    @Test
    void commitsUpToTheFirstRequestNotYetAnswered() {
        PendingAnswers pending = new PendingAnswers();
        PendingAnswers.Answer early = answer(P0, 0, 100);
        PendingAnswers.Answer late = answer(P0, 1, 300);
        readAndAwait(pending, late);
        readAndAwait(pending, early);
        pending.read(P0, 2); // unknown id: read, never answered
        assertThat(pending.toCommit(pending.partitions())).isEqualTo(Map.of(P0, 0L));

        List<PendingAnswers.Answer> due = pending.takeDue(200);
        assertThat(due).containsExactly(early);
        // Taken but not yet acknowledged: its offset still holds the commit back.
        assertThat(pending.toCommit(pending.partitions())).isEqualTo(Map.of(P0, 0L));
        pending.sent(due);
        assertThat(pending.toCommit(pending.partitions())).isEqualTo(Map.of(P0, 1L));

        pending.sent(pending.takeDue(300));
        assertThat(pending.toCommit(pending.partitions())).isEqualTo(Map.of(P0, 3L));
        pending.committed(Map.of(P0, 3L));
        assertThat(pending.toCommit(pending.partitions())).isEmpty();
    }

    @Test
    void waitsUntilTheEarliestDueAnswerAtMostTheGivenTime() {
        PendingAnswers pending = new PendingAnswers();
        assertThat(pending.waitMs(0, 200)).isEqualTo(200);
        readAndAwait(pending, answer(P0, 0, 150));
        readAndAwait(pending, answer(P1, 0, 50));
        assertThat(pending.waiting()).isEqualTo(2);
        assertThat(pending.waitMs(0, 200)).isEqualTo(50);
        assertThat(pending.waitMs(80, 200)).isZero();
        assertThat(pending.takeDue(49)).isEmpty();
    }

    @Test
    void forgetsRevokedPartitions() {
        PendingAnswers pending = new PendingAnswers();
        readAndAwait(pending, answer(P0, 0, 10));
        readAndAwait(pending, answer(P1, 4, 10));
        pending.committed(Map.of(P1, 4L));
        pending.forget(List.of(P1));
        assertThat(pending.partitions()).containsExactly(P0);
        assertThat(pending.takeDue(10))
                .extracting(PendingAnswers.Answer::partition)
                .containsExactly(P0);
        assertThat(pending.toCommit(List.of(P1))).isEmpty();
    }
}
