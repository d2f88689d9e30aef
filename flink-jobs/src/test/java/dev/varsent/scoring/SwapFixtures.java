package dev.varsent.scoring;

import dev.varsent.bundle.Provenance;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Params;
import dev.varsent.registry.ModelUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/** Announcements of real bundles, and damaged bundles, for the hot-swap tests. */
public final class SwapFixtures {

    static final String MODEL = "sentiment";

    private SwapFixtures() {}

    /**
     * The announcement of {@code bundle} as it is on disk, promoted at {@code promotedAtMillis}.
     */
    static ModelUpdate announce(Path bundle, long promotedAtMillis) {
        return announce(bundle, version(bundle), sha256(bundle), size(bundle), promotedAtMillis);
    }

    static ModelUpdate announce(
            Path bundle, String version, String sha256, long sizeBytes, long promotedAtMillis) {
        return new ModelUpdate(
                MODEL,
                version,
                bundle.toUri(),
                sha256,
                sizeBytes,
                Instant.ofEpochMilli(promotedAtMillis),
                null,
                Map.of("test_rmse", 0.3),
                Map.of("holdout_rmse", 0.3),
                "test promotion");
    }

    static String version(Path bundle) {
        try {
            return SentimentModel.load(bundle).version();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code source}'s model saved under another version: the same weights, a bundle of its own.
     */
    static Path renamed(Path source, Path dir, String version) throws IOException {
        SentimentModel model = SentimentModel.load(source);
        Path file = dir.resolve(version + ".bundle");
        model.withProvenance(version, model.provenance()).save(file);
        return file;
    }

    /**
     * A bundle with {@code source}'s vocabulary and sizes but a two-class head, its weights freshly
     * initialised (only its head matters: it must be refused before it scores anything).
     */
    public static Path classifier(Path source, Path dir) throws IOException {
        SentimentModel m = SentimentModel.load(source);
        NetConfig n = m.net();
        NetConfig twoClasses =
                new NetConfig(
                        n.vocabSize(),
                        n.embeddingSize(),
                        n.hiddenSize(),
                        2,
                        n.cell(),
                        n.dropout(),
                        n.pEmbedding(),
                        n.pInput(),
                        n.pRecurrent(),
                        n.pOutput(),
                        n.weightDecay());
        SentimentModel classifier =
                new SentimentModel(
                        "classifier-1",
                        twoClasses,
                        Params.init(twoClasses, DataType.FLOAT, 3),
                        m.vocabulary(),
                        m.tokenizer(),
                        m.maxLength(),
                        m.targetMean(),
                        m.targetStd(),
                        Double.NaN,
                        m.provenance(),
                        null,
                        null,
                        null);
        Path file = dir.resolve("classifier-1.bundle");
        classifier.save(file);
        return file;
    }

    /** A copy of {@code bundle} with the byte in its middle inverted. */
    static Path flippedByte(Path bundle, Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length / 2] ^= (byte) 0xff;
        return Files.write(dir.resolve("flipped-" + bundle.getFileName()), bytes);
    }

    /** A copy of {@code bundle} without its last {@code missing} bytes. */
    static Path truncated(Path bundle, Path dir, int missing) throws IOException {
        byte[] bytes = Files.readAllBytes(bundle);
        return Files.write(
                dir.resolve("truncated-" + bundle.getFileName()),
                Arrays.copyOf(bytes, bytes.length - missing));
    }

    static String sha256(Path file) {
        try {
            return Provenance.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
