package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentConfig;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.BroadcastPartitioner;
import org.junit.jupiter.api.Test;

class ScoringJobTopologyTest {

    private static StreamGraph graph(Map<String, String> settings) {
        VarsentConfig config = VarsentConfig.of(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        return ScoringJob.onKafka(config, TestModels.predictorFactory())
                .build(env)
                .getStreamGraph();
    }

    @Test
    void everyOperatorHasItsNameAndAFixedUid() {
        StreamGraph graph = graph(Map.of());
        List<String> names =
                graph.getStreamNodes().stream().map(StreamNode::getOperatorName).toList();
        assertThat(names)
                .contains(
                        "Source: " + ScoringJob.SOURCE_NAME,
                        ScoringJob.PARSE_NAME,
                        ScoringJob.SCORE_NAME,
                        "Source: " + ScoringJob.MODEL_UPDATES_SOURCE_NAME,
                        ScoringJob.PARSE_MODEL_UPDATES_NAME,
                        ScoringJob.ROUTE_NAME,
                        ScoringJob.COUNT_DEAD_LETTERS_NAME);
        assertThat(names).anyMatch(n -> n.startsWith(ScoringJob.PREDICTIONS_SINK_NAME));
        assertThat(names).anyMatch(n -> n.startsWith(ScoringJob.RELABEL_SINK_NAME));
        assertThat(names).anyMatch(n -> n.startsWith(ScoringJob.DEAD_LETTER_SINK_NAME));
        assertThat(graph.getStreamNodes())
                .allSatisfy(
                        node ->
                                assertThat(node.getTransformationUID())
                                        .as(node.getOperatorName())
                                        .isNotBlank());
        assertThat(graph.getStreamNodes().stream().map(StreamNode::getTransformationUID))
                .contains(
                        ScoringJob.SOURCE_UID,
                        ScoringJob.PARSE_UID,
                        ScoringJob.SCORE_UID,
                        ScoringJob.ROUTE_UID,
                        ScoringJob.MODEL_UPDATES_SOURCE_UID,
                        ScoringJob.PARSE_MODEL_UPDATES_UID,
                        ScoringJob.COUNT_DEAD_LETTERS_UID,
                        ScoringJob.PREDICTIONS_SINK_UID,
                        ScoringJob.RELABEL_SINK_UID,
                        ScoringJob.DEAD_LETTER_SINK_UID);
    }

    @Test
    void theModelUpdatesReachEveryScoringSubtask() {
        StreamGraph graph = graph(Map.of("parallelism.default", "3"));
        StreamNode scorer =
                graph.getStreamNodes().stream()
                        .filter(n -> n.getOperatorName().equals(ScoringJob.SCORE_NAME))
                        .findFirst()
                        .orElseThrow();
        assertThat(scorer.getInEdges()).hasSize(2);
        assertThat(scorer.getInEdges())
                .anySatisfy(
                        edge -> {
                            assertThat(graph.getStreamNode(edge.getSourceId()).getOperatorName())
                                    .isEqualTo(ScoringJob.PARSE_MODEL_UPDATES_NAME);
                            assertThat(edge.getPartitioner())
                                    .isInstanceOf(BroadcastPartitioner.class);
                        });
    }

    @Test
    void checkpointingAndParallelismComeFromTheConfiguration() {
        StreamGraph exactlyOnce =
                graph(
                        Map.of(
                                "execution.checkpointing.interval",
                                "1234",
                                "parallelism.default",
                                "3"));
        assertThat(exactlyOnce.getCheckpointConfig().getCheckpointInterval()).isEqualTo(1234);
        assertThat(exactlyOnce.getCheckpointConfig().getCheckpointingConsistencyMode().name())
                .isEqualTo("EXACTLY_ONCE");
        // The model updates are one partition per model and few: one reader and one parser,
        // broadcast to every scorer.
        assertThat(exactlyOnce.getStreamNodes())
                .allSatisfy(
                        node ->
                                assertThat(node.getParallelism())
                                        .as(node.getOperatorName())
                                        .isEqualTo(
                                                node.getOperatorName()
                                                                        .equals(
                                                                                "Source: "
                                                                                        + ScoringJob
                                                                                                .MODEL_UPDATES_SOURCE_NAME)
                                                                || node.getOperatorName()
                                                                        .equals(
                                                                                ScoringJob
                                                                                        .PARSE_MODEL_UPDATES_NAME)
                                                        ? 1
                                                        : 3));

        StreamGraph atLeastOnce = graph(Map.of("delivery.guarantee", "at-least-once"));
        assertThat(atLeastOnce.getCheckpointConfig().getCheckpointingConsistencyMode().name())
                .isEqualTo("AT_LEAST_ONCE");
    }

    @Test
    void theLowLatencyModeShortensFlinksNetworkBufferTimeoutUnlessItIsSet() {
        assertThat(graph(Map.of()).getStreamNodes())
                .allSatisfy(
                        node ->
                                assertThat(node.getBufferTimeout())
                                        .as(node.getOperatorName())
                                        .isEqualTo(100));
        assertThat(graph(Map.of("delivery.guarantee", "at-least-once")).getStreamNodes())
                .allSatisfy(
                        node ->
                                assertThat(node.getBufferTimeout())
                                        .as(node.getOperatorName())
                                        .isEqualTo(20));
        assertThat(
                        graph(
                                        Map.of(
                                                "delivery.guarantee",
                                                "at-least-once",
                                                "delivery.low-latency-max-wait-ms",
                                                "7"))
                                .getStreamNodes())
                .allSatisfy(node -> assertThat(node.getBufferTimeout()).isEqualTo(7));
        assertThat(
                        graph(
                                        Map.of(
                                                "delivery.guarantee",
                                                "at-least-once",
                                                "flink.execution.buffer-timeout.interval",
                                                "50ms"))
                                .getStreamNodes())
                .allSatisfy(node -> assertThat(node.getBufferTimeout()).isEqualTo(50));
    }

    @Test
    void exactlyOnceKeepsTheNetworkBufferTimeoutWithinATenthOfTheCheckpointInterval() {
        assertThat(graph(Map.of("execution.checkpointing.interval", "200 ms")).getStreamNodes())
                .allSatisfy(node -> assertThat(node.getBufferTimeout()).isEqualTo(20));
        assertThat(graph(Map.of("execution.checkpointing.interval", "2 s")).getStreamNodes())
                .allSatisfy(node -> assertThat(node.getBufferTimeout()).isEqualTo(100));
        assertThat(
                        graph(
                                        Map.of(
                                                "execution.checkpointing.interval",
                                                "200 ms",
                                                "flink.execution.buffer-timeout.interval",
                                                "60ms"))
                                .getStreamNodes())
                .allSatisfy(node -> assertThat(node.getBufferTimeout()).isEqualTo(60));
    }
}
