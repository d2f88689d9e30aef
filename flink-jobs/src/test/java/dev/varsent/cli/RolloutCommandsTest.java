package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.TopicClient;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.retrain.BaseCorpus;
import dev.varsent.scoring.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that roll out models: {@code promote} by hand, {@code retrain}'s checks and its base
 * corpus export.
 */
class RolloutCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void promotePublishesMakesChampionAndAnnounces() throws Exception {
        Path registry = dir.resolve("registry");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TopicClient topics = new TopicClient(kafka.bootstrapServers())) {
            kafka.createTopics(1, "promote-model-updates");
            String[] common = {
                "--set",
                "kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--set",
                "topic.model-updates=promote-model-updates",
                "--set",
                "registry.uri=" + registry
            };

            assertThat(
                            Main.run(
                                    concat(
                                            new String[] {
                                                "promote",
                                                "--bundle",
                                                TestModels.trainedBundle().toString(),
                                                "--reason",
                                                "first model of the cluster"
                                            },
                                            common)))
                    .isZero();

            String version =
                    ModelRegistry.at(registry.toString()).champion().orElseThrow().version();
            List<ConsumerRecord<byte[], byte[]>> updates =
                    topics.readCommitted(
                            List.of("promote-model-updates"),
                            1,
                            Duration.ofSeconds(30),
                            Duration.ofMillis(500));
            assertThat(updates).hasSize(1);
            JsonNode update = JSON.readTree(updates.get(0).value());
            assertThat(update.get("version").asText()).isEqualTo(version);
            assertThat(update.get("reason").asText()).isEqualTo("first model of the cluster");

            Path broken = Files.writeString(dir.resolve("broken.bundle"), "not a bundle");
            String err =
                    stderrOf(
                            () ->
                                    run(
                                            concat(
                                                    new String[] {
                                                        "promote", "--bundle", broken.toString()
                                                    },
                                                    common)),
                            1);
            assertThat(err).contains("varsent promote: refused model bundle");
            assertThat(ModelRegistry.at(registry.toString()).champion().orElseThrow().version())
                    .isEqualTo(version);
        }
    }

    @Test
    void promoteWithoutABundleIsAUsageError() {
        assertThat(run("promote")).isEqualTo(2);
    }

    @Test
    void aScheduleWithBothTriggersOffIsRefused() {
        String err = stderrOf(() -> run("retrain", "--schedule"), 2);
        assertThat(err)
                .contains("--schedule needs retrain.interval or retrain.min-new-labels above 0");
    }

    @Test
    void theBaseCorpusExportIsReadBackAsTrainingExamples() throws Exception {
        Path file = dir.resolve("base.jsonl");
        assertThat(run("retrain", "--export-base-corpus", file.toString())).isZero();
        var examples = BaseCorpus.read(file);
        assertThat(examples).hasSizeGreaterThan(9_000);
        assertThat(examples.get(0).id()).contains("#");
        assertThat(examples).allSatisfy(e -> assertThat(e.rating()).isBetween(0.0, 1.0));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String stderrOf(java.util.function.IntSupplier run, int expectedCode) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(run.getAsInt()).isEqualTo(expectedCode);
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static int run(String... args) {
        try {
            return Main.run(args);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
