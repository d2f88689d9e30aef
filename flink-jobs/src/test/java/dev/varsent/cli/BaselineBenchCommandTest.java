package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --baseline} on the real scale data and a small labelled set. */
class BaselineBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsOneJsonLinePerSplitAndPerLabelledSet() throws Exception {
        Path sets = Files.createDirectories(dir.resolve("sets").resolve("films"));
        Files.writeString(sets.resolve("films.jsonl"), """
                {"id":"1","text":"A superb, moving and beautifully acted film; one of the best of the year.","label":"pos"}
                {"id":"2","text":"Tedious, clumsy and lifeless: a waste of a fine cast.","label":"neg"}
                {"id":"3","text":"Brilliant. I was gripped from the first scene to the last.","label":"pos"}
                {"id":"4","text":"Dull and predictable, the worst film I have seen this year.","label":"neg"}
                """);
        Files.writeString(sets.resolve("notes.txt"), "not a labelled set");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = BaselineBenchCommand.run(List.of("--json", "--data", dir.resolve("sets").toString(),
                "--vocab", "2000", "--lambdas", "1"), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).strip().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(4).allSatisfy(l -> assertThat(l.get("metric").asText()).isEqualTo("ridge_baseline"));
        assertThat(lines.get(0).get("split").asText()).isEqualTo("paper_segments");
        assertThat(lines.get(1).get("split").asText()).isEqualTo("paper_reviews");
        assertThat(lines.get(2).get("split").asText()).isEqualTo("reviews");
        for (JsonNode split : lines.subList(0, 3)) {
            assertThat(split.get("lambda").asDouble()).isEqualTo(1.0);
            assertThat(split.get("test_rmse").asDouble()).isLessThan(split.get("mean_predictor_test_rmse").asDouble());
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

        assertThat(BaselineBenchCommand.labelSets(dir.resolve("a") + "," + dir.resolve("b") + ", " + single))
                .containsExactly(dir.resolve("a").resolve("y.jsonl"), dir.resolve("b").resolve("x.jsonl"), single);
        assertThatThrownBy(() -> BaselineBenchCommand.labelSets(dir.resolve("missing").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such file or directory");
    }

    @Test
    void rejectsLambdasThatAreNotPositiveNumbers() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BaselineBenchCommand.run(List.of("--lambdas", "1,x"), out))
                .isInstanceOf(UsageException.class).hasMessageContaining("comma-separated numbers");
        assertThatThrownBy(() -> BaselineBenchCommand.run(List.of("--lambdas", "0,1"), out))
                .isInstanceOf(UsageException.class).hasMessageContaining("positive numbers");
    }
}
