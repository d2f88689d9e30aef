package dev.varsent.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.nn.CellType;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sequential rule of adaptive MC sampling, on its own and in simulation against a known MC
 * variance.
 */
class AdaptiveSamplingTest {
    /** Uncalibrated, noise variance 0.01: the total signal is sqrt(std^2 + 0.01). */
    private static final SentimentModel MODEL = TestModels.small(CellType.LSTM, 1);

    private static final Calibrator CALIBRATOR = new Calibrator(MODEL, ScoringOptions.defaults());
    private static final int K = 10;
    private static final double THRESHOLD = 0.2;

    private static SequentialRoutingTest rule(double errorRate, UncertaintySignal signal) {
        return new SequentialRoutingTest(
                new AdaptiveSampling(4, errorRate, signal, THRESHOLD), CALIBRATOR, K);
    }

    private static Prediction mixture(double std, int segments) {
        return new Prediction(
                0.5,
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

    @Test
    void roundsAreTheMinimumThenToppedUpToK() {
        AdaptiveSampling a = new AdaptiveSampling(4, 0.05, UncertaintySignal.TOTAL, 0.23);
        assertArrayEquals(new int[] {4, 10}, a.rounds(10));
        assertArrayEquals(new int[] {4, 12, 20}, a.rounds(20));
        assertArrayEquals(new int[] {4, 12, 28, 50}, a.rounds(50));
        assertArrayEquals(new int[] {3}, a.rounds(3), "K below the minimum: one round of K");
        assertEquals(0.05, a.perTestErrorRate(10), 1e-12, "one test");
        assertEquals(0.025, a.perTestErrorRate(20), 1e-12, "two tests, Bonferroni");
        assertEquals(0.05, a.perTestErrorRate(3), 1e-12);
        assertThrows(
                IllegalArgumentException.class,
                () -> new AdaptiveSampling(1, 0.05, UncertaintySignal.TOTAL, 0.2));
        assertThrows(
                IllegalArgumentException.class,
                () -> new AdaptiveSampling(4, 0.5, UncertaintySignal.TOTAL, 0.2));
        assertThrows(
                IllegalArgumentException.class,
                () -> new AdaptiveSampling(4, 0.05, UncertaintySignal.TOTAL, 0));
    }

    @Test
    void clearDecisionsSettleAfterTheFirstRound() {
        SequentialRoutingTest rule = rule(0.05, UncertaintySignal.TOTAL);
        assertTrue(
                rule.settled(mixture(0.01, 1), 4, 0, 0), "total 0.1005, far below 0.2: confident");
        assertTrue(rule.settled(mixture(0.6, 1), 4, 0, 0), "total 0.61, far above: relabel");
        assertTrue(
                rule.settled(mixture(0.09, 3), 4, 0, 0),
                "three segments give 11 degrees of freedom");
        assertFalse(rule.settled(mixture(0.09, 1), 4, 0, 0), "one segment's 3 leave 0.09 open");
        SequentialRoutingTest epistemic = rule(0.05, UncertaintySignal.EPISTEMIC);
        assertTrue(epistemic.settled(mixture(0.02, 1), 4, 0, 0));
        assertFalse(
                epistemic.settled(mixture(0.15, 1), 4, 0, 0),
                "0.15 of 0.2 with 3 degrees of freedom is open");
    }

    @Test
    void aDecisionAtTheThresholdNeverSettles() {
        double atThreshold = Math.sqrt(THRESHOLD * THRESHOLD - 0.01);
        for (double f : new double[] {0.97, 0.995, 1.0, 1.005, 1.03}) {
            for (int segments = 1; segments <= 11; segments++) {
                for (int n : new int[] {2, 4, 6, 8, 9}) {
                    assertFalse(
                            rule(0.05, UncertaintySignal.TOTAL)
                                    .settled(mixture(atThreshold * f, segments), n, 0, 0),
                            "std " + f + " x the threshold's, " + segments + " segments, n = " + n);
                    assertFalse(
                            rule(0.05, UncertaintySignal.EPISTEMIC)
                                    .settled(mixture(THRESHOLD * f, segments), n, 0, 0));
                }
            }
        }
    }

    @Test
    void aWiderNoiseLevelOfAHeteroscedasticHeadKeepsADecisionOpen() {
        SequentialRoutingTest rule = rule(0.05, UncertaintySignal.TOTAL);
        Prediction p = mixture(0.05, 4);
        assertTrue(rule.settled(p, 4, 0, 0));
        assertFalse(
                rule.settled(p, 4, 0.2, 0),
                "a noise variance of 0.01 +- 0.2 may well be above 0.04");
    }

    /**
     * Draws n normal samples per segment with a known sigma around the threshold and runs the rule
     * round by round as {@link AdaptiveRounds} does; a wrong stop is one whose decision differs
     * from the one sigma itself gives (its expected K-sample estimate against the threshold). The
     * rate of wrong stops must stay within the error rate at every sigma, most of all just beside
     * the threshold where the bound is tight.
     */
    @Test
    void theRateOfWrongEarlyStopsStaysWithinTheErrorRate() {
        double alpha = 0.05;
        int k = 20; // rounds 4, 12, 20: two tests share the error rate
        AdaptiveSampling sampling =
                new AdaptiveSampling(4, alpha, UncertaintySignal.TOTAL, THRESHOLD);
        SequentialRoutingTest rule = new SequentialRoutingTest(sampling, CALIBRATOR, k);
        int[] rounds = sampling.rounds(k);
        SplittableRandom r = new SplittableRandom(5);
        int trials = 4000;
        double worst = 0;
        int earlyStops = 0;
        for (int segments : new int[] {1, 3}) {
            for (double u : new double[] {0.12, 0.15, 0.18, 0.19, 0.21, 0.22, 0.25, 0.3}) {
                double expected = 1.0 - 1.0 / (segments * k);
                double sigma = Math.sqrt((u * u - 0.01) / expected);
                boolean truth = u > THRESHOLD;
                int wrong = 0;
                for (int t = 0; t < trials; t++) {
                    double[][] x = new double[segments][k];
                    for (double[] seg : x) {
                        for (int j = 0; j < k; j++) {
                            seg[j] = 0.5 + sigma * gaussian(r);
                        }
                    }
                    for (int i = 0; i < rounds.length - 1; i++) {
                        Prediction p = mixture(populationStd(x, rounds[i]), segments);
                        if (rule.settled(p, rounds[i], 0, 0)) {
                            earlyStops++;
                            boolean relabel =
                                    CALIBRATOR.apply(p, 0).uncertainty(UncertaintySignal.TOTAL)
                                            > THRESHOLD;
                            wrong += relabel != truth ? 1 : 0;
                            break;
                        }
                    }
                }
                worst = Math.max(worst, (double) wrong / trials);
                assertTrue(
                        (double) wrong / trials <= alpha,
                        "u = "
                                + u
                                + ", "
                                + segments
                                + " segments: "
                                + wrong
                                + " wrong stops of "
                                + trials);
            }
        }
        assertTrue(
                earlyStops > trials,
                "the rule does stop early away from the threshold: " + earlyStops);
        assertTrue(
                worst > 0,
                "near the threshold some early stops are wrong (else the simulation tests nothing)");
    }

    private static double populationStd(double[][] x, int n) {
        double s = 0, s2 = 0;
        int count = 0;
        for (double[] seg : x) {
            for (int j = 0; j < n; j++) {
                s += seg[j];
                s2 += seg[j] * seg[j];
                count++;
            }
        }
        double m = s / count;
        return Math.sqrt(Math.max(0, s2 / count - m * m));
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
