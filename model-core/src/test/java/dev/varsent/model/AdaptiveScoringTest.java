package dev.varsent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.nn.Batch;
import dev.varsent.nn.CellType;
import dev.varsent.nn.Masks;
import dev.varsent.nn.SentimentNetwork;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.RoutingCut;
import dev.varsent.predict.ServedView;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adaptive MC sampling through the predictor: whole reviews, rounds of batches, the full-K path
 * untouched.
 */
class AdaptiveScoringTest {
    private static final SentimentModel MODEL =
            TestModels.small(CellType.LSTM, 1); // 49 tokens per segment
    private static final int K = 10;

    private static List<String> reviews(int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add(TestModels.review(10 + 31 * (i % 6), i)); // 1 to 4 segments
        }
        return texts;
    }

    private static ScoringOptions adaptive(int min, double threshold) {
        return ScoringOptions.defaults()
                .withAdaptive(new AdaptiveSampling(min, 0.05, UncertaintySignal.TOTAL, threshold));
    }

    @Test
    void adaptiveWithTheMinimumAtKIsExactlyFullK() {
        List<String> texts = reviews(40);
        // until the JIT has compiled the gate kernels, the same masks can give outputs a few ulps
        // apart
        try (McPredictor warm = MODEL.predictor(7, 1)) {
            for (int i = 0; i < 8; i++) {
                warm.predict(texts, K);
            }
        }
        for (int threads : new int[] {1, 2}) {
            try (McPredictor full = MODEL.predictor(7, threads);
                    McPredictor oneRound = MODEL.predictor(7, threads, adaptive(K, 0.2))) {
                assertEquals(
                        full.predict(texts, K), oneRound.predict(texts, K), threads + " threads");
                assertEquals(
                        full.predict(texts, 3),
                        oneRound.predict(texts, 3),
                        "K below the minimum: one round");
            }
        }
    }

    @Test
    void clearReviewsStopAfterTheFirstRoundAndTheSampleCountIsCarried() {
        List<String> texts = reviews(30);
        // the noise std alone (0.1) is far above 0.01 and the totals far below 5: every decision is
        // clear
        for (double threshold : new double[] {0.01, 5.0}) {
            try (McPredictor p = MODEL.predictor(3, 2, adaptive(4, threshold))) {
                for (Prediction q : p.predict(texts, K)) {
                    assertEquals(4, q.samples(), "threshold " + threshold);
                }
            }
        }
    }

    @Test
    void aReviewAtTheThresholdGetsAllKAndThePairedRunShowsTheSameSamplesContinued() {
        List<String> texts = reviews(30);
        double threshold;
        try (McPredictor full = MODEL.predictor(3, 1)) {
            threshold = full.predict(List.of(texts.get(4)), K).get(0).totalStd();
        }
        try (McPredictor p = MODEL.predictor(3, 1, adaptive(4, threshold))) {
            List<PairedPrediction> paired = p.predictPaired(texts, K);
            int stopped = 0;
            for (PairedPrediction pp : paired) {
                assertEquals(K, pp.fullK().samples());
                assertEquals(pp.fullK().segments(), pp.adaptive().segments());
                if (pp.adaptive().samples() < K) {
                    stopped++;
                    boolean relabel = pp.adaptive().totalStd() > threshold;
                    assertEquals(
                            relabel,
                            pp.fullK().totalStd() > threshold,
                            "a stopped review is routed as with K");
                } else {
                    assertEquals(pp.fullK(), pp.adaptive());
                }
            }
            assertTrue(stopped > 0, "some reviews are clear of the threshold");
        }
    }

    @Test
    void everyRoundRunsAllSegmentsOfEachUnsettledReviewTogether() {
        List<ReviewSegments> reviews = new ArrayList<>();
        Tokenizer tokenizer = new Tokenizer(MODEL.tokenizer());
        for (String text : reviews(24)) {
            reviews.add(
                    ReviewSegments.of(
                            tokenizer.tokenize(text), MODEL.vocabulary(), MODEL.maxLength(), 11));
        }
        SentimentNetwork network = SentimentNetwork.withBestKernels(MODEL.net(), DataType.FLOAT);
        List<List<int[]>> batches = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        AdaptiveRounds.Sampler recording =
                (seqs, k, r) -> {
                    batches.add(seqs);
                    sizes.add(k);
                    Batch b = Batch.of(seqs, k);
                    INDArray out =
                            network.output(
                                    MODEL.params(),
                                    b,
                                    Masks.sample(MODEL.net(), b, r, DataType.FLOAT));
                    return out.data().asFloat();
                };
        double threshold;
        try (McPredictor full = MODEL.predictor(3, 1)) {
            threshold =
                    full.predict(reviews(24), K)
                            .get(2)
                            .totalStd(); // some reviews settle, some go on
        }
        Calibrator calibrator = new Calibrator(MODEL, ScoringOptions.defaults());
        List<PairedPrediction> out =
                new AdaptiveRounds(
                                MODEL,
                                new AdaptiveSampling(4, 0.05, UncertaintySignal.TOTAL, threshold),
                                calibrator,
                                K)
                        .score(
                                reviews,
                                recording,
                                new SplittableRandom(1),
                                false,
                                RoutingCut.fixed(threshold),
                                ServedView.NETWORK,
                                0);
        assertEquals(List.of(4, 6).subList(0, sizes.size()), sizes);
        assertTrue(sizes.size() > 1, "some review went on after the first round");
        for (int round = 0; round < batches.size(); round++) {
            int done = sizes.subList(0, round).stream().mapToInt(Integer::intValue).sum();
            List<int[]> expected = new ArrayList<>();
            for (int i = 0; i < reviews.size(); i++) {
                if (out.get(i).adaptive().samples() > done) {
                    expected.addAll(reviews.get(i).segments());
                }
            }
            assertEquals(
                    expected,
                    batches.get(round),
                    "round " + round + ": the unsettled reviews, every segment");
        }
        for (int i = 0; i < reviews.size(); i++) {
            assertEquals(reviews.get(i).segments().size(), out.get(i).adaptive().segments());
        }
    }
}
