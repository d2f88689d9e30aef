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
        double[] scores = {9, 3, 1, 7, 5, 2, 8, 4, 6};
        ConformalCalibration c = ConformalCalibration.fit(scores, List.of(0.5, ConformalCalibration.ONE_SD, 0.9, 0.95),
                "test", "0".repeat(64));
        assertEquals(9, c.n());
        assertEquals(5, c.quantile(0.5), 0.0, "ceil(10 * 0.5) = 5th smallest");
        assertEquals(7, c.quantile(ConformalCalibration.ONE_SD), 0.0, "ceil(10 * 0.6827) = 7th");
        assertEquals(9, c.quantile(0.9), 0.0, "ceil(10 * 0.9) = 9th, not the 10th by rounding error");
        assertEquals(Double.POSITIVE_INFINITY, c.quantile(0.95), "rank 10 > n: no finite interval has the guarantee");
        assertEquals(2 * 7, c.halfWidth(ConformalCalibration.ONE_SD, 2), 0.0);
        assertEquals(7, c.halfWidth(ConformalCalibration.ONE_SD, Double.NaN), 0.0, "no scale: plain residuals");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.quantile(0.85));
        assertTrue(e.getMessage().contains("0.9"), e.getMessage());
    }

    @Test
    void normalisedIntervalsCoverFreshDataAtTheirLevel() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 1000;
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double sd = 0.02 + 0.2 * r.nextDouble();
            double y = 0.5 + 1.7 * sd * gaussian(r); // the model's std is 1.7 times too small
            scores[i] = ConformalCalibration.score(y, 0.5, sd);
        }
        ConformalCalibration c = ConformalCalibration.fit(scores, "synthetic", "0".repeat(64));
        assertEquals(1.7, c.oneSdFactor(), 0.12, "the one-sd factor recovers the miscalibration");
        int fresh = 20_000;
        for (double level : List.of(0.5, 0.8, 0.9, 0.95)) {
            int covered = 0;
            SplittableRandom t = new SplittableRandom(99);
            for (int i = 0; i < fresh; i++) {
                double sd = 0.02 + 0.2 * t.nextDouble();
                double y = 0.5 + 1.7 * sd * gaussian(t);
                covered += Math.abs(y - 0.5) <= c.halfWidth(level, sd) ? 1 : 0;
            }
            assertEquals(level, (double) covered / fresh, 0.025, "coverage at " + level);
        }
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConformalCalibration.fit(new double[0], "s", "h"));
        assertThrows(IllegalArgumentException.class,
                () -> ConformalCalibration.fit(new double[] {0.1, Double.NaN}, "s", "h"));
        assertThrows(IllegalArgumentException.class, () -> ConformalCalibration.fit(new double[] {1}, List.of(0.5), "s", "h"),
                "the one-sd level must be stored");
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
