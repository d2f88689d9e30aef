package dev.varsent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bundle.BundleContents;
import dev.varsent.bundle.BundleFile;
import dev.varsent.bundle.BundleFormatException;
import dev.varsent.bundle.Provenance;
import dev.varsent.model.SentimentModel;
import dev.varsent.scoring.TestModels;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path root;
    @TempDir Path work;

    private ModelRegistry registry;

    @BeforeEach
    void openRegistry() throws Exception {
        registry = ModelRegistry.at(root.toUri().toString());
    }

    @Test
    void publishPromoteAndReadBackTheChampion() throws Exception {
        Path first = RegistryFixtures.bundle(work, "v1", Map.of("test_rmse", 1.5));
        assertThat(registry.champion()).isEmpty();

        BundleInfo published = registry.publish(first);
        assertThat(published.version()).isEqualTo("v1");
        assertThat(published.sha256()).isEqualTo(Provenance.sha256(first));
        assertThat(published.sizeBytes()).isEqualTo(Files.size(first));
        assertThat(published.metrics()).containsEntry("test_rmse", 1.5);
        assertThat(Path.of(published.uri())).isEqualTo(root.resolve("versions/v1.bundle"));
        assertThat(root.resolve("versions/v1.bundle")).hasSameBinaryContentAs(first);
        assertThat(registry.versions()).containsExactly(published);
        assertThat(registry.champion()).isEmpty();

        Champion champion = registry.promote("v1", Map.of("holdout_rmse", 1.4), "first model");
        assertThat(champion.previousVersion()).isNull();
        assertThat(champion.sha256()).isEqualTo(published.sha256());
        assertThat(registry.champion()).contains(champion);

        SentimentModel second =
                SentimentModel.load(RegistryFixtures.bundle(work, "v2", Map.of("test_rmse", 1.3)));
        BundleInfo secondInfo = registry.publish(second);
        Champion promoted =
                registry.promote("v2", Map.of("holdout_rmse", 1.25), "beats v1 on the holdout");
        assertThat(promoted.previousVersion()).isEqualTo("v1");
        assertThat(registry.champion()).contains(promoted);
        assertThat(registry.versions()).extracting(BundleInfo::version).containsExactly("v1", "v2");
        assertThat(registry.info("v2")).contains(secondInfo);

        assertThat(registry.load("v2").version()).isEqualTo("v2");
        try (InputStream in = registry.open("v1")) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(first));
        }
        assertThat(RegistryFixtures.filesIn(root.resolve("staging"))).isEmpty();

        ModelRegistry reader = ModelRegistry.at(root.toString());
        assertThat(reader.champion()).contains(promoted);
        assertThat(reader.versions()).isEqualTo(registry.versions());
    }

    @Test
    void theCommittedTestModelIsPublishedUnderItsOwnVersion() throws Exception {
        Path trained = TestModels.trainedBundle();
        BundleInfo info = registry.publish(trained);
        assertThat(info.version()).isEqualTo(SentimentModel.load(trained).version());
        assertThat(registry.load(info.version()).vocabulary().size())
                .isEqualTo(SentimentModel.load(trained).vocabulary().size());
    }

    @Test
    void publishingTheSameBytesAgainIsANoOpButOtherBytesUnderThatVersionAreRefused()
            throws Exception {
        Path bundle = RegistryFixtures.bundle(work, "v1", Map.of("test_rmse", 1.5));
        BundleInfo first = registry.publish(bundle);
        assertThat(registry.publish(bundle)).isEqualTo(first);

        Path other =
                RegistryFixtures.bundle(
                        Files.createDirectory(work.resolve("other")),
                        "v1",
                        Map.of("test_rmse", 9.0));
        assertThatThrownBy(() -> registry.publish(other))
                .isInstanceOfSatisfying(
                        BundleRefusedException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(BundleRefusedException.Reason.VERSION_CONFLICT))
                .hasMessageContaining(
                        "version v1 is already published with SHA-256 " + first.sha256());
        assertThat(root.resolve("versions/v1.bundle")).hasSameBinaryContentAs(bundle);
        assertThat(RegistryFixtures.filesIn(root.resolve("versions"))).hasSize(1);
        assertThat(RegistryFixtures.filesIn(root.resolve("staging"))).isEmpty();
        assertThat(registry.history())
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Published", "Refused");
    }

    @Test
    void corruptTruncatedAndIncompatibleBundlesAreRefusedAndLeaveNothingBehind() throws Exception {
        Path good = RegistryFixtures.bundle(work, "v1", Map.of("test_rmse", 1.5));
        long size = Files.size(good);
        Path flipped = RegistryFixtures.flippedByte(good, work, size / 2);
        Path truncated = RegistryFixtures.truncated(good, work, 100);
        Path incompatible = incompatibleCopy(good);

        assertRefused(flipped, "corrupt: SHA-256 mismatch");
        assertRefused(truncated, "truncated");
        assertRefused(incompatible, "incompatible: model kind 'someone-elses-model'");

        assertThat(RegistryFixtures.filesIn(root.resolve("versions"))).isEmpty();
        assertThat(RegistryFixtures.filesIn(root.resolve("staging"))).isEmpty();
        assertThat(registry.versions()).isEmpty();
        List<HistoryEvent> history = registry.history();
        assertThat(history)
                .hasSize(3)
                .allSatisfy(e -> assertThat(e).isInstanceOf(HistoryEvent.Refused.class));
        HistoryEvent.Refused first = (HistoryEvent.Refused) history.get(0);
        assertThat(first.action()).isEqualTo("publish");
        assertThat(first.source()).isEqualTo(flipped.toAbsolutePath().toString());
        assertThat(first.sha256()).isEqualTo(Provenance.sha256(flipped));
        assertThat(first.version()).isNull();
        assertThat(first.reason()).isEqualTo(BundleRefusedException.Reason.INVALID_BUNDLE);
    }

    @Test
    void aVersionThatCannotNameAFileIsRefused() throws Exception {
        SentimentModel model = SentimentModel.load(TestModels.trainedBundle());
        Path bad = work.resolve("bad.bundle");
        model.withProvenance("../escape", model.provenance()).save(bad);
        assertThatThrownBy(() -> registry.publish(bad))
                .isInstanceOfSatisfying(
                        BundleRefusedException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(BundleRefusedException.Reason.INVALID_VERSION))
                .hasMessageContaining("model version '../escape' is not a valid registry version");
        assertThat(RegistryFixtures.filesIn(root.resolve("versions"))).isEmpty();
        assertThat(RegistryFixtures.filesIn(root.resolve("staging"))).isEmpty();
    }

    @Test
    void historyLinesAreAppendedInOrderAndAreJson() throws Exception {
        registry.publish(RegistryFixtures.bundle(work, "v1", Map.of("test_rmse", 1.5)));
        registry.promote("v1", Map.of("holdout_rmse", 1.4), "first model");
        registry.publish(RegistryFixtures.bundle(work, "v2", Map.of("test_rmse", 1.3)));
        registry.promote("v2", Map.of("holdout_rmse", 1.2), "better on the holdout");
        assertThatThrownBy(
                        () ->
                                registry.publish(
                                        RegistryFixtures.truncated(
                                                TestModels.trainedBundle(), work, 1)))
                .isInstanceOf(BundleRefusedException.class);

        List<String> lines =
                Files.readAllLines(root.resolve("history.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line));
        }
        assertThat(events)
                .extracting(e -> e.get("event").asText())
                .containsExactly("published", "promoted", "published", "promoted", "refused");

        JsonNode published = events.get(2);
        assertThat(published.get("version").asText()).isEqualTo("v2");
        assertThat(published.get("file").asText()).isEqualTo("versions/v2.bundle");
        assertThat(published.get("sha256").asText()).hasSize(64);
        assertThat(published.get("size_bytes").asLong())
                .isEqualTo(Files.size(root.resolve("versions/v2.bundle")));
        assertThat(published.get("metrics").get("test_rmse").asDouble()).isEqualTo(1.3);
        assertThat(published.get("provenance").get("trainer").asText()).isNotBlank();
        assertThat(published.get("provenance").get("notes").isObject()).isTrue();

        JsonNode firstPromotion = events.get(1);
        assertThat(firstPromotion.get("previous_version").isNull()).isTrue();
        JsonNode promoted = events.get(3);
        assertThat(promoted.get("version").asText()).isEqualTo("v2");
        assertThat(promoted.get("previous_version").asText()).isEqualTo("v1");
        assertThat(promoted.get("reason").asText()).isEqualTo("better on the holdout");
        assertThat(promoted.get("scores").get("holdout_rmse").asDouble()).isEqualTo(1.2);
        assertThat(promoted.get("metrics").get("test_rmse").asDouble()).isEqualTo(1.3);

        JsonNode refused = events.get(4);
        assertThat(refused.get("action").asText()).isEqualTo("publish");
        assertThat(refused.get("reason").asText()).isEqualTo("INVALID_BUNDLE");
        assertThat(refused.get("message").asText()).contains("truncated");

        List<HistoryEvent> typed = registry.history();
        assertThat(typed)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Published", "Promoted", "Published", "Promoted", "Refused");
        assertThat(((HistoryEvent.Promoted) typed.get(3)).champion())
                .isEqualTo(registry.champion().orElseThrow());
        assertThat(((HistoryEvent.Published) typed.get(2)).bundle())
                .isEqualTo(registry.info("v2").orElseThrow());
    }

    @Test
    void promotionNeedsAPublishedIntactVersionAndAReason() throws Exception {
        registry.publish(RegistryFixtures.bundle(work, "v1", Map.of("test_rmse", 1.5)));
        Champion champion = registry.promote("v1", Map.of(), "first model");

        assertThatThrownBy(() -> registry.promote("v9", Map.of(), "never published"))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("no version 'v9'");
        assertThatThrownBy(() -> registry.promote("v1", Map.of(), " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> registry.promote("v1", Map.of("rmse", Double.NaN), "nan"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");

        registry.publish(RegistryFixtures.bundle(work, "v2", Map.of("test_rmse", 1.3)));
        Path stored = root.resolve("versions/v2.bundle");
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 1;
        Files.write(stored, bytes);
        assertThatThrownBy(() -> registry.promote("v2", Map.of(), "damaged after publishing"))
                .isInstanceOfSatisfying(
                        BundleRefusedException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(BundleRefusedException.Reason.INVALID_BUNDLE))
                .hasMessageContaining("cannot promote v2");
        assertThatThrownBy(() -> registry.load("v2")).isInstanceOf(BundleFormatException.class);
        assertThat(registry.champion()).contains(champion);
        assertThat(registry.history())
                .last()
                .isInstanceOfSatisfying(
                        HistoryEvent.Refused.class,
                        refused -> assertThat(refused.action()).isEqualTo("promote"));
    }

    @Test
    void aBundleSwappedForAnotherValidOneFailsTheRecordedChecksum() throws Exception {
        registry.publish(RegistryFixtures.bundle(work, "v1", Map.of("test_rmse", 1.5)));
        Path otherDir = Files.createDirectory(work.resolve("other"));
        Files.copy(
                RegistryFixtures.bundle(otherDir, "v1", Map.of("test_rmse", 0.1)),
                root.resolve("versions/v1.bundle"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> registry.load("v1"))
                .isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("recorded when version v1 was published");
    }

    @Test
    void readersSeeWholeFilesWhileTheWriterPromotes() throws Exception {
        registry.publish(RegistryFixtures.bundle(work, "v1", Map.of("test_rmse", 1.5)));
        registry.publish(RegistryFixtures.bundle(work, "v2", Map.of("test_rmse", 1.3)));
        registry.promote("v1", Map.of(), "start");
        ModelRegistry reader = ModelRegistry.at(root.toString());
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread readerThread =
                new Thread(
                        () -> {
                            try {
                                while (writing.get()) {
                                    assertThat(reader.champion()).isPresent();
                                    assertThat(reader.history()).isNotEmpty();
                                    reads.incrementAndGet();
                                }
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        });
        readerThread.start();
        try {
            for (int i = 0; i < 20; i++) {
                registry.promote(
                        i % 2 == 0 ? "v2" : "v1", Map.of("round", (double) i), "round " + i);
            }
        } finally {
            writing.set(false);
            readerThread.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
        assertThat(reader.champion().orElseThrow().version()).isEqualTo("v1");
        assertThat(reader.history()).hasSize(2 + 1 + 20);
    }

    private void assertRefused(Path bundle, String because) {
        assertThatThrownBy(() -> registry.publish(bundle))
                .isInstanceOfSatisfying(
                        BundleRefusedException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(BundleRefusedException.Reason.INVALID_BUNDLE))
                .hasMessageContaining(bundle.toAbsolutePath().toString())
                .hasMessageContaining(because);
    }

    private Path incompatibleCopy(Path bundle) throws Exception {
        BundleContents contents = BundleFile.read(bundle);
        ObjectNode hp = contents.hyperParameters();
        hp.put("kind", "someone-elses-model");
        Path file = work.resolve("incompatible.bundle");
        BundleFile.write(contents.withHyperParameters(hp), file);
        return file;
    }
}
