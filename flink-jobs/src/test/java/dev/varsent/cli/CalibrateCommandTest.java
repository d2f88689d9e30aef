package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.bundle.Provenance;
import dev.varsent.model.SentimentModel;
import dev.varsent.retrain.CalibratedTraining;
import dev.varsent.retrain.HoldoutSplit;
import dev.varsent.scoring.TestModels;
import dev.varsent.train.LabelledText;
import dev.varsent.uncertainty.ConformalCalibration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code calibrate} refits a bundle's calibration on its own calibration split, and only on that
 * one.
 */
class CalibrateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 600 segments of 200 reviews, as a base corpus: ids review#n, one rating per review. */
    private static List<LabelledText> corpus(Path file) throws Exception {
        List<LabelledText> all = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            for (int s = 0; s < 3; s++) {
                String text =
                        (r % 2 == 0 ? "a fine film , well acted" : "a dull plot , badly acted")
                                + " part "
                                + s
                                + " of review "
                                + r;
                LabelledText t =
                        new LabelledText("review-" + r + "#" + s, text, r % 2 == 0 ? 0.8 : 0.2);
                all.add(t);
                lines.add(
                        JSON.createObjectNode()
                                .put("id", t.id())
                                .put("text", t.text())
                                .put("rating", t.rating())
                                .toString());
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return all;
    }

    private static Cli.Run run(String... args) throws Exception {
        String[] line = new String[args.length + 1];
        line[0] = "calibrate";
        System.arraycopy(args, 0, line, 1, args.length);
        return Cli.run(line);
    }

    @Test
    void aBundleOfTheOldLayoutIsRecalibratedOnItsSplitWithoutRetraining(@TempDir Path dir)
            throws Exception {
        Path corpus = dir.resolve("base.jsonl");
        List<LabelledText> side = new ArrayList<>();
        for (LabelledText t : corpus(corpus)) {
            if (!HoldoutSplit.isHoldout(t.id(), 20)) {
                side.add(t);
            }
        }
        CalibratedTraining split = CalibratedTraining.split(side);
        SentimentModel trained = SentimentModel.load(TestModels.trainedBundle());
        SentimentModel fitted = split.fit(trained, 2, 1, 1);
        // What a bundle calibrated before bands looked like: one table, scaled by the total std.
        ConformalCalibration c = fitted.calibration();
        SentimentModel old =
                fitted.withCalibration(
                        new ConformalCalibration(
                                c.n(), c.table(), c.noveltyStd(), c.split(), c.idsSha256()),
                        fitted.novelty());
        Path oldBundle = dir.resolve("old.bundle");
        old.save(oldBundle);

        Path out = dir.resolve("sub/new.bundle");
        assertThat(
                        run(
                                        "--model",
                                        oldBundle.toString(),
                                        "--out",
                                        out.toString(),
                                        "--corpus",
                                        corpus.toString(),
                                        "--holdout-percent",
                                        "20",
                                        "--k",
                                        "2",
                                        "--threads",
                                        "1")
                                .code())
                .isZero();
        SentimentModel back = SentimentModel.load(out);
        assertThat(back.version()).isEqualTo(old.version() + "-recalibrated");
        assertThat(back.provenance().notes()).containsEntry("recalibrated_from", old.version());
        assertThat(back.calibration().idsSha256())
                .isEqualTo(c.idsSha256())
                .isEqualTo(
                        Provenance.sha256Lines(
                                split.calibration().stream().map(LabelledText::id).toList()));
        assertThat(back.calibration().n()).isEqualTo(split.calibration().size());
        assertThat(back.calibration().errorScale()).isNotNull();
        assertThat(back.calibration().split()).contains("whole reviews as served");
        assertThat(back.params().asMap().keySet()).isEqualTo(old.params().asMap().keySet());
        for (var e : old.params().asMap().entrySet()) {
            assertThat(back.params().asMap().get(e.getKey()).dup('c').data().asFloat())
                    .as("the weights are kept: %s", e.getKey())
                    .containsExactly(e.getValue().dup('c').data().asFloat());
        }
    }

    @Test
    void anotherSplitAnUncalibratedBundleOrMissingOptionsAreRefused(@TempDir Path dir)
            throws Exception {
        Path corpus = dir.resolve("base.jsonl");
        List<LabelledText> side = new ArrayList<>();
        for (LabelledText t : corpus(corpus)) {
            if (!HoldoutSplit.isHoldout(t.id(), 20)) {
                side.add(t);
            }
        }
        SentimentModel fitted =
                CalibratedTraining.split(side)
                        .fit(SentimentModel.load(TestModels.trainedBundle()), 2, 1, 1);
        Path bundle = dir.resolve("m.bundle");
        fitted.save(bundle);
        Path out = dir.resolve("out.bundle");
        assertThat(
                        run(
                                "--model",
                                bundle.toString(),
                                "--out",
                                out.toString(),
                                "--corpus",
                                corpus.toString(),
                                "--holdout-percent",
                                "10",
                                "--k",
                                "2"))
                .satisfies(
                        r -> {
                            assertThat(r.code()).isEqualTo(2);
                            assertThat(r.err()).contains("is not the one");
                        });
        assertThat(out).doesNotExist();
        assertThat(
                        run(
                                "--model",
                                TestModels.trainedBundle().toString(),
                                "--out",
                                out.toString(),
                                "--corpus",
                                corpus.toString()))
                .satisfies(
                        r -> {
                            assertThat(r.code()).isEqualTo(2);
                            assertThat(r.err()).contains("uncalibrated");
                        });
        assertThat(run("--model", bundle.toString(), "--corpus", corpus.toString()))
                .satisfies(
                        r -> {
                            assertThat(r.code()).isEqualTo(2);
                            assertThat(r.err()).contains("--out");
                        });
        assertThat(
                        run(
                                "--model",
                                bundle.toString(),
                                "--out",
                                bundle.toString(),
                                "--corpus",
                                corpus.toString()))
                .satisfies(
                        r -> {
                            assertThat(r.code()).isEqualTo(2);
                            assertThat(r.err()).contains("differ");
                        });
    }
}
