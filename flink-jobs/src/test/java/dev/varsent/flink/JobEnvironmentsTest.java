package dev.varsent.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The environment a job gets: locally, the configuration's Flink keys; on a cluster (an environment
 * that already carries the cluster's configuration, as {@code flink run -p 4 -D ...} makes it), the
 * cluster's.
 */
class JobEnvironmentsTest {

    private static final VarsentConfig CONFIG =
            VarsentConfig.of(
                    Map.of(
                            "parallelism.default",
                            "3",
                            "execution.checkpointing.interval",
                            "1234 ms",
                            "kafka.transaction-timeout",
                            "1 min"));

    @Test
    void aLocalJobTakesParallelismAndCheckpointingFromTheConfiguration() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobEnvironments.configureStreaming(env, CONFIG);
        assertThat(env.getParallelism()).isEqualTo(3);
        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(1234);
        assertThat(env.getCheckpointConfig().getCheckpointingConsistencyMode())
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(env.getCheckpointConfig().getCheckpointTimeout())
                .isEqualTo(CONFIG.checkpointTimeout().toMillis());
        assertThat(env.getConfig().getGlobalJobParameters().toMap())
                .containsEntry("parallelism.default", "3")
                .containsEntry("scoring.mc-samples", "10");
    }

    @Test
    void aBatchJobGetsTheParallelismButNoCheckpointing() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobEnvironments.configurePipeline(env, CONFIG);
        assertThat(env.getParallelism()).isEqualTo(3);
        assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isFalse();
    }

    @Test
    void onAClusterTheClustersParallelismAndCheckpointIntervalWin() {
        Configuration cluster = new Configuration();
        cluster.set(CoreOptions.DEFAULT_PARALLELISM, 4);
        cluster.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(20));
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(cluster);
        JobEnvironments.configureStreaming(env, CONFIG);
        assertThat(env.getParallelism()).isEqualTo(4);
        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(20_000);
        // derived from the interval the job really runs with
        assertThat(env.getCheckpointConfig().getCheckpointTimeout()).isEqualTo(20_000);
        assertThat(env.getConfig().getGlobalJobParameters().toMap())
                .containsEntry("parallelism.default", "4")
                .containsEntry("execution.checkpointing.interval", "20 s");
    }

    @Test
    void aClusterWithoutTheKeysTakesThemFromTheConfiguration() {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(new Configuration());
        JobEnvironments.configureStreaming(env, CONFIG);
        assertThat(env.getParallelism()).isEqualTo(3);
        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(1234);
    }

    @Test
    void aClusterIntervalBeyondTheTransactionTimeoutIsRefused() {
        Configuration cluster = new Configuration();
        cluster.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMinutes(2));
        assertThatThrownBy(
                        () ->
                                JobEnvironments.configureStreaming(
                                        new StreamExecutionEnvironment(cluster), CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "kafka.transaction-timeout (1 min) must exceed execution.checkpointing.interval (2 min)");
    }
}
