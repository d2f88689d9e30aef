package dev.varsent.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConformalCalibrationTest {

    @Test
    void theQuantileIsTheFiniteSampleCorrectedOrderStatistic() {
        double[] residuals = {9, 3, 1, 7, 5, 2, 8, 4, 6};
        ConformalCalibration c =
                fitUnitScale(residuals, List.of(0.5, ConformalCalibration.ONE_SD, 0.9, 0.95));
        assertEquals(9, c.n());
        assertEquals(5, c.quantile(0.5), 0.0, "ceil(10 * 0.5) = 5th smallest");
        assertEquals(7, c.quantile(ConformalCalibration.ONE_SD), 0.0, "ceil(10 * 0.6827) = 7th");
        assertEquals(
                9, c.quantile(0.9), 0.0, "ceil(10 * 0.9) = 9th, not the 10th by rounding error");
        assertEquals(
                Double.POSITIVE_INFINITY,
                c.quantile(0.95),
                "rank 10 > n: no finite interval has the guarantee");
        assertEquals(2 * 7, c.halfWidth(ConformalCalibration.ONE_SD, 2), 0.0);
        assertEquals(
                7,
                c.halfWidth(ConformalCalibration.ONE_SD, Double.NaN),
                0.0,
                "no scale: plain residuals");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> c.quantile(0.85));
        assertTrue(e.getMessage().contains("0.9"), e.getMessage());
    }

    @Test
    void normalisedIntervalsCoverFreshDataAtTheirLevel() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 1000;
        double[] y = new double[n], sds = new double[n];
        for (int i = 0; i < n; i++) {
            sds[i] = 0.02 + 0.2 * r.nextDouble();
            y[i] = 0.5 + 1.7 * sds[i] * gaussian(r); // the model's std is 1.7 times too small
        }
        double[] scores = new double[n], novelties = new double[n];
        java.util.Arrays.fill(scores, 0.5);
        java.util.Arrays.fill(novelties, Double.NaN);
        ConformalCalibration c =
                ConformalCalibration.fit(y, scores, sds, novelties, "synthetic", "0".repeat(64));
        assertEquals(1.7, c.oneSdFactor(), 0.12, "the one-sd factor recovers the miscalibration");
        int fresh = 20_000;
        for (double level : List.of(0.5, 0.8, 0.9, 0.95)) {
            int covered = 0;
            SplittableRandom t = new SplittableRandom(99);
            for (int i = 0; i < fresh; i++) {
                double sd = 0.02 + 0.2 * t.nextDouble();
                double rating = 0.5 + 1.7 * sd * gaussian(t);
                covered += Math.abs(rating - 0.5) <= c.halfWidth(level, sd) ? 1 : 0;
            }
            assertEquals(level, (double) covered / fresh, 0.025, "coverage at " + level);
        }
    }

    @Test
    void noveltyAddsTypicalInDomainStdsInQuadrature() {
        // Stds 0.1, 0.2, 0.3: the median 0.2 is what one unit of novelty adds.
        ConformalCalibration c =
                ConformalCalibration.fit(
                        new double[] {0.5, 0.5, 0.5},
                        new double[] {0.4, 0.6, 0.5},
                        new double[] {0.1, 0.2, 0.3},
                        new double[] {0, Double.NaN, 1},
                        "s",
                        "h");
        assertEquals(0.2, c.noveltyStd(), 1e-12);
        assertEquals(0.1, c.scale(0.1, 0), 0.0);
        assertEquals(0.1, c.scale(0.1, Double.NaN), 0.0);
        assertEquals(Math.sqrt(0.01 + 0.16), c.scale(0.1, 2), 1e-12);
        // Scores: 0.1 / 0.1, 0.1 / 0.2, 0 / sqrt(0.09 + 0.04).
        assertEquals(0.5, c.quantile(0.5), 1e-12);
        assertEquals(1.0, c.oneSdFactor(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, c.quantile(0.95));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> fitUnitScale(new double[0], ConformalCalibration.DEFAULT_LEVELS));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        fitUnitScale(
                                new double[] {0.1, Double.NaN},
                                ConformalCalibration.DEFAULT_LEVELS));
        assertThrows(
                IllegalArgumentException.class,
                () -> fitUnitScale(new double[] {1}, List.of(0.5)),
                "the one-sd level must be stored");
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ConformalCalibration.fit(
                                new double[2],
                                new double[2],
                                new double[1],
                                new double[2],
                                "s",
                                "h"));
    }

    /** Residuals as ratings, scores 0 and stds 1, so the conformity scores are the residuals. */
    private static ConformalCalibration fitUnitScale(double[] residuals, List<Double> levels) {
        int n = residuals.length;
        double[] ones = new double[n], nan = new double[n];
        java.util.Arrays.fill(ones, 1);
        java.util.Arrays.fill(nan, Double.NaN);
        return ConformalCalibration.fit(
                residuals, new double[n], ones, nan, levels, "test", "0".repeat(64));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
                * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
