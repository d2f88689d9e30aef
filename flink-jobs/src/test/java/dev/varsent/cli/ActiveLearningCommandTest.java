package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subcommand on a tiny configuration of the real scale data: JSON on stdout, JSON and PNG in --out. */
class ActiveLearningCommandTest {

    @Test
    void printsOneJsonObjectAndWritesItsFiles(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ActiveLearningCommand.run(List.of("--json", "--out", dir.toString(), "--pool", "40",
                        "--eval-limit", "20", "--seed-fraction", "0.25", "--budget", "5", "--rounds", "2", "--max-per-review", "1", "--k", "2",
                        "--epochs", "1", "--embedding", "8", "--hidden", "8", "--vocab", "500", "--segment", "40",
                        "--threads", "1"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()));
        assertThat(code).isZero();
        String stdout = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(stdout.lines().count()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertThat(json.get("metric").asText()).isEqualTo("active_learning");
        assertThat(json.get("labels_random").asInt()).isEqualTo(20);
        assertThat(json.has("labels_uncertainty")).isTrue();
        assertThat(json.has("ratio")).isTrue();
        assertThat(json.get("curves").get("random")).hasSize(3);
        assertThat(json.get("curves").get("uncertainty").get(2).get("labels").asInt()).isEqualTo(20);
        assertThat(json.get("config").get("warm_start").asBoolean()).isTrue();
        assertThat(json.get("config").get("max_per_review").asInt()).isEqualTo(1);
        assertThat(json.get("config").get("readout").asText()).isEqualTo("MEAN_MAX");
        assertThat(json.get("strategies").toString()).isEqualTo("[\"random\",\"epistemic\",\"total\"]");
        assertThat(json.get("curves").get("total")).hasSize(3);
        assertThat(json.get("curves").get("epistemic")).isEqualTo(json.get("curves").get("uncertainty"));
        assertThat(json.get("efficiency").get("total").has("ratio")).isTrue();
        assertThat(new ObjectMapper().readTree(dir.resolve(ActiveLearningCommand.JSON_FILE).toFile())).isEqualTo(json);
        assertThat(Files.size(dir.resolve(ActiveLearningCommand.CHART_FILE))).isGreaterThan(1000);
    }

    @Test
    void choosesStrategiesReadoutAndHead() throws Exception {
        var config = ActiveLearningCommand.config(CommandLine.parse(List.of("--strategies", "random,total",
                "--readout", "last", "--head", "heteroscedastic"), ActiveLearningCommand.VALUED, java.util.Set.of()));
        assertThat(config.strategies()).containsExactly(dev.varsent.active.Strategy.RANDOM,
                dev.varsent.active.Strategy.TOTAL);
        assertThat(config.training().readout()).isEqualTo(dev.varsent.nn.Readout.LAST);
        assertThat(config.training().head()).isEqualTo(dev.varsent.nn.Head.HETEROSCEDASTIC);
        assertThatThrownBy(() -> ActiveLearningCommand.run(List.of("--strategies", "random,uncertainty"), System.out,
                System.err)).isInstanceOf(UsageException.class).hasMessageContaining("unknown strategy 'uncertainty'");
        assertThatThrownBy(() -> ActiveLearningCommand.run(List.of("--readout", "median"), System.out, System.err))
                .isInstanceOf(UsageException.class).hasMessageContaining("--readout takes [last, mean, mean-max]");
        assertThatThrownBy(() -> ActiveLearningCommand.run(List.of("--strategies", "epistemic"), System.out,
                System.err)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need random");
    }

    @Test
    void refusesUnknownStartModes() {
        assertThatThrownBy(() -> ActiveLearningCommand.run(List.of("--start", "lukewarm"), System.out, System.err))
                .isInstanceOf(UsageException.class).hasMessageContaining("--start takes warm or scratch");
    }
}
