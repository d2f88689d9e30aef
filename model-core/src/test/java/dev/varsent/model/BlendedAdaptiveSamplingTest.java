package dev.varsent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.baseline.RidgeRegression;
import dev.varsent.blend.BlendedPredictor;
import dev.varsent.blend.ErrorRidge;
import dev.varsent.model.SequentialRoutingTest.Moment;
import dev.varsent.nn.CellType;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.predict.RoutingCut;
import dev.varsent.predict.ServedView;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.uncertainty.ConformalCalibration;
import dev.varsent.uncertainty.ErrorScale;
import dev.varsent.uncertainty.OovNovelty;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Adaptive MC sampling of a blended model: the decision is settled on the served, routed
 * uncertainty (the blend with the ridge, calibrated with the error scale and the word error), whose
 * dependence on the MC samples is through the network's score, not its spread.
 */
class BlendedAdaptiveSamplingTest {
    private static final int K = 10;

    private static final List<ConformalCalibration.Level> TABLE =
            List.of(
                    new ConformalCalibration.Level(0.5, 0.7),
                    new ConformalCalibration.Level(ConformalCalibration.ONE_SD, 1.0),
                    new ConformalCalibration.Level(0.8, 1.3),
                    new ConformalCalibration.Level(0.9, 1.6),
                    new ConformalCalibration.Level(0.95, 2.0),
                    new ConformalCalibration.Level(0.99, 2.6));

    /** One-sd factor 1: the calibrated std is max(floor, the error scale) in-domain. */
    private static ConformalCalibration calibration(ErrorScale scale) {
        return new ConformalCalibration(
                40,
                TABLE,
                0,
                "test split",
                "0".repeat(64),
                List.of(),
                scale,
                ConformalCalibration.NOVELTY_FENCE);
    }

    /**
     * As the shipped default: an error scale on the blended score and the word error, none on the
     * noise level; a Gaussian head. The score weight is large so that the MC samples matter.
     */
    private static SentimentModel blended() {
        ErrorRidge errorRidge =
                new ErrorRidge(new RidgeRegression.Model(new double[] {0.5, 0.25, 0}, 0.125, 3), 3);
        return TestModels.small(CellType.LSTM, 1)
                .withCalibration(
                        calibration(new ErrorScale(40, 0.05, 0.4, 0, 0.5, 0.01)),
                        new OovNovelty(40, 0.02, 0.01))
                .withBlend(BlendedModelTest.blend().withErrorRidge(errorRidge));
    }

    /**
     * How the served signal moves with the network's MC mean: the blend's weight 0.75 times the
     * error scale's score weight 0.4.
     */
    private static final double SIGNAL_PER_SCORE = 0.75 * 0.4;

