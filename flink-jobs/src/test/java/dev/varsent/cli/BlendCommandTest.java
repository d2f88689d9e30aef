package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.bundle.Provenance;
import dev.varsent.model.SentimentModel;
import dev.varsent.retrain.CalibratedTraining;
import dev.varsent.retrain.HoldoutSplit;
import dev.varsent.scoring.TestModels;
import dev.varsent.train.ExampleTrainer;
import dev.varsent.train.LabelledText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blend --members}: the held-out reviews the blend was chosen and calibrated on. */
class BlendCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMembersFileHoldsEveryHeldOutReviewWithBothMembersScores(@TempDir Path dir)
            throws Exception {
        Path corpus = dir.resolve("base.jsonl");
        List<String> lines = new ArrayList<>();
        List<LabelledText> side = new ArrayList<>();
        for (int r = 0; r < 600; r++) {
            String text =
                    (r % 3 == 0 ? "a fine film , well acted" : "a dull plot , badly acted")
                            + " review "
                            + r;
            LabelledText t = new LabelledText("review-" + r + "#0", text, r % 3 == 0 ? 0.8 : 0.2);
            lines.add(
                    JSON.createObjectNode()
                            .put("id", t.id())
                            .put("text", t.text())
                            .put("rating", t.rating())
                            .toString());
            if (!HoldoutSplit.isHoldout(t.id(), 20)) {
                side.add(t);
            }
        }
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        CalibratedTraining split = CalibratedTraining.split(side);
        SentimentModel trained = SentimentModel.load(TestModels.trainedBundle());
        Provenance p = trained.provenance();
        // as if trained on this corpus's training side, which blend checks
        SentimentModel model =
                split.fit(trained, 2, 1, 1)
                        .withProvenance(
                                "m1",
                                new Provenance(
                                        p.dataPath(),
                                        ExampleTrainer.sha256(split.train()),
                                        p.seed(),
                                        p.epochs(),
                                        p.gitCommit(),
                                        p.createdAt(),
                                        p.trainer(),
                                        p.metrics(),
                                        p.notes()));
        Path in = dir.resolve("m1.bundle");
        model.save(in);

        Path out = dir.resolve("blended.bundle"), members = dir.resolve("members.jsonl");
        Cli.Run run =
                Cli.run(
                        "blend",
                        "--model",
                        in.toString(),
                        "--base-corpus",
                        corpus.toString(),
                        "--out",
                        out.toString(),
                        "--k",
                        "2",
                        "--threads",
                        "1",
                        "--members",
                        members.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.OK);
        SentimentModel blended = SentimentModel.load(out);
        assertThat(blended.blended()).isTrue();
        assertThat(blended.blend().errorRidge()).isNotNull();

        List<String> written = Files.readAllLines(members, StandardCharsets.UTF_8);
        Set<String> ids = new HashSet<>();
        Set<String> halves = new HashSet<>();
        for (String line : written) {
            JsonNode o = JSON.readTree(line);
            ids.add(o.get("id").asText());
            halves.add(o.get("half").asText());
            double w = blended.blend().weight();
            assertThat(o.get("score").asDouble())
                    .isCloseTo(
                            w * o.get("network_score").asDouble()
                                    + (1 - w) * o.get("ridge_score").asDouble()
                                    + blended.blend().bias(),
                            within(1e-9));
            assertThat(o.has("word_error")).isTrue();
            assertThat(o.get("rating").asDouble()).isIn(0.8, 0.2);
            assertThat(o.get("model_version").asText()).isEqualTo("m1-blend");
        }
        assertThat(ids).hasSize(split.calibration().size()).hasSize(written.size());
        assertThat(halves).containsExactlyInAnyOrder("selection", "calibration");
    }
}
