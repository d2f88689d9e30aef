package dev.varsent.registry;

import dev.varsent.bundle.Provenance;
import dev.varsent.model.SentimentModel;
import dev.varsent.scoring.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Real bundles for the registry tests, all made from {@link TestModels#trainedBundle()}. */
final class RegistryFixtures {

    private RegistryFixtures() {}

    /**
     * The trained test model saved under {@code version} with {@code metrics} in its provenance.
     */
    static Path bundle(Path dir, String version, Map<String, Double> metrics) throws IOException {
        SentimentModel model = SentimentModel.load(TestModels.trainedBundle());
        Provenance p = model.provenance();
        Provenance changed =
                new Provenance(
                        p.dataPath(),
                        p.dataSha256(),
                        p.seed(),
                        p.epochs(),
                        p.gitCommit(),
                        p.createdAt(),
                        p.trainer(),
                        metrics,
                        Map.of("parent", p.gitCommit()));
        Path file = dir.resolve(version + ".bundle");
        model.withProvenance(version, changed).save(file);
        return file;
    }

    /** A copy of {@code bundle} with the byte at {@code offset} inverted. */
    static Path flippedByte(Path bundle, Path dir, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[(int) offset] ^= (byte) 0xff;
        return Files.write(dir.resolve("flipped.bundle"), bytes);
    }

    /** A copy of {@code bundle} without its last {@code missing} bytes. */
    static Path truncated(Path bundle, Path dir, int missing) throws IOException {
        byte[] bytes = Files.readAllBytes(bundle);
        return Files.write(
                dir.resolve("truncated.bundle"),
                java.util.Arrays.copyOf(bytes, bytes.length - missing));
    }

    /** Files directly under {@code dir}; empty when it does not exist. */
    static java.util.List<Path> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
