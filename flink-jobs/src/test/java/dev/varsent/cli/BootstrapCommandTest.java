package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentConfig;
import dev.varsent.model.SentimentModel;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.scoring.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code varsent bootstrap} leaves a deployment with a base corpus and a champion, and a second run
 * changes nothing.
 */
class BootstrapCommandTest {

    @Test
    void writesTheBaseCorpusAndMakesTheModelTheChampionOnce(@TempDir Path dir) throws Exception {
        Path bundle = Files.copy(TestModels.trainedBundle(), dir.resolve("sentiment.bundle"));
        Path corpus = dir.resolve("base-corpus.jsonl");
        Map<String, String> settings =
                Map.of(
                        "model.location", bundle.toString(),
                        "registry.uri", dir.resolve("registry").toUri().toString(),
                        "retrain.base-corpus", corpus.toUri().toString());
        List<String> args = new java.util.ArrayList<>(List.of("bootstrap"));
        settings.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));

        assertThat(Main.run(args.toArray(String[]::new))).isZero();
        assertThat(Files.readAllLines(corpus)).hasSizeGreaterThan(1000);
        ModelRegistry registry = ModelRegistry.fromConfig(VarsentConfig.of(settings));
        String version = SentimentModel.load(bundle).version();
        assertThat(registry.champion()).get().extracting(c -> c.version()).isEqualTo(version);

        FileTime written = Files.getLastModifiedTime(corpus);
        assertThat(Main.run(args.toArray(String[]::new))).isZero();
        assertThat(Files.getLastModifiedTime(corpus)).isEqualTo(written);
        assertThat(registry.champion()).get().extracting(c -> c.version()).isEqualTo(version);
    }
}
