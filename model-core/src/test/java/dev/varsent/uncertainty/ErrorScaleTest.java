package dev.varsent.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ErrorScaleTest {
    @Test
    void recoversHowTheErrorGrowsWithTheScoreAndTheNoiseLevel() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 4000;
        double[] e = new double[n], score = new double[n], ale = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = r.nextDouble();
            ale[i] = 0.05 + 0.1 * r.nextDouble();
            e[i] = Math.max(0, 0.2 - 0.1 * score[i] + 0.5 * ale[i] + 0.01 * r.nextGaussian());
        }
        ErrorScale s = ErrorScale.fit(e, score, ale, nan(n));
        assertEquals(-0.1, s.scoreWeight(), 0.005);
        assertEquals(0.5, s.aleatoricWeight(), 0.03);
        assertEquals(0.2, s.intercept(), 0.005);
        assertEquals(0.2, s.of(0.5, 0.1, Double.NaN), 0.005);
        assertEquals(n, s.n());
    }

    @Test
    void aConstantOrMissingNoiseLevelGetsWeightZeroAndTheScaleNeverFallsToZero() {
        double[] e = {0.3, 0.2, 0.1, 0.0};
        double[] score = {0.0, 0.25, 0.5, 0.75};
        double[] constant = new double[4];
        Arrays.fill(constant, 0.1);
        ErrorScale s = ErrorScale.fit(e, score, constant, nan(4));
        assertEquals(0, s.aleatoricWeight(), 0.0);
        assertEquals(-0.4, s.scoreWeight(), 1e-12);
        assertEquals(0.2, s.of(0.25, 0.9, 0.4), 1e-12);
        assertEquals(s.floor(), s.of(1.0, 0.1, Double.NaN), 0.0, "extrapolated below 0: the floor");
        assertTrue(s.floor() > 0);
        double[] missing = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        ErrorScale m = ErrorScale.fit(e, score, missing, nan(4));
        assertEquals(0, m.aleatoricWeight(), 0.0);
        assertEquals(0.2, m.of(0.25, Double.NaN, Double.NaN), 1e-12);
    }

    @Test
    void aBlendsWordErrorGetsItsOwnWeightBesideTheScoreAndIsLeftOutWhenServedWithout() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 4000;
        double[] e = new double[n], score = new double[n], word = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = r.nextDouble();
            word[i] = 0.05 + 0.15 * r.nextDouble();
            e[i] = Math.max(0, 0.1 - 0.05 * score[i] + 0.8 * word[i] + 0.01 * r.nextGaussian());
        }
        double[] constant = new double[n];
        Arrays.fill(constant, 0.09);
        ErrorScale s = ErrorScale.fit(e, score, constant, word);
        assertEquals(0.8, s.wordErrorWeight(), 0.02);
        assertEquals(-0.05, s.scoreWeight(), 0.005);
        assertEquals(0, s.aleatoricWeight(), 0.0, "a Gaussian head's constant noise level");
        assertEquals(0.1 - 0.025 + 0.08, s.of(0.5, 0.09, 0.1), 0.005);
        assertEquals(
                s.intercept() + s.scoreWeight() * 0.5,
                s.of(0.5, 0.09, Double.NaN),
                1e-12,
                "served without an error ridge: the term is left out");

        ErrorScale withoutWords = ErrorScale.fit(e, score, constant, nan(n));
        assertEquals(0, withoutWords.wordErrorWeight(), 0.0);
        ErrorScale old = new ErrorScale(10, 0.2, -0.1, 0.3, 0.01);
        assertEquals(0, old.wordErrorWeight(), 0.0);
        assertEquals(
                old.of(0.4, 0.1, Double.NaN),
                old.of(0.4, 0.1, 0.7),
                0.0,
                "a scale fitted before the error ridge ignores a word error");
    }

    @Test
    void aWordErrorCollinearWithTheScoreGetsWeightZero() {
        double[] e = {0.3, 0.2, 0.1, 0.0, 0.05};
        double[] score = {0.0, 0.25, 0.5, 0.75, 0.6};
        double[] word = new double[5];
        for (int i = 0; i < 5; i++) {
            word[i] = 2 * score[i] + 1;
        }
        ErrorScale s = ErrorScale.fit(e, score, new double[5], word);
        assertEquals(0, s.wordErrorWeight(), 0.0);
        assertTrue(s.scoreWeight() < 0);
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    @Test
    void badInputIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ErrorScale.fit(new double[0], new double[0], new double[0], new double[0]));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ErrorScale.fit(
                                        new double[] {Double.NaN},
                                        new double[] {0.5},
                                        new double[1],
                                        new double[1]));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ErrorScale(1, 0.1, 0, 0, 0));
        assertTrue(e.getMessage().contains("floor"), e.getMessage());
    }
}
