package dev.varsent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.model.AdaptiveSampling;
import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.model.TestModels;
import dev.varsent.nn.CellType;
import dev.varsent.predict.UncertaintySignal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveMcBenchTest {

    private static List<String> reviews(int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add(TestModels.review(5 + (i * 7) % 60, i));
        }
        return texts;
    }

    private static ObjectNode run(SentimentModel model, int k, double threshold) throws Exception {
        AdaptiveSampling sampling =
                new AdaptiveSampling(2, 0.2, UncertaintySignal.TOTAL, threshold);
        return new AdaptiveMcBench(model, reviews(24), k, sampling, 8, 1, 1).run();
    }

    @Test
    void theLineSaysWhatStoppingEarlyCostsTheServedPrediction() throws Exception {
        SentimentModel model = TestModels.small(CellType.LSTM, 1);
        ObjectNode line = run(model, 10, 0.5);

        assertEquals("adaptive_mc", line.get("metric").asText());
        assertEquals(24, line.get("reviews").asInt());
        assertTrue(line.get("speedup").asDouble() > 0);
        double agreement = line.get("routing_agreement").asDouble();
        assertTrue(agreement >= 0 && agreement <= 1, "agreement " + agreement);
        double meanSamples = line.get("mean_samples").asDouble();
        assertTrue(meanSamples >= 2 && meanSamples <= 10, "mean samples " + meanSamples);
        // Reviews that got all K have the full-K score on the same draws: the shift is the early
        // stops' alone, and none when every review got all K.
        double shift = line.get("score_shift_rms").asDouble();
        assertTrue(shift >= 0, "shift " + shift);
        if (meanSamples == 10) {
            assertEquals(0, shift, 1e-9);
        }
        assertTrue(line.get("full_k_score_mc_rms").asDouble() >= 0);
        assertTrue(line.get("epistemic_std_ratio").asDouble() > 0);

        // The 24 reviews of 5 to 64 words make one or two 50-token segments each.
        double segments = 0;
        try (McPredictor predictor = model.predictor(1, 1)) {
            for (String text : reviews(24)) {
                segments += predictor.segmentLengths(text).length;
            }
        }
        assertTrue(segments > 24 && segments < 48, "segments " + segments);
        assertEquals(BenchFigures.round(segments / 24, 2), line.get("mean_segments").asDouble());
        // Both rates are rounded to 0.01, the speedup too: it is their ratio within that.
        double ratio =
                line.get("effective_reviews_per_s").asDouble()
                        / line.get("full_k_reviews_per_s").asDouble();
        assertEquals(ratio, line.get("speedup").asDouble(), 0.006 * (1 + ratio));
    }

    /**
     * Two runs whose figures are known exactly: with K = 2 = the first round no review can stop
     * early, so adaptive sampling is full-K sampling on the same draws; with a threshold far above
     * every uncertainty each review stops after the first round and none is relabelled.
     */
    @Test
    void runsWhoseEveryDecisionIsKnownGiveTheirFiguresExactly() throws Exception {
        SentimentModel model = TestModels.small(CellType.LSTM, 1);

        ObjectNode allK = run(model, 2, 0.5);
        assertEquals(2.0, allK.get("mean_samples").asDouble());
        assertEquals(1.0, allK.get("sample_share").asDouble());
        assertEquals(1.0, allK.get("routing_agreement").asDouble());
        assertEquals(0.0, allK.get("score_shift_rms").asDouble());
        assertEquals(1.0, allK.get("epistemic_std_ratio").asDouble());

        ObjectNode early = run(model, 10, 1e6);
        assertEquals(2.0, early.get("mean_samples").asDouble());
        assertEquals(0.2, early.get("sample_share").asDouble());
        assertEquals(0.0, early.get("full_k_relabel_share").asDouble());
        assertEquals(1.0, early.get("routing_agreement").asDouble());
        assertEquals(1.0, early.get("routing_agreement_other_masks").asDouble());
        assertEquals(1.0, early.get("full_k_self_agreement").asDouble());
        // 2 of 10 samples move the score; all 10 from other masks move it too.
        assertTrue(early.get("score_shift_rms").asDouble() > 0);
        assertTrue(early.get("full_k_score_mc_rms").asDouble() > 0);
    }
}
