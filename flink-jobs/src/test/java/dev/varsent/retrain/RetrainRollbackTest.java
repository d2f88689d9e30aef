package dev.varsent.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.config.VarsentConfig;
import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.model.SentimentModel;
import dev.varsent.registry.FailingFileSystem;
import dev.varsent.registry.HistoryEvent;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.registry.ModelUpdatePublisher;
import dev.varsent.registry.RegistrySnapshot;
import dev.varsent.scoring.SwapFixtures;
import dev.varsent.scoring.TestModels;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A retrain that fails or is cancelled at any stage leaves the registry directory byte for byte as
 * it was: training throws, the retrain is cancelled (its thread interrupted, as Flink cancels a
 * task) while it trains, another writer holds the lease, and the disk fills up while each file of
 * the decision is written (the bundle before anything is visible; the history after the bundle is
 * in place; {@code CHAMPION} after the bundle and the history are). A promoting retrain that does
 * not fail changes it, so each fault is injected where the registry would otherwise have changed.
 */
class RetrainRollbackTest {

    private static EmbeddedKafka kafka;
    private static List<TrainingExample> examples;

    @TempDir Path dir;

    @BeforeAll
    static void start() {
        TestModels.trainedBundle();
        List<Review> reviews = ScaleData.load(ScaleData.defaultDir()).subList(0, 90);
        examples = new ArrayList<>();
        for (Review r : reviews) {
            String[] words = r.text().split("\\s+");
            String text = String.join(" ", List.of(words).subList(0, Math.min(60, words.length)));
            examples.add(
                    new TrainingExample(r.id(), text, r.rating(), TrainingExample.Origin.BASE, 0));
        }
        kafka = EmbeddedKafka.start();
        kafka.createTopics(1, "rollback-model-updates");
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The registry with a champion, as the fixture of every case. */
    private Path registryWithChampion(Path champion) throws Exception {
        Path root = dir.resolve("registry");
        ModelRegistry registry = ModelRegistry.at(root.toString());
        registry.publish(champion);
        registry.promote(
                SentimentModel.load(champion).version(),
                Map.of("holdout_rmse", 0.3),
                "the first model");
        return root;
    }

    private static ChampionChallenger retrain(
            ModelRegistry registry, ModelUpdatePublisher publisher, PrintStream progress) {
        return retrain(registry, publisher, progress, 1);
    }

    private static ChampionChallenger retrain(
            ModelRegistry registry,
            ModelUpdatePublisher publisher,
            PrintStream progress,
            int epochs) {
        VarsentConfig config =
                VarsentConfig.of(
                        Map.of(
                                "registry.uri", registry.root().toString(),
                                "registry.model-name", "sentiment",
                                "retrain.epochs", Integer.toString(epochs),
                                "retrain.mc-samples", "2",
                                "retrain.batch-size", "8",
                                "retrain.promotion-margin", "-1.0",
                                "retrain.threads", "1"));
        return new ChampionChallenger(
                RetrainSettings.from(config), registry, publisher, Clock.systemUTC(), progress);
    }

    private static ModelUpdatePublisher publisher() {
        return new ModelUpdatePublisher(
                kafka.bootstrapServers(), new Properties(), "rollback-model-updates");
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    @Test
    void aRetrainThatSucceedsPublishesPromotesAndRecordsItsDecisionInOneChange() throws Exception {
        Path root = registryWithChampion(TestModels.trainedBundle());
        Map<String, String> before = RegistrySnapshot.of(root);
        ModelRegistry registry = ModelRegistry.at(root.toString());
        int lines = registry.history().size();

        RetrainDecision decision;
        try (ModelUpdatePublisher publisher = publisher()) {
            decision = retrain(registry, publisher, quiet()).run(examples, "test examples");
        }

        assertThat(decision.promoted()).isTrue();
        assertThat(RegistrySnapshot.of(root)).isNotEqualTo(before);
        assertThat(registry.champion().orElseThrow().version())
                .isEqualTo(decision.challengerVersion());
        List<HistoryEvent> added = registry.history().subList(lines, registry.history().size());
        assertThat(added).hasSize(3);
        assertThat(added.get(0)).isInstanceOf(HistoryEvent.Published.class);
        assertThat(added.get(1))
                .isInstanceOfSatisfying(
                        HistoryEvent.Promoted.class,
                        p -> assertThat(p.champion().sequence()).isEqualTo(2));
        assertThat(added.get(2))
                .isInstanceOfSatisfying(
                        HistoryEvent.Retrained.class, r -> assertThat(r.promoted()).isTrue());
        assertThat(root.resolve("staging")).isEmptyDirectory();
        assertThat(root.resolve("LEASE")).doesNotExist();
    }

    @Test
    void trainingThatThrowsLeavesTheRegistryAsItWas() throws Exception {
        // A warm start cannot continue a classifier: the trainer throws.
        Path root = registryWithChampion(SwapFixtures.classifier(TestModels.trainedBundle(), dir));
        Map<String, String> before = RegistrySnapshot.of(root);
        try (ModelUpdatePublisher publisher = publisher()) {
            assertThatThrownBy(
                            () ->
                                    retrain(ModelRegistry.at(root.toString()), publisher, quiet())
                                            .run(examples, "test"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("can only continue training a regression model");
        }
        assertThat(RegistrySnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void aRetrainCancelledWhileItTrainsLeavesTheRegistryAsItWas() throws Exception {
        Path root = registryWithChampion(TestModels.trainedBundle());
        Map<String, String> before = RegistrySnapshot.of(root);
        // Many epochs, so that the retrain is still training when the first epoch's line is
        // printed.
        CountDownLatch training = new CountDownLatch(1);
        PrintStream progress =
                new PrintStream(
                        new OutputStream() {
                            @Override
                            public void write(int b) {
                                training.countDown();
                            }
                        },
                        true,
                        StandardCharsets.UTF_8);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ModelUpdatePublisher publisher = publisher()) {
            Thread task =
                    new Thread(
                            () -> {
                                try {
                                    retrain(
                                                    ModelRegistry.at(root.toString()),
                                                    publisher,
                                                    progress,
                                                    200)
                                            .run(examples, "test");
                                } catch (Throwable t) {
                                    failure.set(t);
                                }
                            },
                            "retrain-to-cancel");
            task.start();
            assertThat(training.await(2, TimeUnit.MINUTES)).as("training started").isTrue();
            task.interrupt();
            task.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(task.isAlive()).isFalse();
        }
        assertThat(failure.get())
                .as("the cancelled retrain fails")
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(RegistrySnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void aRetrainThatFindsTheRegistryLeasedByAnotherWriterLeavesItAsItWas() throws Exception {
        Path root = registryWithChampion(TestModels.trainedBundle());
        Files.writeString(
                root.resolve("LEASE"),
                "{\"owner\":\"another retrain\",\"token\":\"t\",\"expires_at\":\""
                        + Instant.now().plusSeconds(600)
                        + "\"}",
                StandardCharsets.UTF_8);
        Map<String, String> before = RegistrySnapshot.of(root);
        try (ModelUpdatePublisher publisher = publisher()) {
            assertThatThrownBy(
                            () ->
                                    retrain(ModelRegistry.at(root.toString()), publisher, quiet())
                                            .run(examples, "test"))
                    .hasMessageContaining("is being changed by another retrain");
        }
        assertThat(RegistrySnapshot.of(root)).isEqualTo(before);
    }

    @ParameterizedTest(name = "the disk is full when {0} is written")
    @ValueSource(strings = {"bundle", "history.jsonl", "CHAMPION"})
    void aRegistryWriteThatFailsLeavesTheRegistryAsItWas(String file) throws Exception {
        Path root = registryWithChampion(TestModels.trainedBundle());
        Map<String, String> before = RegistrySnapshot.of(root);
        FailingFileSystem fs = new FailingFileSystem(file);
        ModelRegistry registry = ModelRegistry.on(fs, root.toUri(), Clock.systemUTC());
        try (ModelUpdatePublisher publisher = publisher()) {
            assertThatThrownBy(() -> retrain(registry, publisher, quiet()).run(examples, "test"))
                    .hasMessageContaining("No space left on device (injected)");
        }
        assertThat(fs.failures()).isEqualTo(1);
        assertThat(RegistrySnapshot.of(root)).isEqualTo(before);
        assertThat(
                        ModelRegistry.on(
                                        LocalFileSystem.getSharedInstance(),
                                        root.toUri(),
                                        Clock.systemUTC())
                                .champion()
                                .orElseThrow()
                                .sequence())
                .isEqualTo(1);
    }
}
