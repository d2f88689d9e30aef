package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench baseline} on the real scale data and a small labelled set. */
class BaselineBenchCommandTest {

    @TempDir Path dir;

    @Test
    void printsOneJsonLinePerSplitAndPerLabelledSet() throws Exception {
        Path sets = Files.createDirectories(dir.resolve("sets").resolve("films"));
        Files.writeString(
                sets.resolve("films.jsonl"),
                """
                {"id":"1","text":"A superb, moving and beautifully acted film; one of the best of the year.","label":"pos"}
                {"id":"2","text":"Tedious, clumsy and lifeless: a waste of a fine cast.","label":"neg"}
                {"id":"3","text":"Brilliant. I was gripped from the first scene to the last.","label":"pos"}
                {"id":"4","text":"Dull and predictable, the worst film I have seen this year.","label":"neg"}
                """);
        Files.writeString(sets.resolve("notes.txt"), "not a labelled set");

        Cli.Run run =
                Cli.run(
                        "bench",
                        "baseline",
                        "--json",
                        "--data",
                        dir.resolve("sets").toString(),
                        "--vocab",
                        "2000",
                        "--lambdas",
                        "1");

        assertThat(run.code()).as(run.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines)
                .hasSize(4)
                .allSatisfy(l -> assertThat(l.get("metric").asText()).isEqualTo("ridge_baseline"));
        assertThat(lines.get(0).get("split").asText()).isEqualTo("paper_segments");
        assertThat(lines.get(1).get("split").asText()).isEqualTo("paper_reviews");
        assertThat(lines.get(2).get("split").asText()).isEqualTo("reviews");
        for (JsonNode split : lines.subList(0, 3)) {
            assertThat(split.get("lambda").asDouble()).isEqualTo(1.0);
            assertThat(split.get("bigrams").asInt()).isZero(); // the baseline: words alone
            assertThat(split.get("test_rmse").asDouble())
                    .isLessThan(split.get("mean_predictor_test_rmse").asDouble());
        }
        assertThat(lines.get(3).get("data").asText()).endsWith("films.jsonl");
        assertThat(lines.get(3).get("examples").asInt()).isEqualTo(4);
        assertThat(lines.get(3).get("auroc_score").asDouble()).isEqualTo(1.0);
    }

    @Test
    void findsEveryJsonlFileBelowADirectoryInOrder() throws Exception {
        Files.createDirectories(dir.resolve("b"));
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("b").resolve("x.jsonl"), "");
        Files.writeString(dir.resolve("a").resolve("y.jsonl"), "");
        Files.writeString(dir.resolve("a").resolve("y.json"), "");
        Path single = Files.writeString(dir.resolve("single.jsonl"), "");

        BaselineBenchCommand command =
                Cli.parse(
                        "bench",
                        "baseline",
                        "--data",
                        dir.resolve("a") + "," + dir.resolve("b") + "," + single);
        assertThat(BaselineBenchCommand.labelSets(command.data))
                .containsExactly(
                        dir.resolve("a").resolve("y.jsonl"),
                        dir.resolve("b").resolve("x.jsonl"),
                        single);
        assertThatThrownBy(() -> BaselineBenchCommand.labelSets(List.of(dir.resolve("missing"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such file or directory");
    }

    @Test
    void rejectsLambdasThatAreNotPositiveNumbers() throws Exception {
        Cli.Run run = Cli.run("bench", "baseline", "--lambdas", "1,x");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("Invalid value for option '--lambdas'", "'x' is not a double");
        run = Cli.run("bench", "baseline", "--lambdas", "0,1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("varsent bench baseline: --lambdas takes positive numbers");
        run = Cli.run("bench", "baseline", "--bigrams", "0,-5");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--bigrams takes numbers >= 0");
    }
}
