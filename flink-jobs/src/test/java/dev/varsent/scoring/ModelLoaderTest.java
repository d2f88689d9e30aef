package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.model.SentimentModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every check of a bundle before it is served, each with its reason, on real bundles. */
class ModelLoaderTest {

    @TempDir Path dir;

    private static ExpectedBundle asOnDisk(Path bundle, String version) {
        return new ExpectedBundle(
                version, bundle.toUri(), SwapFixtures.sha256(bundle), SwapFixtures.size(bundle));
    }

    private static void assertRefused(
            ExpectedBundle expected,
            Boolean classification,
            ModelRefusedException.Reason reason,
            String messagePart) {
        assertThatThrownBy(() -> ModelLoader.load(expected, classification))
                .isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((ModelRefusedException) e).reason()).isEqualTo(reason));
    }

    @Test
    void aBundleAsAnnouncedLoadsAsItsModel() throws Exception {
        Path bundle = TestModels.trainedBundle();
        String version = SwapFixtures.version(bundle);
        SentimentModel model = ModelLoader.load(asOnDisk(bundle, version), false);
        assertThat(model.version()).isEqualTo(version);
        assertThat(model.predictor(1, 1).predict(java.util.List.of("a fine film"), 1)).hasSize(1);
    }

    @Test
    void eachMismatchIsRefusedWithItsReason() throws Exception {
        Path bundle = TestModels.trainedBundle();
        String version = SwapFixtures.version(bundle);
        ExpectedBundle good = asOnDisk(bundle, version);

        assertRefused(
                new ExpectedBundle(version, good.uri(), good.sha256(), good.sizeBytes() - 1),
                null,
                ModelRefusedException.Reason.SIZE_MISMATCH,
                "announced " + (good.sizeBytes() - 1));
        assertRefused(
                new ExpectedBundle(version, good.uri(), "0".repeat(64), good.sizeBytes()),
                null,
                ModelRefusedException.Reason.SHA256_MISMATCH,
                "announced " + "0".repeat(64));
        assertRefused(
                new ExpectedBundle("another-version", good.uri(), good.sha256(), good.sizeBytes()),
                null,
                ModelRefusedException.Reason.VERSION_MISMATCH,
                "announced another-version");
        assertRefused(good, true, ModelRefusedException.Reason.HEAD_MISMATCH, "regression head");
        assertRefused(
                new ExpectedBundle(
                        version,
                        dir.resolve("missing.bundle").toUri(),
                        good.sha256(),
                        good.sizeBytes()),
                null,
                ModelRefusedException.Reason.UNREADABLE,
                "missing.bundle");
    }

    @Test
    void corruptAndTruncatedBundlesAreRefusedEvenWhenTheirBytesAreAsAnnounced() throws Exception {
        Path bundle = TestModels.trainedBundle();
        String version = SwapFixtures.version(bundle);
        assertRefused(
                asOnDisk(SwapFixtures.flippedByte(bundle, dir), version),
                null,
                ModelRefusedException.Reason.INVALID_BUNDLE,
                "corrupt");
        assertRefused(
                asOnDisk(SwapFixtures.truncated(bundle, dir, 100), version),
                null,
                ModelRefusedException.Reason.INVALID_BUNDLE,
                "truncated");
    }
}
