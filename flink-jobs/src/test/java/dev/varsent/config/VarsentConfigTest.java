package dev.varsent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
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
        Files.writeString(
                file, "routing.mode=target-rate\nscoring.batch-size=8\ntopic.reviews=in\n");
        VarsentConfig config = VarsentConfig.load(file).with(Map.of("scoring.batch-size", "16"));
        assertThat(config.get(VarsentOptions.ROUTING_MODE)).isEqualTo(RoutingMode.TARGET_RATE);
        assertThat(config.get(VarsentOptions.BATCH_SIZE)).isEqualTo(16);
        assertThat(config.get(VarsentOptions.TOPIC_REVIEWS)).isEqualTo("in");
        assertThat(config.describe()).contains("scoring.batch-size=16", "scoring.mc-samples=10");
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
                .hasMessageContaining(
                        "routing.mode=quantile: expected one of threshold, target-rate");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("routing.target-rate", "1.5")))
                .hasMessageContaining("routing.target-rate=1.5: expected a number in (0, 1.0]");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("delivery.guarantee", "maybe")))
                .hasMessageContaining("expected one of exactly-once, at-least-once");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("topic.reviews", " ")))
                .hasMessageContaining("topic.reviews=: must not be empty");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("scoring.batch-max-wait", "soon")))
                .hasMessageContaining(
                        "scoring.batch-max-wait=soon: expected a duration in [1 ms, 1 min]");
    }

    @Test
    void theTransactionMustOutliveACheckpointThatTakesItsWholeTimeout() {
        assertThatThrownBy(
                        () ->
                                VarsentConfig.of(
                                        Map.of(
                                                "execution.checkpointing.interval",
                                                "2 s",
                                                "kafka.transaction-timeout",
                                                "2 min",
                                                "execution.checkpointing.timeout",
                                                "100 s")))
                .hasMessageContaining(
                        "kafka.transaction-timeout (2 min) must exceed execution.checkpointing.interval"
                                + " plus 1.5 x execution.checkpointing.timeout (152 s)");
        VarsentConfig explicit =
                VarsentConfig.of(
                        Map.of(
                                "execution.checkpointing.interval",
                                "2 s",
                                "kafka.transaction-timeout",
                                "2 min",
                                "execution.checkpointing.timeout",
                                "60 s"));
        assertThat(explicit.checkpointTimeout()).isEqualTo(Duration.ofSeconds(60));
        VarsentConfig derived =
                VarsentConfig.of(
                        Map.of(
                                "execution.checkpointing.interval",
                                "2 s",
                                "kafka.transaction-timeout",
                                "2 min"));
        assertThat(derived.checkpointTimeout()).isEqualTo(Duration.ofMillis(59_000));
        VarsentConfig defaults = VarsentConfig.defaults();
        assertThat(defaults.checkpointTimeout())
                .isEqualTo(
                        defaults.get(VarsentOptions.TRANSACTION_TIMEOUT)
                                .minus(defaults.get(VarsentOptions.CHECKPOINT_INTERVAL))
                                .dividedBy(2));
        assertThatThrownBy(
                        () -> VarsentConfig.of(Map.of("execution.checkpointing.timeout", "soon")))
                .hasMessageContaining(
                        "execution.checkpointing.timeout=soon: expected a duration in [100 ms, 1 d]");
    }

    @Test
    void crossKeyRulesAreChecked() {
        assertThatThrownBy(
                        () ->
                                VarsentConfig.of(
                                        Map.of(
                                                "execution.checkpointing.interval",
                                                "1 min",
                                                "kafka.transaction-timeout",
                                                "30 s")))
                .hasMessageContaining(
                        "kafka.transaction-timeout (30 s) must exceed execution.checkpointing.interval (1 min)");
        assertThat(
                        VarsentConfig.of(
                                        Map.of(
                                                "execution.checkpointing.interval",
                                                "1 min",
                                                "kafka.transaction-timeout",
                                                "30 s",
                                                "delivery.guarantee",
                                                "at-least-once"))
                                .get(VarsentOptions.DELIVERY_GUARANTEE))
                .isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("topic.predictions", "reviews")))
                .hasMessageContaining("topic 'reviews' is configured twice");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("topic.model-updates", "predictions")))
                .hasMessageContaining("topic 'predictions' is configured twice");
        assertThatThrownBy(
                        () ->
                                VarsentConfig.of(
                                        Map.of("routing.window", "100", "routing.warmup", "200")))
                .hasMessageContaining("routing.warmup (200) must not exceed routing.window (100)");
    }

    @Test
    void flinksOwnKeysAreTheOptionsOfParallelismAndCheckpointing() {
        VarsentConfig config =
                VarsentConfig.of(
                        Map.of(
                                "parallelism.default",
                                "3",
                                "execution.checkpointing.interval",
                                "30 s",
                                "kafka.transaction-timeout",
                                "15 min"));
        assertThat(VarsentOptions.PARALLELISM.key())
                .isEqualTo(CoreOptions.DEFAULT_PARALLELISM.key());
        assertThat(VarsentOptions.CHECKPOINT_INTERVAL.key())
                .isEqualTo(CheckpointingOptions.CHECKPOINTING_INTERVAL.key());
        assertThat(config.get(VarsentOptions.PARALLELISM)).isEqualTo(3);
        assertThat(config.get(VarsentOptions.CHECKPOINT_INTERVAL))
                .isEqualTo(Duration.ofSeconds(30));
        Configuration flink = config.flinkConfiguration();
        assertThat(flink.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
        assertThat(flink.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .as("set by the streaming jobs only, not by a batch job")
                .isEmpty();
    }

    @Test
    void renamedKeysStillLoadUnderTheirOldNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "job.parallelism=2",
                        "checkpoint.interval-ms=30000",
                        "kafka.transaction-timeout-ms=900000",
                        "scoring.batch-max-wait-ms=500",
                        "retrain.interval-s=86400",
                        "local.summary-interval-s=5",
                        "oracle.delay-ms=0",
                        "flink.execution.checkpointing.timeout=2 min"));
        VarsentConfig config = VarsentConfig.load(file);
        assertThat(config.get(VarsentOptions.PARALLELISM)).isEqualTo(2);
        assertThat(config.get(VarsentOptions.CHECKPOINT_INTERVAL))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(config.get(VarsentOptions.TRANSACTION_TIMEOUT))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(config.get(VarsentOptions.BATCH_MAX_WAIT)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.get(VarsentOptions.RETRAIN_INTERVAL))
                .as("seconds, as the old key had them")
                .isEqualTo(Duration.ofDays(1));
        assertThat(config.get(VarsentOptions.LOCAL_SUMMARY_INTERVAL))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(config.get(VarsentOptions.ORACLE_DELAY)).isEqualTo(Duration.ZERO);
        assertThat(config.getOptional(VarsentOptions.CHECKPOINT_TIMEOUT))
                .contains(Duration.ofMinutes(2));
        assertThat(config.explicitSettings())
                .containsKeys(
                        "parallelism.default",
                        "execution.checkpointing.interval",
                        "retrain.interval")
                .doesNotContainKeys(
                        "job.parallelism", "checkpoint.interval-ms", "retrain.interval-s");
        assertThat(VarsentConfig.of(config.explicitSettings()).get(VarsentOptions.RETRAIN_INTERVAL))
                .isEqualTo(Duration.ofDays(1));
        // an override under the new name wins over the old name in the file
        assertThat(config.with(Map.of("parallelism.default", "4")).get(VarsentOptions.PARALLELISM))
                .isEqualTo(4);
        assertThatThrownBy(
                        () ->
                                VarsentConfig.of(
                                        Map.of("job.parallelism", "2", "parallelism.default", "3")))
                .hasMessageContaining(
                        "'job.parallelism' and 'parallelism.default' set the same key");
    }

    @Test
    void jobParametersShowEveryKeyButNoSecret() {
        VarsentConfig config =
                VarsentConfig.of(
                        Map.of(
                                "routing.mode",
                                "target-rate",
                                "kafka.client.security.protocol",
                                "SASL_SSL",
                                "kafka.client.sasl.jaas.config",
                                "PlainLoginModule required username=\"u\" password=\"p\";",
                                "kafka.client.ssl.truststore.password",
                                "hunter2"));
        Map<String, String> parameters = config.jobParameters();
        assertThat(parameters)
                .containsEntry("routing.mode", "target-rate")
                .containsEntry("scoring.batch-max-wait", "200 ms")
                .containsEntry("parallelism.default", "1")
                .containsEntry("kafka.client.security.protocol", "SASL_SSL")
                .containsEntry("kafka.client.sasl.jaas.config", "******")
                .containsEntry("kafka.client.ssl.truststore.password", "******");
        assertThat(parameters.keySet())
                .containsAll(VarsentOptions.ALL.stream().map(o -> o.key()).toList());
        assertThat(String.join("\n", parameters.values())).doesNotContain("hunter2", "password=");
    }

    @Test
    void describeListsEveryKeyWithItsMeaningTypeAndDefault(@TempDir Path dir) throws Exception {
        VarsentConfig config =
                VarsentConfig.of(
                        Map.of("scoring.batch-max-wait", "1 s", "flink.pipeline.name", "x"));
        List<String> lines = config.describe();
        for (var option : VarsentOptions.ALL) {
            int at = lines.indexOf(option.key() + "=" + config.text(option));
            assertThat(at).as(option.key()).isGreaterThanOrEqualTo(2);
            assertThat(lines.get(at - 2)).as(option.key()).startsWith("# ").hasSizeGreaterThan(12);
            assertThat(lines.get(at - 1)).as(option.key()).startsWith("# ").isNotEqualTo("# ");
        }
        assertThat(lines)
                .contains(
                        "# duration in [1 ms, 1 min]; default 200 ms; formerly scoring.batch-max-wait-ms",
                        "scoring.batch-max-wait=1 s",
                        "# one of threshold, target-rate; default threshold",
                        "flink.pipeline.name=x");
        Path file = dir.resolve("described.properties");
        Files.write(file, lines);
        assertThat(VarsentConfig.load(file).explicitSettings())
                .containsEntry("scoring.batch-max-wait", "1 s");
    }

    @Test
    void passThroughPrefixesReachKafkaClientsAndFlink() {
        VarsentConfig config =
                VarsentConfig.of(
                        Map.of(
                                "kafka.client.security.protocol", "SASL_SSL",
                                "flink.taskmanager.numberOfTaskSlots", "4"));
        assertThat(config.kafkaClientProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.flinkConfiguration().toMap())
                .containsEntry("taskmanager.numberOfTaskSlots", "4");
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
