package dev.varsent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VarsentConfigTest {

    @Test
    void defaultsAreValidAndTyped() {
        VarsentConfig config = VarsentConfig.defaults();
        assertThat(config.get(VarsentOptions.MC_SAMPLES)).isEqualTo(10);
        assertThat(config.get(VarsentOptions.MAX_TEXT_BYTES)).isEqualTo(100 * 1024);
        assertThat(config.get(VarsentOptions.ROUTING_MODE)).isEqualTo(RoutingMode.THRESHOLD);
        assertThat(config.get(VarsentOptions.DELIVERY_GUARANTEE)).isEqualTo(Delivery.EXACTLY_ONCE);
        assertThat(config.get(VarsentOptions.DASHBOARD_PORT)).isEqualTo(8081);
    }

    @Test
    void loadsAPropertiesFileAndAppliesOverridesOnTop(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "routing.mode=target-rate\nscoring.batch-size=8\ntopic.reviews=in\n");
        VarsentConfig config = VarsentConfig.load(file).with(Map.of("scoring.batch-size", "16"));
        assertThat(config.get(VarsentOptions.ROUTING_MODE)).isEqualTo(RoutingMode.TARGET_RATE);
        assertThat(config.get(VarsentOptions.BATCH_SIZE)).isEqualTo(16);
        assertThat(config.get(VarsentOptions.TOPIC_REVIEWS)).isEqualTo("in");
        assertThat(config.describe()).contains("scoring.batch-size=16", "scoring.mc-samples=10   # default");
    }

    @Test
    void unknownKeysAreRejectedWithASuggestion() {
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("scoring.batchsize", "8")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'scoring.batchsize'")
                .hasMessageContaining("did you mean 'scoring.batch-size'?");
    }

    @Test
    void badValuesNameTheKeyAndTheExpectedRange() {
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("scoring.mc-samples", "0")))
                .hasMessageContaining("scoring.mc-samples=0: expected an integer in [1, 1000]");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("routing.mode", "quantile")))
                .hasMessageContaining("routing.mode=quantile: expected one of threshold, target-rate");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("routing.target-rate", "1.5")))
                .hasMessageContaining("routing.target-rate=1.5: expected a number in (0, 1.0]");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("delivery.guarantee", "maybe")))
                .hasMessageContaining("expected one of exactly-once, at-least-once");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("topic.reviews", " ")))
                .hasMessageContaining("topic.reviews=" + " " + ": must not be empty");
    }

    @Test
    void theTransactionMustOutliveACheckpointThatTakesItsWholeTimeout() {
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("checkpoint.interval-ms", "2000",
                        "kafka.transaction-timeout-ms", "120000", "flink.execution.checkpointing.timeout", "100 s")))
                .hasMessageContaining("kafka.transaction-timeout-ms (120000) must exceed checkpoint.interval-ms plus 1.5 x"
                        + " flink.execution.checkpointing.timeout (152000 ms)");
        VarsentConfig explicit = VarsentConfig.of(Map.of("checkpoint.interval-ms", "2000",
                "kafka.transaction-timeout-ms", "120000", "flink.execution.checkpointing.timeout", "60 s"));
        assertThat(explicit.checkpointTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        VarsentConfig derived = VarsentConfig.of(Map.of("checkpoint.interval-ms", "2000",
                "kafka.transaction-timeout-ms", "120000"));
        assertThat(derived.checkpointTimeout()).isEqualTo(java.time.Duration.ofMillis(59_000));
        assertThat(VarsentConfig.of(Map.of()).checkpointTimeout())
                .isEqualTo(java.time.Duration.ofMillis((600_000 - VarsentConfig.of(Map.of())
                        .get(VarsentOptions.CHECKPOINT_INTERVAL_MS)) / 2));
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("flink.execution.checkpointing.timeout", "soon")))
                .hasMessageContaining("flink.execution.checkpointing.timeout");
    }

    @Test
    void crossKeyRulesAreChecked() {
        assertThatThrownBy(() -> VarsentConfig.of(Map.of(
                        "checkpoint.interval-ms", "60000", "kafka.transaction-timeout-ms", "30000")))
                .hasMessageContaining("kafka.transaction-timeout-ms (30000) must exceed checkpoint.interval-ms (60000)");
        assertThat(VarsentConfig.of(Map.of("checkpoint.interval-ms", "60000", "kafka.transaction-timeout-ms", "30000",
                        "delivery.guarantee", "at-least-once"))
                .get(VarsentOptions.DELIVERY_GUARANTEE)).isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("topic.predictions", "reviews")))
                .hasMessageContaining("topic 'reviews' is configured twice");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("topic.model-updates", "predictions")))
                .hasMessageContaining("topic 'predictions' is configured twice");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("routing.window", "100", "routing.warmup", "200")))
                .hasMessageContaining("routing.warmup (200) must not exceed routing.window (100)");
    }

    @Test
    void passThroughPrefixesReachKafkaClientsAndFlink() {
        VarsentConfig config = VarsentConfig.of(Map.of(
                "kafka.client.security.protocol", "SASL_SSL",
                "flink.taskmanager.numberOfTaskSlots", "4"));
        assertThat(config.kafkaClientProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.flinkConfiguration().toMap()).containsEntry("taskmanager.numberOfTaskSlots", "4");
    }

    @Test
    void shippedConfigurationFilesAreValid() {
        for (String name : new String[] {"local.properties", "cluster.properties"}) {
            Path file = Path.of("..", "conf", name);
            assertThat(file).exists();
            assertThat(VarsentConfig.load(file).get(VarsentOptions.TOPIC_REVIEWS)).isNotBlank();
        }
    }
}
