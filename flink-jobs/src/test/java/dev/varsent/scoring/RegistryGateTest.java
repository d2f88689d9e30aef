package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.events.TestEvents;
import dev.varsent.registry.BundleInfo;
import dev.varsent.registry.Champion;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.registry.ModelUpdate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the registry can change the model: forged announcements (a path outside the registry, {@code
 * ..}, another scheme or host, a version never promoted, a right checksum of a wrong file) are
 * refused by the gate, and on the scoring operator every one is refused while scoring goes on with
 * the served model.
 */
class RegistryGateTest {

    private static Path v1;
    private static Path v2;

    @TempDir Path dir;

    @BeforeAll
    static void models() {
        v1 = TestModels.trainedBundle();
        v2 = TestModels.secondTrainedBundle();
    }

    private static ModelUpdate announce(String version, URI uri, String sha256, long size) {
        return new ModelUpdate(
                SwapFixtures.MODEL,
                version,
                uri,
                sha256,
                size,
                Instant.ofEpochMilli(Long.MAX_VALUE / 2),
                null,
                Map.of(),
                Map.of(),
                "forged");
    }

    @Test
    void theRegistrysOwnAnnouncementsAreAdmittedInPromotionOrder() throws Exception {
        ModelRegistry registry = ModelRegistry.at(dir.resolve("registry").toString());
        BundleInfo first = registry.publish(v1);
        BundleInfo second = registry.publish(v2);
        Champion one = registry.promote(first.version(), Map.of("rmse", 0.3), "first");
        Champion two = registry.promote(second.version(), Map.of("rmse", 0.2), "second");
        Champion three = registry.promote(first.version(), Map.of("rmse", 0.2), "roll back");
        assertThat(List.of(one.sequence(), two.sequence(), three.sequence()))
                .containsExactly(1L, 2L, 3L);
        assertThat(registry.champion().orElseThrow().sequence()).isEqualTo(3);

        RegistryGate gate = new RegistryGate(dir.resolve("registry").toString());
        assertThat(gate.admit(ModelUpdate.of("sentiment", two, second))).isEqualTo(2);
        assertThat(gate.admit(ModelUpdate.of("sentiment", three, first))).isEqualTo(3);
        assertThat(gate.sequenceOf(first.version())).hasValue(3);
        assertThat(gate.sequenceOf("never")).isEmpty();
    }

    @Test
    void forgedAnnouncementsAreRefusedWithTheirReason() throws Exception {
        ModelRegistry registry = ModelRegistry.at(dir.resolve("registry").toString());
        BundleInfo promoted = registry.publish(v1);
        BundleInfo published = registry.publish(v2);
        registry.promote(promoted.version(), Map.of("rmse", 0.3), "first");
        RegistryGate gate = new RegistryGate(dir.resolve("registry").toString());
        URI location = registry.bundleUri(promoted.version());
        String version = promoted.version();
        String sha = promoted.sha256();
        long size = promoted.sizeBytes();

        Path copy = Files.copy(v1, dir.resolve("elsewhere.bundle"));
        String path = location.getPath();
        String dotDot = path.replace("/versions/", "/versions/../versions/");
        Map<URI, String> outside =
                Map.of(
                        copy.toUri(), "another path",
                        URI.create("file:" + dotDot), "'..' segment",
                        URI.create("file:" + path.replace("/versions/", "/versions/./")),
                                "'.' segment",
                        URI.create(
                                        "file:"
                                                + path.replace(
                                                        "/versions/",
                                                        "/versions/%2e%2e/versions/")),
                                "encoded dot",
                        URI.create("http://attacker.example" + path), "another scheme",
                        URI.create("file://attacker.example" + path), "another host",
                        URI.create("file:" + path + "?x=1"), "a query",
                        URI.create("s3://bucket" + path), "another scheme");
        outside.forEach(
                (uri, why) ->
                        assertThatThrownBy(() -> gate.admit(announce(version, uri, sha, size)))
                                .as("%s", uri)
                                .isInstanceOfSatisfying(
                                        ModelRefusedException.class,
                                        e ->
                                                assertThat(e.reason())
                                                        .isEqualTo(
                                                                ModelRefusedException.Reason
                                                                        .OUTSIDE_REGISTRY))
                                .hasMessageContaining(why));

        // Published but never promoted, at its right location with its right checksum.
        assertThatThrownBy(
                        () ->
                                gate.admit(
                                        announce(
                                                published.version(),
                                                registry.bundleUri(published.version()),
                                                published.sha256(),
                                                published.sizeBytes())))
                .isInstanceOfSatisfying(
                        ModelRefusedException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(ModelRefusedException.Reason.NOT_PROMOTED))
                .hasMessageContaining("never promoted version " + published.version());
        // The promoted version's location with the right checksum of a wrong file (the other
        // bundle).
        assertThatThrownBy(
                        () ->
                                gate.admit(
                                        announce(
                                                version,
                                                location,
                                                published.sha256(),
                                                published.sizeBytes())))
                .isInstanceOfSatisfying(
                        ModelRefusedException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(ModelRefusedException.Reason.NOT_PROMOTED))
                .hasMessageContaining("with SHA-256 " + sha);
        // A version name the registry never saw.
        assertThatThrownBy(
                        () ->
                                gate.admit(
                                        announce(
                                                "made-up",
                                                registry.bundleUri("made-up"),
                                                sha,
                                                size)))
                .isInstanceOfSatisfying(
                        ModelRefusedException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(ModelRefusedException.Reason.NOT_PROMOTED));
    }

