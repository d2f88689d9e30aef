package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentOptions;
import dev.varsent.data.ScaleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line as a whole: generated help and version, exit codes, and clear messages for bad
 * command lines and bad model files, never a stack trace.
 */
class MainTest {

    @Test
    void helpListsEveryCommandWithItsSummaryAndExitsZero() throws Exception {
        Cli.Run run = Cli.run("--help");
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("Usage: varsent [-hV] COMMAND", "--version", "Exit codes: 0 done");
        for (String command : Main.commandNames()) {
            assertThat(run.out()).as(command).containsPattern("(?m)^  " + command + " +\\S");
        }
        assertThat(Main.commandNames())
                .startsWith("local", "score")
                .contains("bench", "config", "doctor", "help");
        assertThat(Cli.run("help", "score").out()).isEqualTo(Cli.run("score", "--help").out());
    }

    @Test
    void aCommandsHelpShowsItsOptionsAndTheSharedConfigurationOptions() throws Exception {
        Cli.Run run = Cli.run("score", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains(
                        "Usage: varsent score [-hV] [--conf=FILE] [--set=KEY=VALUE]...",
                        "Run the streaming scoring job",
                        "--conf=FILE",
                        "--set=KEY=VALUE",
                        "repeatable");
        assertThat(Cli.run("bench", "e2e", "--help").out())
                .contains(
                        "Usage: varsent bench e2e",
                        "--latency-rate=REVIEWS_PER_S",
                        "--latency-seconds=DURATION");
    }

    @Test
    void versionIsTheProjectsFromTheBuild() throws Exception {
        Cli.Run run = Cli.run("--version");
        assertThat(run.code()).isZero();
        String version = VersionProvider.built().getProperty("version");
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(run.out())
                .startsWith("varsent " + version + "\n")
                .contains("built with Flink 2.", "running on Java");
        assertThat(Cli.run("train", "--version").out()).isEqualTo(run.out());
    }

    @Test
    void everyCommandAndOptionIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        List<CommandLine> all = new ArrayList<>(List.of(Main.commandLine(new ExitCodes())));
        for (int i = 0; i < all.size(); i++) {
            CommandSpec spec = all.get(i).getCommandSpec();
            if (String.join("", spec.usageMessage().description()).isBlank()) {
                undescribed.add(spec.qualifiedName());
            }
            for (OptionSpec option : spec.options()) {
                if (String.join("", option.description()).isBlank()) {
                    undescribed.add(spec.qualifiedName() + " " + option.longestName());
                }
            }
            all.addAll(all.get(i).getSubcommands().values());
        }
        assertThat(undescribed).isEmpty();
    }

    @Test
    void unknownCommandsAndOptionsExitWithTwoAndSaySo() throws Exception {
        Cli.Run run = Cli.run("train", "--no-such-option", "1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("varsent train: Unknown options: '--no-such-option', '1'")
                .contains("Run 'varsent train --help' for its options.")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();

        run = Cli.run("scroe");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "varsent: Unmatched argument at index 0: 'scroe'", "Did you mean", "score");

        run = Cli.run("config", "--sett", "a=b");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("Unknown options: '--sett', 'a=b'", "Possible solutions: --set");

        run = Cli.run();
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: varsent", "local", "score");
    }

