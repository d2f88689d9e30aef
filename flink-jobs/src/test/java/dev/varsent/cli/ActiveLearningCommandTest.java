package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.active.Strategy;
import dev.varsent.nn.Head;
import dev.varsent.nn.Readout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subcommand on a tiny configuration of the real scale data: JSON on stdout, JSON and PNG in
 * --out.
 */
class ActiveLearningCommandTest {

    @Test
    void printsOneJsonObjectAndWritesItsFiles(@TempDir Path dir) throws Exception {
        Cli.Run run =
                Cli.run(
                        "active-learning",
                        "--json",
                        "--out",
                        dir.toString(),
                        "--pool",
                        "40",
                        "--eval-limit",
                        "20",
                        "--seed-fraction",
                        "0.25",
                        "--budget",
                        "5",
                        "--rounds",
                        "2",
                        "--max-per-review",
                        "1",
                        "--k",
                        "2",
                        "--epochs",
                        "1",
                        "--embedding",
                        "8",
                        "--hidden",
                        "8",
                        "--vocab",
                        "500",
                        "--segment",
                        "40",
                        "--threads",
                        "1");
        assertThat(run.code()).as(run.err()).isZero();
        String stdout = run.out().strip();
        assertThat(stdout.lines().count()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertThat(json.get("metric").asText()).isEqualTo("active_learning");
        assertThat(json.get("labels_random").asInt()).isEqualTo(20);
        assertThat(json.has("labels_uncertainty")).isTrue();
        assertThat(json.has("ratio")).isTrue();
        assertThat(json.get("curves").get("random")).hasSize(3);
        assertThat(json.get("curves").get("uncertainty").get(2).get("labels").asInt())
                .isEqualTo(20);
        assertThat(json.get("config").get("warm_start").asBoolean()).isTrue();
        assertThat(json.get("config").get("max_per_review").asInt()).isEqualTo(1);
        assertThat(json.get("config").get("readout").asText()).isEqualTo("MEAN_MAX");
        assertThat(json.get("strategies").toString())
                .isEqualTo("[\"random\",\"epistemic\",\"total\"]");
        assertThat(json.get("curves").get("total")).hasSize(3);
        assertThat(json.get("curves").get("epistemic"))
                .isEqualTo(json.get("curves").get("uncertainty"));
        assertThat(json.get("efficiency").get("total").has("ratio")).isTrue();
        assertThat(
                        new ObjectMapper()
                                .readTree(dir.resolve(ActiveLearningReport.JSON_FILE).toFile()))
                .isEqualTo(json);
        assertThat(Files.size(dir.resolve(ActiveLearningReport.CHART_FILE))).isGreaterThan(1000);
    }

    @Test
    void choosesStrategiesReadoutAndHead() throws Exception {
        var config =
                Cli.<ActiveLearningCommand>parse(
                                "active-learning",
                                "--strategies",
                                "random,total",
                                "--readout",
                                "last",
                                "--head",
                                "heteroscedastic",
                                "--start",
                                "scratch",
                                "--evaluate",
                                "validation")
                        .config();
        assertThat(config.strategies()).containsExactly(Strategy.RANDOM, Strategy.TOTAL);
        assertThat(config.training().readout()).isEqualTo(Readout.LAST);
        assertThat(config.training().head()).isEqualTo(Head.HETEROSCEDASTIC);
        assertThat(config.warmStart()).isFalse();
        assertThat(
                        Cli.<ActiveLearningCommand>parse("active-learning")
                                .config()
                                .training()
                                .readout())
                .isEqualTo(Readout.MEAN_MAX);

        Cli.Run run = Cli.run("active-learning", "--strategies", "random,uncertainty");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "varsent active-learning: Invalid value for option '--strategies'",
                        "unknown strategy 'uncertainty'");
        run = Cli.run("active-learning", "--readout", "median");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("expected last|mean|mean-max, got 'median'");
        run = Cli.run("active-learning", "--strategies", "epistemic");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("varsent active-learning: ", "need random");
    }

    @Test
    void refusesUnknownStartModes() throws Exception {
        Cli.Run run = Cli.run("active-learning", "--start", "lukewarm");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--start", "expected warm|scratch, got 'lukewarm'");
    }
}
