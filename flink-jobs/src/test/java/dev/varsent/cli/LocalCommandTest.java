package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.corpus.ReviewText;
import dev.varsent.scoring.TestModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandTest {

    private final LocalCommand command =
            new LocalCommand(
                    config -> TestModels.predictorFactory(),
                    config ->
                            List.of(
                                    new ReviewText("a", "great phone, love it, would recommend it"),
                                    new ReviewText("b", "meh")));

    /** Runs {@link #command} (a test model, two reviews) as {@code varsent local} would. */
    private Cli.Run run(String... args) throws Exception {
        List<Object> commands =
                Main.commands().stream().map(c -> c instanceof LocalCommand ? command : c).toList();
        return Cli.run(commands, args);
    }

    @Test
    void runsForTheGivenDurationAndExitsZero(@TempDir Path dir) throws Exception {
        // Everything the run writes goes under dir: the registry, and no base corpus.
        Cli.Run run =
                run(
                        "local",
                        "--conf",
                        "../conf/local.properties",
                        "--set",
                        "dashboard.port=0",
                        "--set",
                        "execution.checkpointing.interval=500",
                        "--set",
                        "registry.uri=" + dir.resolve("registry"),
                        "--set",
                        "model.location=" + TestModels.trainedBundle(),
                        "--set",
                        "retrain.base-corpus=",
                        "--duration",
                        "3",
                        "--rate",
                        "30");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("streaming 2 reviews at 30.0/s for 3 s")
                .contains("| final")
                .contains("published and promoted")
                .contains("Jobs cancelled");
    }

    @Test
    void aBadCommandLineStartsNothingAndExitsTwo() throws Exception {
        Cli.Run duration = run("local", "--duration", "0");
        assertThat(duration.code()).isEqualTo(2);
        assertThat(duration.err())
                .contains(
                        "varsent local: Invalid value for option '--duration'",
                        "the duration must be positive, got '0'");
        Cli.Run rate = run("local", "--rate", "-5");
        assertThat(rate.code()).isEqualTo(2);
        assertThat(rate.err())
                .contains(
                        "varsent local: ",
                        "local.feed-rate=-5.0: expected a number in (0, 1000000.0]");
        assertThat(duration.out() + rate.out()).doesNotContain("Kafka");
    }
}