    @Test
    void setIsARepeatableMapOverTheFile(@TempDir Path dir) throws Exception {
        Path conf =
                Files.writeString(
                        dir.resolve("a.properties"), "scoring.batch-size=8\ntopic.reviews=in\n");
        ScoreCommand score =
                Cli.parse(
                        "score",
                        "--conf",
                        conf.toString(),
                        "--set",
                        "scoring.batch-size=16",
                        "--set",
                        "routing.threshold=0.2",
                        "--set=topic.reviews=a=b");
        assertThat(score.configuration.overrides)
                .containsExactly(
                        java.util.Map.entry("scoring.batch-size", "16"),
                        java.util.Map.entry("routing.threshold", "0.2"),
                        java.util.Map.entry("topic.reviews", "a=b"));
        var config = score.configuration.config();
        assertThat(config.get(VarsentOptions.BATCH_SIZE)).isEqualTo(16);
        assertThat(config.get(VarsentOptions.ROUTING_THRESHOLD)).isEqualTo(0.2);
        assertThat(config.get(VarsentOptions.TOPIC_REVIEWS)).isEqualTo("a=b");
        assertThat(
                        Cli.<ScoreCommand>parse("score", "--conf", conf.toString())
                                .configuration
                                .config()
                                .get(VarsentOptions.TOPIC_REVIEWS))
                .isEqualTo("in");

        Cli.Run run = Cli.run("config", "--set", "novalue");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "varsent config: ",
                        "'--set' (KEY=VALUE) should be in KEY=VALUE format but was novalue");
    }

    @Test
    void theDefaultFileIsUsedOnlyWhenItExistsAndShorthandsWinOverSet(@TempDir Path dir)
            throws Exception {
        Path conf = dir.resolve("local.properties");
        ConfigurationOptions none = Cli.<ScoreCommand>parse("score").configuration;
        assertThat(
                        none.config(conf, java.util.Map.of(), java.util.Map.of())
                                .get(VarsentOptions.BATCH_SIZE))
                .isEqualTo(32);
        Files.writeString(conf, "scoring.batch-size=4\n");
        assertThat(
                        none.config(conf, java.util.Map.of(), java.util.Map.of())
                                .get(VarsentOptions.BATCH_SIZE))
                .isEqualTo(4);

        LocalCommand local = Cli.parse("local", "--set", "local.feed-rate=5", "--rate", "7.5");
        assertThat(
                        local.configuration
                                .config(
                                        conf,
                                        java.util.Map.of(),
                                        java.util.Map.of(
                                                VarsentOptions.LOCAL_FEED_RATE.key(),
                                                local.rate.toString()))
                                .get(VarsentOptions.LOCAL_FEED_RATE))
                .isEqualTo(7.5);
    }

    @Test
    void aBadNumberOrDurationIsAUsageError() throws Exception {
        Cli.Run run = Cli.run("train", "--epochs", "many");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .startsWith(
                        "varsent train: Invalid value for option '--epochs': 'many' is not an int");

        run = Cli.run("local", "--duration", "0");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "varsent local: Invalid value for option '--duration'",
                        "the duration must be positive, got '0'");
        assertThat(Cli.<LocalCommand>parse("local", "--duration", "90").duration).hasSeconds(90);
        assertThat(Cli.<LocalCommand>parse("local", "--duration", "10min").duration).hasMinutes(10);
        assertThat(Cli.run("local", "--duration", "soon").err())
                .contains("'soon' is not a duration");
    }

    @Test
    void aConfigurationErrorExitsWithTwo() throws Exception {
        Cli.Run run = Cli.run("config", "--set", "scoring.k=3");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("varsent config: ", "unknown key 'scoring.k'")
                .doesNotContain("\tat ");

        run = Cli.run("config", "--set", "routing.mode=target-rate");
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains(
                        "routing.mode=target-rate\n",
                        "scoring.mc-samples=10\n",
                        "# K: MC dropout passes");
        run = Cli.run("config", "--set", "routing.mode=sometimes");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("routing.mode=sometimes: expected one of threshold, target-rate");
    }

    @Test
    void aFileThatIsNotAModelBundleIsRefused(@TempDir Path dir) throws Exception {
        Path notABundle = Files.writeString(dir.resolve("model.bundle"), "hello");
        Cli.Run run = Cli.run("evaluate", "--model", notABundle.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("varsent evaluate: refused model bundle")
                .contains("not a varsent model bundle");
        run = Cli.run("evaluate");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--model=FILE'");
    }

    @Test
    void theOracleRefusesABadGroundTruthOrNoiseWithoutStarting(@TempDir Path dir) throws Exception {
        Path truth =
                Files.writeString(
                        dir.resolve("truth.jsonl"),
                        "{\"id\":\"a\",\"rating\":0.5}\n{\"id\":\"b\"}\n");
        Cli.Run run = Cli.run("oracle", "--truth", truth.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("varsent oracle: " + truth + ":2: 'rating' must be a number in [0, 1]");
        run = Cli.run("oracle", "--truth", truth.toString(), "--noise", "2");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("oracle.noise-std=2.0: expected a number in [0, 1]");
        run = Cli.run("oracle", "--truth", dir.resolve("missing.jsonl").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no such ground truth file");
        assertThat(Cli.run("labels", "--help").code()).isZero();
        run = Cli.run("labels", "--set", "labels.transactional-id-prefix=varsent-scoring");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "labels.transactional-id-prefix must differ from kafka.transactional-id-prefix");
    }

    @Test
    void aMissingDatasetIsAClearErrorNotAStackTrace(@TempDir Path dir) throws Exception {
        String saved = System.getProperty(ScaleData.DIR_PROPERTY);
        System.setProperty(ScaleData.DIR_PROPERTY, dir.resolve("no-such-scaledata").toString());
        try {
            Cli.Run run =
                    Cli.run(
                            "retrain",
                            "--export-base-corpus",
                            dir.resolve("base.jsonl").toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err())
                    .startsWith("varsent retrain: ")
                    .contains("no-such-scaledata")
                    .doesNotContain("\tat ");
        } finally {
            if (saved == null) {
                System.clearProperty(ScaleData.DIR_PROPERTY);
            } else {
                System.setProperty(ScaleData.DIR_PROPERTY, saved);
            }
        }
    }
}
