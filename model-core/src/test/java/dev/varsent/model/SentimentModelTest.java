package dev.varsent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.bundle.BundleContents;
import dev.varsent.bundle.BundleFile;
import dev.varsent.bundle.BundleFormatException;
import dev.varsent.bundle.Tensor;
import dev.varsent.nn.CellType;
import dev.varsent.predict.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentModelTest {
    private static final List<String> TEXTS =
            List.of(
                    "The plot was brilliant and the acting great!",
                    "A boring, awful movie.",
                    "not good",
                    "");

    @Test
    void mcSamplesDifferWhileTheDropoutApproximationIsDeterministic() {
        SentimentModel m = TestModels.small(CellType.LSTM, 1);
        try (McPredictor p = m.predictor(1, 1)) {
            List<Prediction> a = p.predict(TEXTS, 1), b = p.predict(TEXTS, 1);
            assertEquals(a.get(0).score(), b.get(0).score(), 0.0);
            assertEquals(0.0, a.get(0).std(), 0.0);
            List<Prediction> mc1 = p.predict(TEXTS, 20), mc2 = p.predict(TEXTS, 20);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertTrue(mc1.get(i).std() > 0, "MC samples of text " + i + " differ");
                assertNotEquals(
                        mc1.get(i).score(), mc2.get(i).score(), "fresh masks on every call");
                assertEquals(20, mc1.get(i).samples());
                assertEquals(Math.sqrt(0.01), mc1.get(i).aleatoricStd(), 1e-12);
            }
        }
    }

    @Test
    void aSingleTextScoresAsABatchOfOneRow() {
        SentimentModel m = TestModels.small(CellType.LSTM, 1);
        try (McPredictor p = m.predictor(1, 1)) {
            Prediction one = p.predict(List.of(TEXTS.get(0)), 1).get(0);
            assertEquals(p.predict(TEXTS, 1).get(0).score(), one.score(), 1e-6);
            assertEquals(1, p.predict(List.of(TEXTS.get(0)), 5).size());
        }
    }

    @Test
    void manyTextsAreScoredInBoundedBatchesWithTheSameResults() {
        SentimentModel m = TestModels.small(CellType.LSTM, 1);
        java.util.List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < McPredictor.MAX_BATCH_TEXTS + 44; i++) {
            many.add(TEXTS.get(i % TEXTS.size()) + " movie".repeat(i % 7));
        }
        try (McPredictor p = m.predictor(1, 1)) {
            List<Prediction> all = p.predict(many, 1);
            assertEquals(many.size(), all.size());
            int last = many.size() - 1;
            assertEquals(
                    p.predict(List.of(many.get(last)), 1).get(0).score(),
                    all.get(last).score(),
                    1e-6);
            assertEquals(many.size(), p.predict(many, 3).size());
        }
    }

    @Test
    void parallelScoringGivesTheSameApproximation() {
        SentimentModel m = TestModels.small(CellType.GRU, 1);
        try (McPredictor one = m.predictor(1, 1);
                McPredictor two = m.predictor(1, 2)) {
            List<Prediction> a = one.predict(TEXTS, 1), b = two.predict(TEXTS, 1);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertEquals(a.get(i).score(), b.get(i).score(), 1e-6);
            }
        }
    }

    @Test
    void classificationHeadReportsProbabilitiesEntropyBaldAndVariationRatio() {
        SentimentModel m = TestModels.small(CellType.LSTM, 2);
        try (McPredictor p = m.predictor(3, 1)) {
            for (Prediction q : p.predict(TEXTS, 30)) {
                assertTrue(q.isClassification());
                assertEquals(1.0, q.probabilities()[0] + q.probabilities()[1], 1e-9);
                assertEquals(q.probabilities()[1], q.score(), 1e-9);
                assertTrue(q.entropy() >= q.mutualInformation() && q.mutualInformation() >= 0);
                assertTrue(q.entropy() <= Math.log(2) + 1e-9);
                assertTrue(q.variationRatio() >= 0 && q.variationRatio() <= 0.5);
            }
        }
    }

    @Test
    void aSavedAndLoadedModelPredictsIdentically(@TempDir Path dir) throws Exception {
        for (CellType cell : CellType.values()) {
            SentimentModel m = TestModels.small(cell, 1);
            Path f = dir.resolve(cell + ".bundle");
            m.save(f);
            SentimentModel back = SentimentModel.load(f);
            assertEquals(m.net(), back.net());
            assertEquals(m.vocabulary(), back.vocabulary());
            assertEquals(m.provenance(), back.provenance());
            try (McPredictor a = m.predictor(9, 1);
                    McPredictor b = back.predictor(9, 1)) {
                List<Prediction> pa = a.predict(TEXTS, 10), pb = b.predict(TEXTS, 10);
                for (int i = 0; i < TEXTS.size(); i++) {
                    assertEquals(pa.get(i).score(), pb.get(i).score(), 0.0);
                    assertEquals(pa.get(i).std(), pb.get(i).std(), 0.0);
                }
            }
        }
    }

    @Test
    void corruptTruncatedAndIncompatibleBundlesAreRefused(@TempDir Path dir) throws Exception {
        SentimentModel m = TestModels.small(CellType.LSTM, 1);
        Path good = dir.resolve("good.bundle");
        m.save(good);
        byte[] bytes = Files.readAllBytes(good);

        Path corrupt = dir.resolve("corrupt.bundle");
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 200] ^= 0x10;
        Files.write(corrupt, flipped);
        assertTrue(
                assertThrows(BundleFormatException.class, () -> SentimentModel.load(corrupt))
                        .getMessage()
                        .contains("corrupt"));

        Path truncated = dir.resolve("truncated.bundle");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(
                assertThrows(BundleFormatException.class, () -> SentimentModel.load(truncated))
                        .getMessage()
                        .contains("truncated"));

        BundleContents c = ModelBundle.toContents(m);
        LinkedHashMap<String, Tensor> tensors = c.tensors();
        tensors.put("U", new Tensor(new long[] {16, 60}, new float[16 * 60]));
        Path incompatible = dir.resolve("incompatible.bundle");
        BundleFile.write(c.withTensors(tensors), incompatible);
        String msg =
                assertThrows(BundleFormatException.class, () -> SentimentModel.load(incompatible))
                        .getMessage();
        assertTrue(msg.contains("incompatible") && msg.contains("U"), msg);
    }
}