    @Test
    void onTheScoringOperatorEveryForgeryIsRefusedWhileScoringGoesOn() throws Exception {
        ModelRegistry registry = ModelRegistry.at(dir.resolve("registry").toString());
        BundleInfo first = registry.publish(v1);
        BundleInfo second = registry.publish(v2);
        registry.promote(first.version(), Map.of("rmse", 0.3), "first");
        RegistryGate gate = new RegistryGate(dir.resolve("registry").toString());
        Path elsewhere = Files.copy(v2, dir.resolve("elsewhere.bundle"));
        // The right checksum of a wrong file: v2's bytes where the announcement says v2 lives, but
        // v2 never promoted.
        List<ModelUpdate> forged =
                List.of(
                        announce(
                                second.version(),
                                elsewhere.toUri(),
                                second.sha256(),
                                second.sizeBytes()),
                        announce(
                                second.version(),
                                URI.create(
                                        "file:"
                                                + registry.bundleUri(second.version())
                                                        .getPath()
                                                        .replace(
                                                                "/versions/",
                                                                "/staging/../versions/")),
                                second.sha256(),
                                second.sizeBytes()),
                        announce(
                                second.version(),
                                URI.create("http://attacker.example/v2.bundle"),
                                second.sha256(),
                                second.sizeBytes()),
                        announce(
                                second.version(),
                                registry.bundleUri(second.version()),
                                second.sha256(),
                                second.sizeBytes()),
                        announce(
                                first.version(),
                                registry.bundleUri(first.version()),
                                second.sha256(),
                                second.sizeBytes()));

        try (ScoringHarness h =
                new ScoringHarness(
                        new BatchSettings(1, 60_000, 1, 50),
                        new BundlePredictorFactory(v1.toString()),
                        gate)) {
            h.open();
            int reviews = 0;
            for (ModelUpdate update : forged) {
                h.processUpdate(update);
                h.processReview(TestEvents.review("r" + reviews++, "a fine film"));
                if (!update.version().equals(first.version())) {
                    h.runNextMail();
                }
                h.processReview(TestEvents.review("r" + reviews++, "a dull film"));
            }
            MicroBatchScoringOperator scorer = h.scorer();
            assertThat(scorer.modelUpdatesRefusedCount()).isEqualTo(forged.size() - 1);
            assertThat(scorer.modelSwapCount()).isZero();
            assertThat(h.extractOutputValues())
                    .hasSize(reviews)
                    .allSatisfy(s -> assertThat(s.modelVersion()).isEqualTo(first.version()));

            // The registry's own promotion still gets through.
            Champion promoted = registry.promote(second.version(), Map.of("rmse", 0.2), "better");
            h.processUpdate(ModelUpdate.of(SwapFixtures.MODEL, promoted, second));
            h.runNextMail();
            assertThat(scorer.modelSwapCount()).isEqualTo(1);
        }
    }
}
