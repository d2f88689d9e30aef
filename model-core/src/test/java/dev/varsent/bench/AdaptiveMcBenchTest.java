package dev.varsent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.model.AdaptiveSampling;
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

    @Test
    void theLineSaysWhatStoppingEarlyCostsTheServedPrediction() throws Exception {
        AdaptiveSampling sampling = new AdaptiveSampling(2, 0.2, UncertaintySignal.TOTAL, 0.5);
        ObjectNode line =
                new AdaptiveMcBench(
                                TestModels.small(CellType.LSTM, 1),
                                reviews(24),
                                10,
                                sampling,
                                8,
                                1,
                                1)
                        .run();

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
    }
}
