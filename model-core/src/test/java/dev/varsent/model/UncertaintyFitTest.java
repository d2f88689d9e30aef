package dev.varsent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bundle.BundleContents;
import dev.varsent.bundle.BundleFile;
import dev.varsent.bundle.Provenance;
import dev.varsent.nn.CellType;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.uncertainty.ConformalCalibration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncertaintyFitTest {
    private static final String OFF_DOMAIN =
            "the zebra quux plonked a frobnicated wibble onto the snark";

    private static List<String> texts(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add(TestModels.review(8 + i % 60, i) + (i % 4 == 0 ? " zebra" : ""));
        }
        return t;
    }

    private static double[] ratings(int n) {
        SplittableRandom r = new SplittableRandom(5);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble();
        }
        return y;
    }

    private static SentimentModel calibrated() {
        return UncertaintyFit.fit(TestModels.small(CellType.LSTM, 1), texts(80), ratings(80), 5, 3);
    }

    @Test
    void aFittedModelGivesCalibratedIntervalsNoveltyAndTheWrongSideProbability() {
        SentimentModel m = calibrated();
        assertTrue(m.calibrated());
        ConformalCalibration c = m.calibration();
        assertEquals(80, c.n());
        assertEquals(Provenance.sha256Lines(texts(80)), c.idsSha256());
        assertEquals(ConformalCalibration.DEFAULT_LEVELS, c.levels());
        assertEquals(80, m.novelty().n());
        try (McPredictor p = m.predictor(1, 1)) {
            for (Prediction q :
                    p.predict(
                            List.of("a great movie", "the plot was boring and the acting awful"),
                            5)) {
                assertEquals(0.9, q.intervalLevel(), 0.0);
                assertTrue(
                        q.lower() >= 0
                                && q.lower() <= q.score()
                                && q.score() <= q.upper()
                                && q.upper() <= 1,
                        q.toString());
                double scale =
                        c.scale(
                                c.baseScale(q.score(), q.totalStd(), q.aleatoricStd(), Double.NaN),
                                q.novelty());
                assertEquals(
                        c.halfWidth(ConformalCalibration.ONE_SD, scale),
                        q.calibratedStd(),
                        1e-12,
                        "the routing signal: one factor for every band");
                assertEquals(q.calibratedStd(), q.uncertainty(UncertaintySignal.TOTAL), 0.0);
                assertTrue(q.wrongSideProbability() > 0 && q.wrongSideProbability() <= 0.5);
                assertEquals(0, q.novelty(), 0.0, "in-vocabulary text is not novel");
            }
        }
        try (McPredictor p = m.predictor(1, 1, ScoringOptions.defaults().withIntervalLevel(0.5))) {
            assertEquals(0.5, p.predict(List.of("a great movie"), 5).get(0).intervalLevel(), 0.0);
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> m.predictor(1, 1, ScoringOptions.defaults().withIntervalLevel(0.85)));
        assertTrue(e.getMessage().contains("not calibrated"), e.getMessage());
    }

    @Test
    void textTheVocabularyDoesNotKnowIsNovelAndRoutesAsMoreUncertain() {
        SentimentModel m = calibrated();
        try (McPredictor p = m.predictor(1, 1)) {
            List<Prediction> q =
                    p.predict(List.of("the movie was good and the acting great", OFF_DOMAIN), 10);
            assertEquals(0, q.get(0).novelty(), 0.0);
            assertTrue(q.get(1).novelty() > 5, "7 of 11 tokens unknown: " + q.get(1).novelty());
            double inDomain = q.get(0).uncertainty(UncertaintySignal.TOTAL);
            assertTrue(q.get(1).uncertainty(UncertaintySignal.TOTAL) > 3 * inDomain);
            assertTrue(q.get(1).upper() - q.get(1).lower() >= q.get(0).upper() - q.get(0).lower());
        }
    }

    @Test
    void theWrongSideProbabilityComesFromTheMarginInCalibratedStds() {
        SentimentModel m = calibrated();
        List<String> texts = new ArrayList<>(texts(40));
        texts.add(OFF_DOMAIN);
        ConformalCalibration c = m.calibration();
        try (McPredictor p = m.predictor(1, 1, ScoringOptions.defaults().withThreshold(0.55))) {
            for (Prediction q : p.predict(texts, 5)) {
                double sd =
                        c.decisionFactor()
                                * c.quantile(ConformalCalibration.ONE_SD, q.segments())
                                * c.baseScale(
                                        q.score(), q.totalStd(), q.aleatoricStd(), Double.NaN);
                double expected =
                        dev.varsent.uncertainty.NormalCdf.phi(-Math.abs(q.score() - 0.55) / sd);
                assertEquals(
                        expected,
                        q.wrongSideProbability(),
                        1e-12,
                        "the novelty does not enter: " + q.novelty());
            }
        }
    }

    @Test
    void calibrationAndNoveltySurviveTheBundle(@TempDir Path dir) throws Exception {
        SentimentModel m = calibrated();
        Path f = dir.resolve("calibrated.bundle");
        m.save(f);
        SentimentModel back = SentimentModel.load(f);
        assertEquals(m.calibration(), back.calibration());
        assertEquals(m.novelty(), back.novelty());
        try (McPredictor a = m.predictor(4, 1);
                McPredictor b = back.predictor(4, 1)) {
            List<String> t = List.of("a great movie", OFF_DOMAIN);
            List<Prediction> pa = a.predict(t, 6), pb = b.predict(t, 6);
            for (int i = 0; i < t.size(); i++) {
                assertEquals(pa.get(i).lower(), pb.get(i).lower(), 0.0);
                assertEquals(pa.get(i).upper(), pb.get(i).upper(), 0.0);
                assertEquals(pa.get(i).novelty(), pb.get(i).novelty(), 0.0);
                assertEquals(
                        pa.get(i).wrongSideProbability(), pb.get(i).wrongSideProbability(), 0.0);
            }
        }
    }

    /**
     * Pieces {@code r#0, r#1, ...} of one review are joined and scored whole, and each segment of a
     * review of several is also scored alone, so the intervals hold on both; the fit is banded by
     * segment count.
     */
    @Test
    void theSegmentsOfAReviewAreCalibratedAsTheWholeReviewAndAsSegmentsAlone() {
        SentimentModel model = TestModels.small(CellType.LSTM, 1);
        SplittableRandom r = new SplittableRandom(8);
        List<String> ids = new ArrayList<>(), texts = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int review = 0; review < 400; review++) {
            int pieces = 1 + review % 3;
            double rating = r.nextDouble();
            for (int s = 0; s < pieces; s++) {
                ids.add("review-" + review + "#" + s);
                texts.add(TestModels.review(45, review * 3 + s));
                y.add(rating);
            }
        }
        double[] ratings = y.stream().mapToDouble(Double::doubleValue).toArray();
        List<ConformityExamples.Example> examples = new ArrayList<>();
        SentimentModel m =
                UncertaintyFit.fit(
                        model, ids, texts, ratings, "synthetic", 3, 1, 1, examples::addAll);
        ConformalCalibration c = m.calibration();
        assertEquals(ids.size(), c.n(), "n counts the calibration examples given");
        assertEquals(
                400, examples.stream().filter(ConformityExamples.Example::wholeReview).count());
        long alone = examples.stream().filter(e -> !e.wholeReview()).count();
        assertTrue(
                alone >= ids.size() - 134,
                "the segments of the multi-segment reviews, scored alone: " + alone);
        assertTrue(c.split().contains("400 whole reviews as served"), c.split());
        assertFalse(c.bands().isEmpty(), "enough examples for bands by segment count");
        assertNotNull(c.errorScale());
        assertEquals(Provenance.sha256Lines(ids), c.idsSha256());
        for (ConformityExamples.Example e : examples) {
            if (e.wholeReview() && e.prediction().segments() > 1) {
                assertEquals(
                        1,
                        examples.stream()
                                .filter(o -> o.wholeReview() && o.reviewId().equals(e.reviewId()))
                                .count(),
                        "one whole review per id");
            }
        }
        // fresh reviews of the same kind: covered as whole reviews and as segments alone
        List<String> fresh = new ArrayList<>(), freshSegments = new ArrayList<>();
        List<Double> fy = new ArrayList<>(), fsy = new ArrayList<>();
        for (int review = 0; review < 300; review++) {
            double rating = r.nextDouble();
            StringBuilder whole = new StringBuilder();
            for (int s = 0; s < 1 + review % 3; s++) {
                String piece = TestModels.review(45, 5000 + review * 3 + s);
                whole.append(piece).append(' ');
                freshSegments.add(piece);
                fsy.add(rating);
            }
            fresh.add(whole.toString());
            fy.add(rating);
        }
        try (McPredictor p = m.predictor(2, 1)) {
            assertEquals(0.9, covered(p.predict(fresh, 3), fy), 0.06);
            assertEquals(0.9, covered(p.predict(freshSegments, 3), fsy), 0.06);
        }
    }

    private static double covered(List<Prediction> p, List<Double> y) {
        int in = 0;
        for (int i = 0; i < p.size(); i++) {
            in += y.get(i) >= p.get(i).lower() && y.get(i) <= p.get(i).upper() ? 1 : 0;
        }
        return (double) in / p.size();
    }

    /**
     * A calibration block written before bands and the error scale loads and serves as it was
     * fitted.
     */
    @Test
    void aCalibrationOfTheOldLayoutLoadsAsOneTableScaledByTheTotalStd(@TempDir Path dir)
            throws Exception {
        SentimentModel fitted = calibrated();
        ConformalCalibration c = fitted.calibration();
        SentimentModel old =
                fitted.withCalibration(
                        new ConformalCalibration(
                                c.n(), c.table(), c.noveltyStd(), c.split(), c.idsSha256()),
                        fitted.novelty());
        Path f = dir.resolve("old-layout.bundle");
        old.save(f);
        var hp = BundleFile.read(f).hyperParameters().get(UncertaintyJson.CALIBRATION);
        assertFalse(hp.has("bands") || hp.has("errorScale"), "the old layout: " + hp);
        SentimentModel back = SentimentModel.load(f);
        assertEquals(old.calibration(), back.calibration());
        try (McPredictor p = back.predictor(1, 1)) {
            for (Prediction q :
                    p.predict(List.of("a great movie", OFF_DOMAIN, texts(70).get(69)), 5)) {
                double extra = q.novelty() * c.noveltyStd();
                double scale = Math.sqrt(q.totalStd() * q.totalStd() + extra * extra);
                assertEquals(
                        c.oneSdFactor() * scale,
                        q.calibratedStd(),
                        1e-12,
                        "novelty from 0: no fence");
                assertEquals(Math.max(0, q.score() - c.quantile(0.9) * scale), q.lower(), 1e-12);
            }
        }
    }

    @Test
    void anErrorScaleWrittenBeforeTheWordErrorLoadsWithoutIt(@TempDir Path dir) throws Exception {
        SentimentModel fitted = calibrated();
        assertEquals(0, fitted.calibration().errorScale().wordErrorWeight(), 0.0);
        BundleContents c = ModelBundle.toContents(fitted);
        ObjectNode hp = c.hyperParameters();
        ObjectNode scale = (ObjectNode) hp.get(UncertaintyJson.CALIBRATION).get("errorScale");
        assertTrue(scale.has("wordError"));
        scale.remove("wordError");
        Path f = dir.resolve("before-word-error.bundle");
        BundleFile.write(c.withHyperParameters(hp), f);
        assertEquals(fitted.calibration(), SentimentModel.load(f).calibration());
    }

    @Test
    void aCalibrationWrittenBeforeTheDecisionFactorLoadsWithFactorOne(@TempDir Path dir)
            throws Exception {
        SentimentModel fitted =
                calibrated()
                        .withCalibration(
                                calibrated().calibration().withDecisionFactor(0.7),
                                calibrated().novelty());
        BundleContents c = ModelBundle.toContents(fitted);
        ObjectNode hp = c.hyperParameters();
        ObjectNode block = (ObjectNode) hp.get(UncertaintyJson.CALIBRATION);
        assertEquals(0.7, block.get("decisionFactor").asDouble(), 0.0);
        Path with = dir.resolve("with-factor.bundle");
        fitted.save(with);
        assertEquals(fitted.calibration(), SentimentModel.load(with).calibration());
        block.remove("decisionFactor");
        Path f = dir.resolve("before-decision-factor.bundle");
        BundleFile.write(c.withHyperParameters(hp), f);
        assertEquals(
                fitted.calibration().withDecisionFactor(1), SentimentModel.load(f).calibration());
    }

    @Test
    void aBundleWithoutCalibrationLoadsAsUncalibrated(@TempDir Path dir) throws Exception {
        SentimentModel old = TestModels.small(CellType.GRU, 1);
        Path f = dir.resolve("old.bundle");
        old.save(f);
        assertFalse(BundleFile.read(f).hyperParameters().has(UncertaintyJson.CALIBRATION));
        SentimentModel back = SentimentModel.load(f);
        assertNull(back.calibration());
        assertNull(back.novelty());
        try (McPredictor p = back.predictor(1, 1)) {
            Prediction q = p.predict(List.of("a great movie"), 5).get(0);
            assertTrue(
                    Double.isNaN(q.lower())
                            && Double.isNaN(q.upper())
                            && Double.isNaN(q.intervalLevel()));
            assertTrue(Double.isNaN(q.novelty()) && Double.isNaN(q.calibratedStd()));
            assertEquals(q.totalStd(), q.uncertainty(UncertaintySignal.TOTAL), 0.0);
            assertTrue(
                    q.wrongSideProbability() > 0 && q.wrongSideProbability() <= 0.5,
                    "from the raw total std");
        }
    }

    @Test
    void aClassifierGetsTheNoveltyModelAndTheProbabilityOfTheOtherClass() {
        SentimentModel m =
                UncertaintyFit.fit(TestModels.small(CellType.LSTM, 2), texts(30), null, 4, 1);
        assertNull(m.calibration());
        assertNotNull(m.novelty());
        try (McPredictor p = m.predictor(1, 1)) {
            Prediction q = p.predict(List.of(OFF_DOMAIN), 4).get(0);
            assertEquals(
                    1 - Math.max(q.probabilities()[0], q.probabilities()[1]),
                    q.wrongSideProbability(),
                    1e-12);
            assertTrue(q.novelty() > 0);
        }
    }

    @Test
    void mismatchedCalibrationDataIsRefused() {
        SentimentModel m = TestModels.small(CellType.LSTM, 1);
        assertThrows(
                IllegalArgumentException.class,
                () -> UncertaintyFit.fit(m, texts(3), new double[2], 2, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> UncertaintyFit.fit(m, List.of(), new double[0], 2, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> UncertaintyFit.fit(m, texts(2), new double[] {0.5, 1.5}, 2, 1));
    }
}
