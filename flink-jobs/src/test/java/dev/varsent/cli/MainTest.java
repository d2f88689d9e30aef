package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines and bad model files end with a clear message and an exit code, not a stack trace. */
class MainTest {

    private static String stderrOf(Runnable run) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        int[] code = new int[1];
        String err = stderrOf(() -> code[0] = run("train", "--epochs", "many"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("varsent train: --epochs takes a whole number, got 'many'");
        assertThat(run("train", "--no-such-option", "1")).isEqualTo(2);
        assertThat(run("no-such-command")).isEqualTo(2);
    }

    @Test
    void aFileThatIsNotAModelBundleIsRefused(@TempDir Path dir) throws Exception {
        Path notABundle = Files.writeString(dir.resolve("model.bundle"), "hello");
        int[] code = new int[1];
        String err = stderrOf(() -> code[0] = run("evaluate", "--model", notABundle.toString()));
        assertThat(code[0]).isEqualTo(1);
        assertThat(err).contains("refused model bundle").contains("not a varsent model bundle");
    }

    @Test
    void theOracleRefusesABadGroundTruthOrNoiseWithoutStarting(@TempDir Path dir) throws Exception {
        Path truth = Files.writeString(dir.resolve("truth.jsonl"), "{\"id\":\"a\",\"rating\":0.5}\n{\"id\":\"b\"}\n");
        int[] code = new int[1];
        String err = stderrOf(() -> code[0] = run("oracle", "--truth", truth.toString()));
        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("varsent oracle: " + truth + ":2: 'rating' must be a number in [0, 1]");
        err = stderrOf(() -> code[0] = run("oracle", "--truth", truth.toString(), "--noise", "2"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("oracle.noise-std=2: expected a number in [0, 1]");
        err = stderrOf(() -> code[0] = run("oracle", "--truth", dir.resolve("missing.jsonl").toString()));
        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("no such ground truth file");
        assertThat(run("labels", "--help")).isEqualTo(0);
        err = stderrOf(() -> code[0] = run("labels", "--set", "labels.transactional-id-prefix=varsent-scoring"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(err).contains("labels.transactional-id-prefix must differ from kafka.transactional-id-prefix");
    }

    @Test
    void aMissingDatasetIsAClearErrorNotAStackTrace(@TempDir Path dir) {
        String saved = System.getProperty(dev.varsent.data.ScaleData.DIR_PROPERTY);
        System.setProperty(dev.varsent.data.ScaleData.DIR_PROPERTY, dir.resolve("no-such-scaledata").toString());
        try {
            int[] code = new int[1];
            String err = stderrOf(() -> code[0] = run("retrain", "--export-base-corpus", dir.resolve("base.jsonl").toString()));
            assertThat(code[0]).isEqualTo(2);
            assertThat(err).startsWith("varsent retrain: ").contains("no-such-scaledata").doesNotContain("\tat ");
        } finally {
            if (saved == null) {
                System.clearProperty(dev.varsent.data.ScaleData.DIR_PROPERTY);
            } else {
                System.setProperty(dev.varsent.data.ScaleData.DIR_PROPERTY, saved);
            }
        }
    }

    private static int run(String... args) {
        try {
            return Main.run(args);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
