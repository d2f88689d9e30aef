package dev.varsent.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.bundle.BundleFormatException;
import dev.varsent.config.VarsentConfig;
import dev.varsent.scoring.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelTest {

    @Test
    void aDirectoryOfVersionsServesItsNewestBundle(@TempDir Path dir) throws Exception {
        Path older = Files.copy(TestModels.trainedBundle(), dir.resolve("v1.bundle"));
        Path newer = Files.copy(TestModels.trainedBundle(), dir.resolve("v2.bundle"));
        Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2026-02-01T00:00:00Z")));
        Files.writeString(dir.resolve("notes.txt"), "not a model");
        VarsentConfig config =
                VarsentConfig.defaults().with(Map.of("model.location", dir.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(LocalModel.ensure(config, new PrintStream(out, true))).isEqualTo(newer);
        assertThat(out.toString()).contains("v2.bundle");
    }

    @Test
    void aCorruptBundleIsRefusedRatherThanServed(@TempDir Path dir) throws Exception {
        Path bundle = Files.writeString(dir.resolve("sentiment.bundle"), "VARSENT\n garbage");
        VarsentConfig config =
                VarsentConfig.defaults().with(Map.of("model.location", bundle.toString()));
        assertThatThrownBy(
                        () ->
                                LocalModel.ensure(
                                        config, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(BundleFormatException.class);
    }
}
