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
        ErrorScale s = ErrorScale.fit(e, score, ale);
        assertEquals(-0.1, s.scoreWeight(), 0.005);
        assertEquals(0.5, s.aleatoricWeight(), 0.03);
        assertEquals(0.2, s.intercept(), 0.005);
        assertEquals(0.2, s.of(0.5, 0.1), 0.005);
        assertEquals(n, s.n());
    }

    @Test
    void aConstantOrMissingNoiseLevelGetsWeightZeroAndTheScaleNeverFallsToZero() {
        double[] e = {0.3, 0.2, 0.1, 0.0};
        double[] score = {0.0, 0.25, 0.5, 0.75};
        double[] constant = new double[4];
        Arrays.fill(constant, 0.1);
        ErrorScale s = ErrorScale.fit(e, score, constant);
        assertEquals(0, s.aleatoricWeight(), 0.0);
        assertEquals(-0.4, s.scoreWeight(), 1e-12);
        assertEquals(0.2, s.of(0.25, 0.9), 1e-12);
        assertEquals(s.floor(), s.of(1.0, 0.1), 0.0, "extrapolated below 0: the floor");
        assertTrue(s.floor() > 0);
        double[] missing = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        ErrorScale m = ErrorScale.fit(e, score, missing);
        assertEquals(0, m.aleatoricWeight(), 0.0);
        assertEquals(0.2, m.of(0.25, Double.NaN), 1e-12);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ErrorScale.fit(new double[0], new double[0], new double[0]));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ErrorScale.fit(
                                        new double[] {Double.NaN},
                                        new double[] {0.5},
                                        new double[1]));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ErrorScale(1, 0.1, 0, 0, 0));
        assertTrue(e.getMessage().contains("floor"), e.getMessage());
    }
}
