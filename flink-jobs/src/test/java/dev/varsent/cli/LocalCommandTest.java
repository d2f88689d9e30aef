package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.varsent.corpus.ReviewText;
import dev.varsent.scoring.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandTest {

    private final LocalCommand command = new LocalCommand(config -> TestModels.predictorFactory(),
            config -> List.of(new ReviewText("a", "great phone, love it, would recommend it"), new ReviewText("b", "meh")));

    private int run(List<String> args, ByteArrayOutputStream out, ByteArrayOutputStream err) throws Exception {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return command.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void runsForTheGivenDurationAndExitsZero(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Everything the run writes goes under dir: the registry, and no base corpus.
        int exit = run(List.of("--conf", "../conf/local.properties", "--set", "dashboard.port=0",
                "--set", "execution.checkpointing.interval=500", "--set", "registry.uri=" + dir.resolve("registry"),
                "--set", "model.location=" + TestModels.trainedBundle(), "--set", "retrain.base-corpus=",
                "--duration", "3", "--rate", "30"), out, new ByteArrayOutputStream());
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("streaming 2 reviews at 30.0/s for 3 s")
                .contains("| final")
                .contains("published and promoted")
                .contains("Jobs cancelled");
    }

    @Test
    void aBadCommandLineStartsNothingAndExitsTwo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(List.of("--duration", "0"), out, err)).isEqualTo(2);
        assertThat(run(List.of("--rate", "-5"), out, err)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--duration takes a positive whole number of seconds, got '0'")
                .contains("local.feed-rate=-5: expected a number in (0, 1000000.0]");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Kafka");
    }
}
