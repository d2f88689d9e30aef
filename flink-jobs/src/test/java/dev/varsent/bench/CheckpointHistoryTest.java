package dev.varsent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointHistoryTest {

    private static JsonNode answer(String history) throws Exception {
        return new ObjectMapper().readTree("{\"counts\":{},\"history\":[" + history + "]}");
    }

    private static String checkpoint(long id, String status, long trigger, long ack) {
        return "{\"id\":%d,\"status\":\"%s\",\"trigger_timestamp\":%d,\"latest_ack_timestamp\":%d}"
                .formatted(id, status, trigger, ack);
    }

    @Test
    void aReviewsWaitForVisibilitySplitsAtTheLastCheckpointCompletionBeforeIt() throws Exception {
        CheckpointHistory history = new CheckpointHistory(URI.create("http://127.0.0.1:1"), "j");
        history.add(
                answer(
                        checkpoint(2, "COMPLETED", 1_200, 1_260)
                                + ","
                                + checkpoint(3, "IN_PROGRESS", 1_400, 0)));
        // a later poll sees the same checkpoint again and one more
        history.add(
                answer(
                        checkpoint(2, "COMPLETED", 1_200, 1_260)
                                + ","
                                + checkpoint(3, "COMPLETED", 1_400, 1_500)));

        // written at 1_250, visible at 1_290: its checkpoint (2) completed at 1_260
        LatencyTrace early = LatencyTrace.of(1_000, 1_100, 1_150, 1_249, 1_250, 1_290, 2);
        // written at 1_300, visible at 1_530: checkpoint 3 completed at 1_500
        LatencyTrace late = LatencyTrace.of(1_100, 1_150, 1_200, 1_299, 1_300, 1_530, 2);
        ObjectNode summary = history.summary(List.of(early, late), 1_000, 2_000);

        assertThat(summary.get("completed").asInt()).isEqualTo(2);
        assertThat(summary.get("duration_ms").get("p50").asLong()).isEqualTo(60);
        assertThat(summary.get("duration_ms").get("p99").asLong()).isEqualTo(100);
        assertThat(summary.get("split_samples").asInt()).isEqualTo(2);
        assertThat(summary.get("until_checkpoint_ms").get("p50").asLong()).isEqualTo(10);
        assertThat(summary.get("until_checkpoint_ms").get("p99").asLong()).isEqualTo(200);
        assertThat(summary.get("commit_to_visible_ms").get("p50").asLong()).isEqualTo(30);
        assertThat(summary.get("commit_to_visible_ms").get("p99").asLong()).isEqualTo(30);
    }

    @Test
    void withoutACheckpointInTheSpanThereIsNoSummary() throws Exception {
        CheckpointHistory history = new CheckpointHistory(URI.create("http://127.0.0.1:1"), "j");
        history.add(answer(checkpoint(1, "COMPLETED", 500, 600)));
        assertThat(history.summary(List.of(), 1_000, 2_000)).isNull();
    }
}
