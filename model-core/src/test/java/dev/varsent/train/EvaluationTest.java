package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.data.LabelledReview;
import dev.varsent.model.SentimentModel;
import dev.varsent.model.TestModels;
import dev.varsent.model.UncertaintyFit;
import dev.varsent.nn.CellType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} on a small real model: whole reviews, with and without a calibration in the
 * bundle.
 */
class EvaluationTest {

    /**
     * Reviews of 5 to 200 tokens (the test model's segments hold 49), rated by their share of good
     * words.
     */
    private static List<LabelledReview> reviews(int n, long seed, boolean labels) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LabelledReview> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int length = 5 + r.nextInt(196);
            StringBuilder text = new StringBuilder();
            int good = 0;
            for (int t = 0; t < length; t++) {
                String w = TestModels.WORDS.get(r.nextInt(TestModels.WORDS.size()));
                good += w.equals("good") || w.equals("great") || w.equals("brilliant") ? 1 : 0;
                text.append(w).append(' ');
            }
            double rating = Math.min(1, 3.0 * good / length);
            out.add(
                    labels
                            ? LabelledReview.classification(
                                    "r" + i, text.toString(), rating > 0.6 ? 1 : 0)
                            : LabelledReview.regression("r" + i, text.toString(), rating));
        }
        return out;
    }

    @Test
    void ratingDataIsScoredAsWholeReviewsWithGaussianIntervalsWhenUncalibrated(@TempDir Path dir)
            throws Exception {
        SentimentModel model = TestModels.small(CellType.LSTM, 1);
        Path predictions = dir.resolve("p.jsonl");
        Evaluation.Report report =
                Evaluation.evaluate(
                        model,
                        Evaluation.fromJsonl("made up", reviews(40, 1, false)),
                        4,
                        7,
                        1,
                        predictions);
        Map<String, Double> m = report.metrics();
        assertEquals(40.0, m.get("examples"));
        assertTrue(
                m.get("mean_segments") > 1.5,
                "long reviews are scored on all their segments: " + m);
        assertEquals(0.0, m.get("calibrated"));
        assertEquals("mean +- z * total std (uncalibrated)", report.notes().get("intervals"));
        for (String key :
                List.of(
                        "rmse_mc",
                        "rmse_approx",
                        "coverage_50",
                        "coverage_80",
                        "coverage_90",
                        "coverage_95",
                        "interval_width_90",
                        "mean_uncertainty",
                        "auroc_worst_20pct_epistemic_std",
                        "auroc_worst_20pct_aleatoric_std",
                        "auroc_worst_20pct_total_std",
                        "auroc_worst_20pct_segment_std",
                        "auroc_worst_20pct_wrong_side_probability",
                        "auroc_uncertainty_flags_errors",
                        "accuracy_mc")) {
            assertTrue(Double.isFinite(m.get(key)), key + " = " + m.get(key));
        }
        // an uncalibrated model has no novelty model
        assertTrue(Double.isNaN(m.get("auroc_worst_20pct_novelty")));
        assertTrue(m.get("coverage_50") <= m.get("coverage_95"));
        assertNotNull(report.reliability());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals(40, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("r0", first.get("id").asText());
        assertTrue(
                first.has("total_std")
                        && first.has("wrong_side_probability")
                        && first.has("segments"));
        assertFalse(first.has("lower"), "no interval without a calibration");
    }

    @Test
    void aCalibratedModelIsJudgedOnItsConformalIntervals() throws Exception {
        List<LabelledReview> calibration = reviews(60, 2, false);
        SentimentModel model =
                UncertaintyFit.fit(
                        TestModels.small(CellType.LSTM, 1),
                        calibration.stream().map(LabelledReview::text).toList(),
                        calibration.stream().mapToDouble(LabelledReview::rating).toArray(),
                        4,
                        3);
        Evaluation.Report report =
                Evaluation.evaluate(
                        model,
                        Evaluation.fromJsonl("made up", reviews(40, 1, false)),
                        4,
                        7,
                        1,
                        null);
        assertEquals(1.0, report.metrics().get("calibrated"));
        assertTrue(
                report.notes().get("intervals").startsWith("split-conformal"),
                report.notes().toString());
        assertTrue(Double.isFinite(report.metrics().get("mean_novelty")));
        assertEquals(model.calibration().levels().size(), report.reliability().nominal().length);
    }

    @Test
    void labelDataGetsTheDecisionFiguresAndLabelConsistentCoverage() throws Exception {
        SentimentModel model = TestModels.small(CellType.GRU, 1);
        Evaluation.Report report =
                Evaluation.evaluate(
                        model,
                        Evaluation.fromJsonl("made up", reviews(40, 4, true)),
                        3,
                        7,
                        2,
                        null);
        Map<String, Double> m = report.metrics();
        for (String key :
                List.of(
                        "accuracy_approx",
                        "accuracy_mc",
                        "auroc_score_mc",
                        "auroc_uncertainty_flags_errors",
                        "auroc_mc_std_flags_errors",
                        "coverage_90",
                        "mean_uncertainty",
                        "auroc_wrong_calls_total_std")) {
            assertTrue(m.containsKey(key), key + " missing from " + m.keySet());
        }
        assertFalse(m.containsKey("rmse_mc"));
        assertNotNull(report.reliability());
    }
}
