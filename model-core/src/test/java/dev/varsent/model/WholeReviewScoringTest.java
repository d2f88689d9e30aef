package dev.varsent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.nn.CellType;
import dev.varsent.predict.Prediction;
import dev.varsent.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WholeReviewScoringTest {
    private static final SentimentModel MODEL =
            TestModels.small(CellType.LSTM, 1); // 49 tokens per segment

    private static List<int[]> segments(String text, int cap) {
        return ReviewSegments.of(
                        new Tokenizer(MODEL.tokenizer()).tokenize(text),
                        MODEL.vocabulary(),
                        MODEL.maxLength(),
                        cap)
                .segments();
    }

    private static double meanScore(List<Prediction> p) {
        return p.stream().mapToDouble(Prediction::score).average().orElseThrow();
    }

    @Test
    void aLongReviewIsScoredOnEverySegment() {
        String text = TestModels.review(200, 1);
        List<int[]> segs = segments(text, 100);
        assertEquals(5, segs.size());
        try (McPredictor p = MODEL.predictor(1, 1)) {
            Prediction whole = p.predict(List.of(text), 1).get(0);
            List<Prediction> each = p.predictEncoded(segs, 1);
            assertEquals(5, whole.segments());
            assertFalse(whole.truncated());
            assertEquals(meanScore(each), whole.score(), 1e-6);
            assertEquals(
                    whole.segmentStd(), whole.std(), 1e-6, "K = 1: only the segments disagree");

            Prediction mc = p.predict(List.of(text), 8).get(0);
            assertEquals(8, mc.samples());
            assertEquals(5, mc.segments());
            assertTrue(mc.std() > mc.segmentStd(), "MC spread adds to the segment disagreement");
            assertEquals(Math.sqrt(0.01), mc.aleatoricStd(), 1e-9);
        }
    }

    @Test
    void aReviewBeyondTheCapIsScoredOnItsFirstAndLastSegmentsAndSaysSo() {
        String text = TestModels.review(200, 2);
        List<int[]> all = segments(text, 100);
        try (McPredictor p = MODEL.predictor(1, 1, ScoringOptions.defaults().withMaxSegments(3))) {
            Prediction capped = p.predict(List.of(text), 1).get(0);
            assertTrue(capped.truncated());
            assertEquals(3, capped.segments());
            List<Prediction> kept =
                    p.predictEncoded(List.of(all.get(0), all.get(1), all.get(4)), 1);
            assertEquals(meanScore(kept), capped.score(), 1e-6);
        }
    }

    @Test
    void reviewsWhoseSegmentsExceedOneBatchScoreAsTheyDoAlone() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            texts.add(TestModels.review(20 + 37 * (i % 7), i)); // 1 to 6 segments each
        }
        int segments = texts.stream().mapToInt(t -> segments(t, 100).size()).sum();
        assertTrue(
                segments > McPredictor.MAX_BATCH_TEXTS,
                segments + " segments need more than one batch");
        try (McPredictor one = MODEL.predictor(1, 1);
                McPredictor two = MODEL.predictor(1, 2)) {
            List<Prediction> batched = one.predict(texts, 1), parallel = two.predict(texts, 1);
            for (int i = 0; i < texts.size(); i++) {
                Prediction alone = one.predict(List.of(texts.get(i)), 1).get(0);
                assertEquals(alone.score(), batched.get(i).score(), 1e-6, "review " + i);
                assertEquals(alone.segments(), batched.get(i).segments());
                assertEquals(
                        alone.score(),
                        parallel.get(i).score(),
                        1e-6,
                        "review " + i + " on two threads");
            }
            assertEquals(texts.size(), one.predict(texts, 3).size());
        }
    }

    @Test
    void tokenListsScoreAsTheirTexts() {
        List<String> texts = List.of(TestModels.review(120, 3), TestModels.review(10, 4), "");
        Tokenizer tokenizer = new Tokenizer(MODEL.tokenizer());
        try (McPredictor p = MODEL.predictor(1, 1)) {
            List<Prediction> fromText = p.predict(texts, 1);
            List<Prediction> fromTokens =
                    p.predictTokens(texts.stream().map(tokenizer::tokenize).toList(), 1);
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(fromText.get(i).score(), fromTokens.get(i).score(), 0.0);
                assertEquals(fromText.get(i).segments(), fromTokens.get(i).segments());
            }
        }
    }
}
