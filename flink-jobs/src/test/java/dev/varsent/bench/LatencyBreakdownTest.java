package dev.varsent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyBreakdownTest {

    @Test
    void aTraceSplitsTheLatencyIntoPartsThatAddUp() {
        LatencyTrace trace = LatencyTrace.of(1_000, 1_030, 1_050, 1_250, 1_252, 1_400, 5);
        assertThat(trace.total()).isEqualTo(400);
        assertThat(trace.toScorer()).isEqualTo(30);
        assertThat(trace.inBuffer()).isEqualTo(20);
        assertThat(trace.scoring()).isEqualTo(200);
        assertThat(trace.toSink()).isEqualTo(2);
        assertThat(trace.toVisible()).isEqualTo(148);
        assertThat(
                        trace.toScorer()
                                + trace.inBuffer()
                                + trace.scoring()
                                + trace.toSink()
                                + trace.toVisible())
                .isEqualTo(trace.total());
    }

    @Test
    void theSlowestOnePercentSaysWhereTheTailComesFrom() {
        // 99 reviews scored in 10 ms batches of 1, one behind a 900 ms batch of 32
        List<LatencyTrace> traces = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            traces.add(LatencyTrace.of(0, 5, 5 + i % 3, 15 + i % 3, 16 + i % 3, 40 + i % 3, 1));
        }
        traces.add(LatencyTrace.of(0, 5, 300, 1_200, 1_201, 1_230, 32));
        LatencyBreakdown breakdown = new LatencyBreakdown(traces);

        assertThat(breakdown.count()).isEqualTo(100);
        assertThat(breakdown.at("scoring_ms", 50)).isEqualTo(10);
        assertThat(breakdown.at("scoring_ms", 99)).isEqualTo(10);
        assertThat(breakdown.at("batch_size", 99)).isEqualTo(1);
        assertThat(breakdown.slowestMean("scoring_ms")).isEqualTo(900.0);
        assertThat(breakdown.slowestMean("in_buffer_ms")).isEqualTo(295.0);

        ObjectNode json = breakdown.toJson();
        assertThat(json.get("samples").asInt()).isEqualTo(100);
        assertThat(json.get("to_visible_ms").get("p50").asLong()).isEqualTo(24);
        ObjectNode slowest = (ObjectNode) json.get("slowest_1pct_mean");
        assertThat(slowest.get("reviews").asInt()).isEqualTo(1);
        assertThat(slowest.get("batch_size").asDouble()).isEqualTo(32.0);
        double parts =
                slowest.get("to_scorer_ms").asDouble()
                        + slowest.get("in_buffer_ms").asDouble()
                        + slowest.get("scoring_ms").asDouble()
                        + slowest.get("to_sink_ms").asDouble()
                        + slowest.get("to_visible_ms").asDouble();
        assertThat(parts).isCloseTo(slowest.get("total_ms").asDouble(), within(0.5));
    }

    @Test
    void anUnknownPartOrNoTracesIsRefused() {
        assertThatThrownBy(() -> new LatencyBreakdown(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        LatencyBreakdown breakdown =
                new LatencyBreakdown(List.of(LatencyTrace.of(0, 1, 2, 3, 4, 5, 1)));
        assertThatThrownBy(() -> breakdown.at("queue_ms", 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue_ms");
    }
}
