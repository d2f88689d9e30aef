package dev.varsent.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.baseline.BagOfWords;
import dev.varsent.baseline.RidgeRegression;
import dev.varsent.blend.BlendSection;
import dev.varsent.blend.BlendedPredictor;
import dev.varsent.blend.ErrorRidge;
import dev.varsent.blend.WideBlend;
import dev.varsent.bundle.BundleContents;
import dev.varsent.bundle.BundleFile;
import dev.varsent.bundle.BundleFormatException;
import dev.varsent.bundle.Provenance;
import dev.varsent.bundle.Tensor;
import dev.varsent.nn.CellType;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.uncertainty.ConformalCalibration;
import dev.varsent.uncertainty.ErrorScale;
import dev.varsent.uncertainty.NormalCdf;
import dev.varsent.uncertainty.OovNovelty;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model carrying a bag-of-words blend: how it is served, and its bundle section. */
class BlendedModelTest {
    private static final List<String> TEXTS =
            List.of("good movie", "bad", "", "the plot was brilliant and the acting great");

    /** The ridge's scores of TEXTS by hand: rows are binary and of unit norm. */
    private static final double[] RIDGE = {0.5 + (0.25 + 0.125) / Math.sqrt(2), 0.25, 0.5, 0.5};

    private static final ConformalCalibration CALIBRATION =
            new ConformalCalibration(
                    40,
                    List.of(
                            new ConformalCalibration.Level(0.5, 0.7),
                                    new ConformalCalibration.Level(
                                            ConformalCalibration.ONE_SD, 1.0),
                            new ConformalCalibration.Level(0.8, 1.3),
                                    new ConformalCalibration.Level(0.9, 1.6),
                            new ConformalCalibration.Level(0.95, 2.0),
                                    new ConformalCalibration.Level(0.99, 2.6)),
                    0.0,
                    "test split",
                    "0".repeat(64));

    /** Weights exactly representable in float32, so a bundle round trip keeps them. */
    static WideBlend blend() {
        Provenance p =
                new Provenance(
                        "test reviews",
                        "1".repeat(64),
                        3,
                        0,
                        "unknown",
                        Instant.parse("2026-02-01T00:00:00Z"),
                        "test blend",
                        Map.of("weight", 0.75),
                        Map.of("selection", "test half"));
        return new WideBlend(
                BagOfWords.of(List.of("good", "bad", "movie")),
                new RidgeRegression.Model(new double[] {0.25, -0.25, 0.125}, 0.5, 4),
                0.3,
                0.75,
                0.02,
                0.5,
                p);
    }

    private static SentimentModel blended() {
        return TestModels.small(CellType.LSTM, 1)
                .withCalibration(CALIBRATION, new OovNovelty(40, 0.02, 0.01))
                .withBlend(blend());
    }

    @Test
    void theServedPredictionIsTheHandComputedBlendOfTheNetworksMcPrediction() {
        SentimentModel m = blended();
        ScoringOptions options = ScoringOptions.defaults();
        for (int k : new int[] {1, 5}) {
            List<Prediction> deep, served;
            try (McPredictor alone = m.predictor(7, 1, options)) {
                deep = alone.predict(TEXTS, k);
            }
            Predictor p = m.servingPredictor(7, 1, options); // the same seed: the same masks
            assertInstanceOf(BlendedPredictor.class, p);
            served = p.predict(TEXTS, k);
            ((BlendedPredictor) p).close();
            for (int i = 0; i < TEXTS.size(); i++) {
                Prediction d = deep.get(i), b = served.get(i);
                double score = 0.75 * d.score() + 0.25 * RIDGE[i] + 0.02;
                double epistemic = 0.75 * d.std(), aleatoric = 0.5 * d.aleatoricStd();
                double total = Math.sqrt(epistemic * epistemic + aleatoric * aleatoric);
                assertEquals(score, b.score(), 1e-9, "score " + i + ", k " + k);
                assertEquals(epistemic, b.epistemicStd(), 1e-9);
                assertEquals(0.5 * Math.sqrt(0.01), b.aleatoricStd(), 1e-9);
                assertEquals(total, b.totalStd(), 1e-9);
                assertEquals(0.75 * d.segmentStd(), b.segmentStd(), 1e-9);
                assertEquals(d.novelty(), b.novelty());
                // calibrated on the blend: scale = total (noveltyStd 0), 90 % half-width 1.6 *
                // total
                assertEquals(total, b.calibratedStd(), 1e-9);
                assertEquals(Math.max(0, score - 1.6 * total), b.lower(), 1e-9);
                assertEquals(Math.min(1, score + 1.6 * total), b.upper(), 1e-9);
                assertEquals(0.9, b.intervalLevel());
                assertEquals(
                        NormalCdf.phi(-Math.abs(score - 0.6) / total),
                        b.wrongSideProbability(),
                        1e-9);
            }
        }
    }