    private static List<String> reviews(int n) {
        String[] words = {"good", "bad", "movie", "plot", "the", "acting"};
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < 5 + (i * 7) % 60; j++) {
                b.append(words[(i * 3 + j * j) % words.length]).append(' ');
            }
            texts.add(b.toString());
        }
        return texts;
    }

    private static ScoringOptions adaptive(double errorRate, double threshold) {
        return ScoringOptions.defaults()
                .withAdaptive(
                        new AdaptiveSampling(2, errorRate, UncertaintySignal.TOTAL, threshold));
    }

    @Test
    void theRoutedMomentsAreTheOnesTheCalibrationReads() {
        SentimentModel m = TestModels.small(CellType.LSTM, 1);
        ScoringOptions o = ScoringOptions.defaults();
        assertEquals(
                EnumSet.of(Moment.SPREAD, Moment.NOISE),
                new Calibrator(m, o).routedMoments(UncertaintySignal.TOTAL),
                "uncalibrated: the total std");
        assertEquals(
                EnumSet.of(Moment.SPREAD),
                new Calibrator(m, o).routedMoments(UncertaintySignal.EPISTEMIC));
        Calibrator errorScaled = new Calibrator(blended(), o);
        assertEquals(
                EnumSet.of(Moment.MEAN),
                errorScaled.routedMoments(UncertaintySignal.TOTAL),
                "an error scale reads the score, not the spread");
        assertEquals(
                EnumSet.of(Moment.SPREAD), errorScaled.routedMoments(UncertaintySignal.EPISTEMIC));
        SentimentModel noisy =
                m.withCalibration(calibration(new ErrorScale(40, 0.05, 0, 0.3, 0, 0.01)), null);
        assertEquals(
                EnumSet.of(Moment.NOISE),
                new Calibrator(noisy, o).routedMoments(UncertaintySignal.TOTAL));
    }

    /**
     * On the same MC draws continued to K, at thresholds from the served full-K signals' quartiles
     * (so that reviews lie on both sides and near them): a review that stopped early and lies clear
     * of the threshold (by more than four standard errors of its K-sample signal) is routed as its
     * K samples route it; nearer, the test may err, at no more than its error rate of the early
     * stops. Some reviews do stop early, on both sides.
     */
    @Test
    void aReviewStoppedEarlyIsRoutedAsItsKSamplesRouteIt() {
        SentimentModel m = blended();
        List<String> texts = reviews(48);
        List<Double> full = new ArrayList<>();
        try (McPredictor deep = m.predictor(5, 1)) {
            for (Prediction q : m.serving(deep, ScoringOptions.defaults()).predict(texts, K)) {
                full.add(q.uncertainty(UncertaintySignal.TOTAL));
            }
        }
        List<Double> sorted = full.stream().sorted().toList();
        double errorRate = 0.05;
        int early = 0, kept = 0, relabelled = 0, wrong = 0, clear = 0;
        for (double threshold :
                new double[] {sorted.get(12), sorted.get(24), sorted.get(36), sorted.get(46)}) {
            ScoringOptions options = adaptive(errorRate, threshold);
            try (McPredictor deep = m.predictor(9, 1, options)) {
                BlendedPredictor served = (BlendedPredictor) m.serving(deep, options);
                List<List<String>> tokens = served.tokenize(texts);
                ServedView view = served.servedView(tokens);
                List<PairedPrediction> pairs =
                        deep.predictPaired(tokens, K, RoutingCut.fixed(threshold), view);
                for (int i = 0; i < pairs.size(); i++) {
                    Prediction adaptive = view.serve(i, pairs.get(i).adaptive());
                    double fullK =
                            view.serve(i, pairs.get(i).fullK())
                                    .uncertainty(UncertaintySignal.TOTAL);
                    if (adaptive.samples() == K) {
                        continue;
                    }
                    early++;
                    boolean relabel = adaptive.uncertainty(UncertaintySignal.TOTAL) > threshold;
                    relabelled += relabel ? 1 : 0;
                    kept += relabel ? 0 : 1;
                    wrong += relabel != fullK > threshold ? 1 : 0;
                    Prediction network = pairs.get(i).fullK();
                    double standardError =
                            SIGNAL_PER_SCORE
                                    * network.std()
                                    / Math.sqrt(network.segments() * (double) K);
                    if (Math.abs(fullK - threshold) > 4 * standardError) {
                        clear++;
                        assertEquals(
                                fullK > threshold,
                                relabel,
                                "review " + i + " (" + fullK + ") at threshold " + threshold);
                    }
                }
            }
        }
        assertTrue(early >= 24, "reviews clear of the threshold stop early: " + early);
        assertTrue(clear >= 4, "clear reviews: " + clear + " of " + early + ", wrong " + wrong);
        assertTrue(kept > 0 && relabelled > 0, kept + " kept, " + relabelled + " relabelled");
        assertTrue(wrong <= errorRate * early, wrong + " wrong of " + early + " early stops");
    }

    /**
     * The served adaptive prediction is the blend of the network's adaptive prediction: the same
     * seed gives the same draws and the same stops whether the blend is applied inside or after.
     */
    @Test
    void theServedAdaptivePredictionIsTheBlendOfTheNetworksOwn() {
        SentimentModel m = blended();
        List<String> texts = reviews(16);
        ScoringOptions options = adaptive(0.05, 0.2);
        List<Prediction> served;
        try (McPredictor deep = m.predictor(4, 1, options)) {
            served = m.serving(deep, options).predict(texts, K, RoutingCut.fixed(0.2));
        }
        try (McPredictor deep = m.predictor(4, 1, options)) {
            BlendedPredictor b = (BlendedPredictor) m.serving(deep, options);
            List<List<String>> tokens = b.tokenize(texts);
            ServedView view = b.servedView(tokens);
            List<Prediction> network = deep.predictTokens(tokens, K, RoutingCut.fixed(0.2), view);
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(view.serve(i, network.get(i)), served.get(i));
            }
        }
    }

    @Test
    void classificationHeadsKBelowTwoAndAnUnknownCutGetAllKSamples() {
        List<String> texts = reviews(12);
        SentimentModel classifier = TestModels.small(CellType.LSTM, 2);
        ScoringOptions options = adaptive(0.2, 10);
        try (McPredictor p = classifier.predictor(1, 1, adaptive(0.2, 0.01))) {
            assertSamples(K, p.predict(texts, K, RoutingCut.fixed(0.01)), "classification");
        }
        SentimentModel m = blended();
        try (McPredictor deep = m.predictor(1, 1, options)) {
            Predictor p = m.serving(deep, options);
            assertSamples(1, p.predict(texts, 1, RoutingCut.fixed(10)), "K = 1");
            assertSamples(K, p.predict(texts, K, RoutingCut.UNKNOWN), "nothing known of the cut");
            assertSamples(
                    2, p.predict(texts, K, RoutingCut.fixed(10)), "a threshold far above all");
        }
    }

    private static void assertSamples(int expected, List<Prediction> predictions, String what) {
        for (Prediction p : predictions) {
            assertEquals(expected, p.samples(), what);
        }
    }

    /** A point estimate inside the range the router's cut may take is never settled. */
    @Test
    void aReviewInsideTheCutsRangeIsNeverSettled() {
        SentimentModel m = TestModels.small(CellType.LSTM, 1);
        Calibrator calibrator = new Calibrator(m, ScoringOptions.defaults());
        SequentialRoutingTest test =
                new SequentialRoutingTest(
                        new AdaptiveSampling(2, 0.2, UncertaintySignal.EPISTEMIC, 0.3),
                        calibrator,
                        K);
        SequentialRoutingTest.RoutedSignal epistemic = Prediction::std;
        Prediction tight = mixture(0.5, 0.25, 11);
        assertTrue(test.settled(tight, 8, 0, epistemic, RoutingCut.fixed(0.3)));
        assertFalse(test.settled(tight, 8, 0, epistemic, new RoutingCut(0.2, 0.3)), "in range");
        assertTrue(test.settled(tight, 8, 0, epistemic, new RoutingCut(0.1, 0.2)), "above it");
        assertTrue(test.settled(tight, 8, 0, epistemic, new RoutingCut(0.9, 0.95)), "below it");
        assertFalse(test.settled(tight, 8, 0, epistemic, RoutingCut.UNKNOWN));
    }

    /**
     * The served signal of an error-scaled calibration moves with the network's score alone: normal
     * draws of known mean around the threshold's, a wrong stop one whose decision differs from the
     * one the true mean gives. The rate of wrong stops stays within the error rate; a rule that
     * bounded only the spread (as before the mean was bounded) would stop every review at once.
     */
    @Test
    void theRateOfWrongEarlyStopsOnTheScoreStaysWithinTheErrorRate() {
        double alpha = 0.05;
        int k = 20;
        SentimentModel m =
                TestModels.small(CellType.LSTM, 1)
                        .withCalibration(
                                calibration(new ErrorScale(40, 0.05, 1.0, 0, 0, 0.01)), null);
        Calibrator calibrator = new Calibrator(m, ScoringOptions.defaults());
        double threshold = 0.6; // the calibrated std is 0.05 + score: 0.6 at score 0.55
        AdaptiveSampling sampling =
                new AdaptiveSampling(4, alpha, UncertaintySignal.TOTAL, threshold);
        SequentialRoutingTest rule = new SequentialRoutingTest(sampling, calibrator, k);
        int[] rounds = sampling.rounds(k);
        SplittableRandom r = new SplittableRandom(3);
        int trials = 3000, earlyStops = 0;
        double worst = 0;
        for (int segments : new int[] {1, 3}) {
            for (double mu : new double[] {0.45, 0.52, 0.54, 0.545, 0.555, 0.56, 0.58, 0.65}) {
                boolean truth = 0.05 + mu > threshold;
                int wrong = 0;
                for (int t = 0; t < trials; t++) {
                    double[] x = new double[segments * k];
                    for (int j = 0; j < x.length; j++) {
                        x[j] = mu + 0.1 * gaussian(r);
                    }
                    for (int i = 0; i < rounds.length - 1; i++) {
                        Prediction p = pooled(x, segments, k, rounds[i]);
                        if (rule.settled(p, rounds[i], 0, 0)) {
                            earlyStops++;
                            boolean relabel =
                                    calibrator.apply(p, 0).uncertainty(UncertaintySignal.TOTAL)
                                            > threshold;
                            wrong += relabel != truth ? 1 : 0;
                            break;
                        }
                    }
                }
                worst = Math.max(worst, (double) wrong / trials);
                assertTrue(
                        (double) wrong / trials <= alpha,
                        "mean " + mu + ", " + segments + " segments: " + wrong + " wrong stops");
            }
        }
        assertTrue(earlyStops > trials, "early stops: " + earlyStops);
        assertTrue(worst > 0, "near the threshold some stops are wrong");
    }

    /** The mixture of the first n of k draws per segment (segment s holds x[s k, s k + k)). */
    private static Prediction pooled(double[] x, int segments, int k, int n) {
        double s = 0, s2 = 0;
        for (int seg = 0; seg < segments; seg++) {
            for (int j = 0; j < n; j++) {
                double v = x[seg * k + j];
                s += v;
                s2 += v * v;
            }
        }
        int count = segments * n;
        double mean = s / count;
        return mixture(mean, Math.sqrt(Math.max(0, s2 / count - mean * mean)), segments);
    }

    private static Prediction mixture(double score, double std, int segments) {
        return new Prediction(
                score,
                std,
                0.1,
                null,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                4,
                segments,
                false,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
