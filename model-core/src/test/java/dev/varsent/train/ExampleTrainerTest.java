package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.bundle.Provenance;
import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Params;
import dev.varsent.predict.Prediction;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training on labelled texts: a few hundred scale-data reviews cut to their first 30 words, a tiny
 * network.
 */
class ExampleTrainerTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static List<LabelledText> texts;
    private static SentimentModel scratch;

    static TrainingOptions tiny(int epochs, double learningRate, int embedding, int hidden) {
        return new TrainingOptions(
                Path.of("unused"),
                Path.of("unused"),
                "examples",
                5,
                epochs,
                32,
                learningRate,
                5.0,
                1500,
                40,
                embedding,
                hidden,
                CellType.LSTM,
                DropoutMode.VARIATIONAL_UNTIED,
                0.1,
                1e-5,
                4,
                1,
                1,
                0);
    }

    /**
     * The first {@code n} reviews of the scale data, each cut to its first 30 words (at most 40
     * tokens).
     */
    static List<LabelledText> shortReviews(int n) {
        List<LabelledText> out = new ArrayList<>();
        for (Review r : ScaleData.load(ScaleData.defaultDir()).subList(0, n)) {
            String[] words = r.text().split("\\s+");
            out.add(
                    new LabelledText(
                            r.id(),
                            String.join(" ", List.of(words).subList(0, Math.min(30, words.length))),
                            r.rating()));
        }
        return out;
    }

    @BeforeAll
    static void trainOnce() {
        texts = shortReviews(300);
        scratch =
                new ExampleTrainer(tiny(6, 1e-2, 12, 12), QUIET)
                        .trainFromScratch(
                                "first 300 scale reviews, 30 words",
                                texts,
                                "scratch-1",
                                Map.of("round", "0"));
    }

    @Test
    void scratchTrainingFitsBetterThanTheMean() {
        double mean = 0;
        for (LabelledText t : texts) {
            mean += t.rating() / texts.size();
        }
        double sq = 0;
        for (LabelledText t : texts) {
            sq += (t.rating() - mean) * (t.rating() - mean) / texts.size();
        }
        double rmse = ExampleTrainer.rmse(scratch, texts, 1, 1, 1);
        assertTrue(
                rmse < 0.9 * Math.sqrt(sq),
                "train RMSE " + rmse + " vs predicting the mean " + Math.sqrt(sq));
        assertEquals(41, scratch.maxLength(), "START + 40-token segments");
        assertTrue(scratch.vocabulary().contains("film") || scratch.vocabulary().contains("movie"));
    }

    @Test
    void recordsProvenanceAndNoise() {
        Provenance p = scratch.provenance();
        assertEquals("first 300 scale reviews, 30 words", p.dataPath());
        assertEquals(ExampleTrainer.sha256(texts), p.dataSha256());
        assertEquals(64, p.dataSha256().length());
        assertEquals(5, p.seed());
        assertEquals(6, p.epochs());
        assertTrue(
                p.gitCommit().equals(Provenance.UNKNOWN_COMMIT)
                        || p.gitCommit().matches("[0-9a-f]{40}"));
        assertTrue(p.metrics().get(ExampleTrainer.METRIC_TRAIN_RMSE_APPROX) > 0);
        assertTrue(p.metrics().get(ExampleTrainer.METRIC_TRAIN_RMSE_MC) > 0);
        assertTrue(Double.isFinite(p.metrics().get(ExampleTrainer.METRIC_TRAIN_LOSS)));
        assertEquals("0", p.notes().get("round"));
        assertEquals("false", p.notes().get(ExampleTrainer.NOTE_WARM_START));
        assertFalse(p.notes().containsKey(ExampleTrainer.NOTE_WARM_START_FROM));
        assertEquals("300", p.notes().get(ExampleTrainer.NOTE_TRAIN_EXAMPLES));
        assertEquals(
                "300", p.notes().get(ExampleTrainer.NOTE_TRAIN_SEGMENTS), "one segment per text");
        assertEquals("scratch-1", scratch.version());
        assertTrue(scratch.noiseVariance() >= 0);
        try (McPredictor predictor = scratch.predictor(1, 1)) {
            Prediction one = predictor.predict(List.of(texts.get(0).text()), 4).get(0);
            assertEquals(Math.sqrt(scratch.noiseVariance()), one.aleatoricStd(), 1e-12);
        }
    }

    @Test
    void sameSeedGivesTheSameModelWhateverTheInputOrder() {
        List<LabelledText> some = new ArrayList<>(texts.subList(0, 120));
        SentimentModel a =
                new ExampleTrainer(tiny(2, 1e-2, 8, 8), QUIET)
                        .trainFromScratch("d", some, "a", Map.of());
        Collections.shuffle(some, new Random(9));
        SentimentModel b =
                new ExampleTrainer(tiny(2, 1e-2, 8, 8), QUIET)
                        .trainFromScratch("d", some, "b", Map.of());
        // The kernels' float sums may round differently once the JIT has compiled them, hence a
        // tolerance.
        assertParamsEqual(a.params(), b.params(), 1e-5);
        assertEquals(a.provenance().dataSha256(), b.provenance().dataSha256());
        assertEquals(a.noiseVariance(), b.noiseVariance(), 1e-6);
        List<LabelledText> other = new ArrayList<>(some.subList(1, some.size()));
        assertNotEquals(a.provenance().dataSha256(), ExampleTrainer.sha256(other));
    }

    @Test
    void warmStartKeepsTheStartModelsFrameAndStartsFromItsWeights() {
        Params before = scratch.params().dup();
        // Options with another architecture: ignored. A learning rate of 1e-9 leaves the weights
        // where they were.
        ExampleTrainer trainer = new ExampleTrainer(tiny(1, 1e-9, 20, 20), QUIET);
        List<LabelledText> fresh = shortReviews(360).subList(300, 360);
        SentimentModel warm =
                trainer.continueTraining(scratch, "60 more", fresh, "warm-1", Map.of());
        assertEquals(scratch.net(), warm.net());
        assertEquals(scratch.vocabulary(), warm.vocabulary());
        assertEquals(scratch.tokenizer(), warm.tokenizer());
        assertEquals(scratch.maxLength(), warm.maxLength());
        assertEquals(scratch.targetMean(), warm.targetMean());
        assertEquals(scratch.targetStd(), warm.targetStd());
        assertNotSame(scratch.params(), warm.params());
        assertParamsEqual(before, scratch.params(), 0);
        assertParamsEqual(scratch.params(), warm.params(), 1e-6);
        assertEquals(
                ExampleTrainer.rmse(scratch, fresh, 1, 1, 1),
                ExampleTrainer.rmse(warm, fresh, 1, 1, 1),
                1e-5);
        assertEquals("true", warm.provenance().notes().get(ExampleTrainer.NOTE_WARM_START));
        assertEquals(
                "scratch-1", warm.provenance().notes().get(ExampleTrainer.NOTE_WARM_START_FROM));
        assertEquals("60 more", warm.provenance().dataPath());

        SentimentModel trained =
                new ExampleTrainer(tiny(2, 1e-2, 20, 20), QUIET)
                        .continueTraining(scratch, "60 more", fresh, "warm-2", Map.of());
        assertParamsEqual(before, scratch.params(), 0);
        assertTrue(
                ExampleTrainer.rmse(trained, fresh, 1, 1, 1)
                        < ExampleTrainer.rmse(scratch, fresh, 1, 1, 1),
                "two epochs on the new texts fit them better than the start model");
    }

    @Test
    void rmseWithOneSampleIsTheDeterministicPredictionsError() {
        List<LabelledText> holdout = shortReviews(360).subList(300, 360);
        List<String> raw = new ArrayList<>();
        for (LabelledText t : holdout) {
            raw.add(t.text());
        }
        double sq = 0;
        try (McPredictor predictor = scratch.predictor(77, 1)) {
            List<Prediction> p = predictor.predict(raw, 1);
            for (int i = 0; i < p.size(); i++) {
                sq += Math.pow(p.get(i).score() - holdout.get(i).rating(), 2);
            }
        }
        assertEquals(
                Math.sqrt(sq / holdout.size()),
                ExampleTrainer.rmse(scratch, holdout, 1, 3, 2),
                1e-6);
        assertThrows(
                IllegalArgumentException.class,
                () -> ExampleTrainer.rmse(scratch, List.of(), 1, 1, 1));
    }

    @Test
    void keepsTextsTooShortForAPaperSegment() {
        List<LabelledText> shortOnes =
                List.of(
                        new LabelledText("a", "great fun", 0.9),
                        new LabelledText("b", "dull", 0.1),
                        new LabelledText("c", "fine film", 0.6));
        SentimentModel m =
                new ExampleTrainer(tiny(1, 1e-2, 8, 8), QUIET)
                        .trainFromScratch("3", shortOnes, "s", Map.of());
        assertEquals("3", m.provenance().notes().get(ExampleTrainer.NOTE_TRAIN_SEGMENTS));
        assertTrue(m.vocabulary().contains("dull"));
    }

    @Test
    void refusesBadExamples() {
        assertThrows(IllegalArgumentException.class, () -> new LabelledText(" ", "text", 0.5));
        assertThrows(IllegalArgumentException.class, () -> new LabelledText(null, "text", 0.5));
        assertThrows(IllegalArgumentException.class, () -> new LabelledText("id", "  ", 0.5));
        assertThrows(IllegalArgumentException.class, () -> new LabelledText("id", null, 0.5));
        assertThrows(
                IllegalArgumentException.class, () -> new LabelledText("id", "text", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new LabelledText("id", "text", 1.01));
        assertThrows(IllegalArgumentException.class, () -> new LabelledText("id", "text", -0.01));
        assertEquals(1.0, new LabelledText("id", "text", 1.0).rating());
        ExampleTrainer trainer = new ExampleTrainer(tiny(1, 1e-2, 8, 8), QUIET);
        IllegalArgumentException twice =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                trainer.trainFromScratch(
                                        "d",
                                        List.of(
                                                new LabelledText("x", "good", 1),
                                                new LabelledText("x", "bad", 0)),
                                        "v",
                                        Map.of()));
        assertTrue(twice.getMessage().contains("x"), twice.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> trainer.trainFromScratch("d", List.of(), "v", Map.of()));
    }

    private static void assertParamsEqual(Params a, Params b, double tolerance) {
        assertEquals(a.asMap().keySet(), b.asMap().keySet());
        for (Map.Entry<String, INDArray> e : a.asMap().entrySet()) {
            float[] x = e.getValue().dup('c').data().asFloat();
            float[] y = b.get(e.getKey()).dup('c').data().asFloat();
            if (tolerance == 0) {
                assertArrayEquals(x, y, e.getKey());
            } else {
                assertArrayEquals(x, y, (float) tolerance, e.getKey());
            }
        }
    }
}