    @Test
    void anUncalibratedBlendGivesTheWrongSideProbabilityOfItsTotalStdAndNoInterval() {
        SentimentModel m = TestModels.small(CellType.LSTM, 1).withBlend(blend());
        Prediction b =
                m.servingPredictor(1, 1, ScoringOptions.defaults())
                        .predict(List.of("bad"), 1)
                        .get(0);
        double total = 0.5 * Math.sqrt(0.01);
        assertEquals(total, b.totalStd(), 1e-12);
        assertEquals(
                NormalCdf.phi(-Math.abs(b.score() - 0.6) / total), b.wrongSideProbability(), 1e-9);
        assertTrue(Double.isNaN(b.lower()));
        assertTrue(Double.isNaN(b.calibratedStd()));
    }

    @Test
    void withoutABlendTheServedPredictorIsTheNetworksOwn() {
        SentimentModel m = TestModels.small(CellType.LSTM, 1);
        try (McPredictor deep = m.predictor(1, 1)) {
            assertSame(deep, m.serving(deep, ScoringOptions.defaults()));
        }
        assertInstanceOf(McPredictor.class, m.servingPredictor(1, 1, ScoringOptions.defaults()));
    }

    @Test
    void aBlendNeedsARegressionHead() {
        assertMessage(
                IllegalArgumentException.class,
                () -> TestModels.small(CellType.LSTM, 2).withBlend(blend()),
                "regression head");
    }

    @Test
    void theBlendSectionRoundTripsWithItsProvenance(@TempDir Path dir) throws Exception {
        SentimentModel m = blended();
        Path file = dir.resolve("blended.bundle");
        m.save(file);
        SentimentModel back = SentimentModel.load(file);
        WideBlend b = back.blend();
        assertNotNull(b);
        assertEquals(List.of("good", "bad", "movie"), b.words().words());
        assertArrayEquals(new double[] {0.25, -0.25, 0.125}, b.ridge().weights());
        assertEquals(0.5, b.ridge().intercept());
        assertEquals(
                List.of(0.3, 0.75, 0.02, 0.5),
                List.of(b.lambda(), b.weight(), b.bias(), b.aleatoricScale()));
        assertEquals(blend().provenance(), b.provenance());
        assertEquals(CALIBRATION, back.calibration());
        List<Prediction> before =
                m.servingPredictor(1, 1, ScoringOptions.defaults()).predict(TEXTS, 1);
        List<Prediction> after =
                back.servingPredictor(1, 1, ScoringOptions.defaults()).predict(TEXTS, 1);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(before.get(i).score(), after.get(i).score(), 1e-6);
        }
        BundleContents c = BundleFile.read(file);
        assertTrue(c.tensors().containsKey(BlendSection.WEIGHTS_TENSOR));
        assertTrue(c.hyperParameters().has(BlendSection.FIELD));
    }

    @Test
    void aBlendWithBigramsIsWrittenAsItsOwnKindAndRoundTrips(@TempDir Path dir) throws Exception {
        WideBlend plain = blend();
        WideBlend bigrams =
                new WideBlend(
                        BagOfWords.of(List.of("good", "bad", "movie", "good movie")),
                        new RidgeRegression.Model(
                                new double[] {0.25, -0.25, 0.125, 0.0625}, 0.5, 4),
                        plain.lambda(),
                        plain.weight(),
                        plain.bias(),
                        plain.aleatoricScale(),
                        plain.provenance());
        SentimentModel m = blended().withBlend(bigrams);
        Path file = dir.resolve("bigrams.bundle");
        m.save(file);
        BundleContents c = BundleFile.read(file);
        assertEquals(
                BlendSection.NGRAM_KIND,
                c.hyperParameters().get(BlendSection.FIELD).get("kind").asText());
        WideBlend back = SentimentModel.load(file).blend();
        assertEquals(bigrams.words().words(), back.words().words());
        List<List<String>> tokens = List.of(List.of("good", "movie"), List.of("movie", "good"));
        assertArrayEquals(
                new double[] {
                    0.5 + (0.25 + 0.125 + 0.0625) / Math.sqrt(3),
                    0.5 + (0.25 + 0.125) / Math.sqrt(2)
                },
                back.ridgeScores(tokens),
                1e-9);

        ObjectNode asWords = c.hyperParameters();
        ((ObjectNode) asWords.get(BlendSection.FIELD)).put("kind", BlendSection.KIND);
        Path mislabelled = dir.resolve("mislabelled.bundle");
        BundleFile.write(c.withHyperParameters(asWords), mislabelled);
        assertMessage(
                BundleFormatException.class,
                () -> SentimentModel.load(mislabelled),
                "holding bigrams");
    }

    @Test
    void theErrorRidgesWordErrorEntersTheServedScaleAndRoundTrips(@TempDir Path dir)
            throws Exception {
        ErrorScale scale = new ErrorScale(40, 0.05, -0.02, 0, 0.5, 0.01);
        ConformalCalibration calibration =
                new ConformalCalibration(
                        40,
                        CALIBRATION.table(),
                        0,
                        "test split",
                        "0".repeat(64),
                        List.of(),
                        scale,
                        ConformalCalibration.NOVELTY_FENCE);
        ErrorRidge errorRidge =
                new ErrorRidge(new RidgeRegression.Model(new double[] {0.5, 0.25, 0}, 0.125, 3), 3);
        SentimentModel m =
                TestModels.small(CellType.LSTM, 1)
                        .withCalibration(calibration, new OovNovelty(40, 0.02, 0.01))
                        .withBlend(blend().withErrorRidge(errorRidge));
        // word errors of TEXTS by hand: binary rows of unit norm
        double[] words = {0.125 + 0.5 / Math.sqrt(2), 0.125 + 0.25, 0.125, 0.125};
        List<Prediction> served =
                m.servingPredictor(1, 1, ScoringOptions.defaults()).predict(TEXTS, 1);
        for (int i = 0; i < TEXTS.size(); i++) {
            Prediction b = served.get(i);
            double base = Math.max(0.01, 0.05 - 0.02 * b.score() + 0.5 * words[i]);
            assertEquals(
                    calibration.scale(base, b.novelty()), b.calibratedStd(), 1e-9, "text " + i);
            assertEquals(
                    NormalCdf.phi(-Math.abs(b.score() - 0.6) / base),
                    b.wrongSideProbability(),
                    1e-9);
        }

        Path file = dir.resolve("error-ridge.bundle");
        m.save(file);
        BundleContents c = BundleFile.read(file);
        assertTrue(c.tensors().containsKey(BlendSection.ERROR_WEIGHTS_TENSOR));
        SentimentModel back = SentimentModel.load(file);
        assertEquals(errorRidge.lambda(), back.blend().errorRidge().lambda());
        assertArrayEquals(
                errorRidge.model().weights(), back.blend().errorRidge().model().weights());
        assertEquals(0.125, back.blend().errorRidge().model().intercept());
        assertEquals(scale, back.calibration().errorScale());
        List<Prediction> after =
                back.servingPredictor(1, 1, ScoringOptions.defaults()).predict(TEXTS, 1);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(served.get(i).calibratedStd(), after.get(i).calibratedStd(), 1e-9);
        }

        // a blend without an error ridge (every blend before it) serves the scale without the
        // term
        SentimentModel without =
                TestModels.small(CellType.LSTM, 1)
                        .withCalibration(calibration, new OovNovelty(40, 0.02, 0.01))
                        .withBlend(blend());
        Prediction b =
                without.servingPredictor(1, 1, ScoringOptions.defaults())
                        .predict(TEXTS.subList(0, 1), 1)
                        .get(0);
        assertEquals(
                calibration.scale(Math.max(0.01, 0.05 - 0.02 * b.score()), b.novelty()),
                b.calibratedStd(),
                1e-9);
    }

    @Test
    void anErrorRidgeTensorWithoutItsBlockIsRefused(@TempDir Path dir) throws Exception {
        BundleContents c =
                ModelBundle.toContents(
                        blended()
                                .withBlend(
                                        blend().withErrorRidge(
                                                        new ErrorRidge(
                                                                new RidgeRegression.Model(
                                                                        new double[] {0, 0, 0},
                                                                        0.1,
                                                                        1),
                                                                3))));
        ObjectNode noBlock = c.hyperParameters();
        ((ObjectNode) noBlock.get(BlendSection.FIELD)).remove("errorRidge");
        Path orphan = dir.resolve("orphan-error-weights.bundle");
        BundleFile.write(c.withHyperParameters(noBlock), orphan);
        assertMessage(
                BundleFormatException.class,
                () -> SentimentModel.load(orphan),
                BlendSection.ERROR_WEIGHTS_TENSOR);
    }

    @Test
    void aModelWithoutTheSectionWritesAndReadsNone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plain.bundle");
        TestModels.small(CellType.LSTM, 1).save(file);
        BundleContents c = BundleFile.read(file);
        assertFalse(c.hyperParameters().has(BlendSection.FIELD));
        assertTrue(c.tensors().keySet().stream().noneMatch(BlendSection::isSectionTensor));
        assertNull(SentimentModel.load(file).blend());
    }

    @Test
    void aBundleWrittenBeforeTheSectionExistedLoadsAndScoresAsBefore(@TempDir Path dir)
            throws Exception {
        // written by the code of commit ea9c67b: TestModels.small(LSTM, 1) with this calibration
        // and novelty model
        ConformalCalibration calibration =
                new ConformalCalibration(
                        40, CALIBRATION.table(), 0.1, "test split", "0".repeat(64));
        Path file = dir.resolve("old.bundle");
        try (InputStream in =
                getClass().getResourceAsStream("/dev/varsent/blend/pre-blend-ea9c67b.bundle")) {
            Files.copy(in, file);
        }
        SentimentModel old = SentimentModel.load(file);
        assertNull(old.blend());
        assertEquals(calibration, old.calibration());
        assertEquals(new OovNovelty(40, 0.02, 0.01), old.novelty());
        SentimentModel same =
                TestModels.small(CellType.LSTM, 1)
                        .withCalibration(calibration, new OovNovelty(40, 0.02, 0.01));
        try (McPredictor a = old.predictor(1, 1);
                McPredictor b = same.predictor(1, 1)) {
            assertInstanceOf(
                    McPredictor.class, old.servingPredictor(1, 1, ScoringOptions.defaults()));
            List<Prediction> pa = a.predict(TEXTS, 1), pb = b.predict(TEXTS, 1);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertEquals(pb.get(i).score(), pa.get(i).score());
                assertEquals(pb.get(i).upper(), pa.get(i).upper());
            }
        }
    }

    @Test
    void anIncompleteSectionIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        BundleContents c = ModelBundle.toContents(blended());
        LinkedHashMap<String, Tensor> noWeights = c.tensors();
        noWeights.remove(BlendSection.WEIGHTS_TENSOR);
        Path file = dir.resolve("no-weights.bundle");
        BundleFile.write(c.withTensors(noWeights), file);
        assertMessage(
                BundleFormatException.class,
                () -> SentimentModel.load(file),
                BlendSection.WEIGHTS_TENSOR);

        ObjectNode noBlock = c.hyperParameters();
        noBlock.remove(BlendSection.FIELD);
        Path orphan = dir.resolve("orphan-weights.bundle");
        BundleFile.write(c.withHyperParameters(noBlock), orphan);
        assertMessage(
                BundleFormatException.class,
                () -> SentimentModel.load(orphan),
                "without a blend block");

        ObjectNode badWeight = c.hyperParameters();
        ((ObjectNode) badWeight.get(BlendSection.FIELD)).put("weight", 1.5);
        Path bad = dir.resolve("bad-weight.bundle");
        BundleFile.write(c.withHyperParameters(badWeight), bad);
        assertMessage(BundleFormatException.class, () -> SentimentModel.load(bad), "blend weight");
    }

    private static void assertMessage(
            Class<? extends Throwable> type,
            org.junit.jupiter.api.function.Executable call,
            String part) {
        String message = assertThrows(type, call).getMessage();
        assertTrue(message.contains(part), () -> "'" + message + "' does not say '" + part + "'");
    }
}
