package dev.varsent.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConformalBandsTest {
    private static final String SHA = "0".repeat(64);

    @Test
    void bandsTakeSegmentCountsUntilEachHoldsEnoughScores() {
        assertEquals(
                List.of(1, 2),
                ConformalCalibration.bands(counts(150, 60, 60, 30)),
                "the 30 four-segment scores join the band before");
        assertEquals(List.of(1, 2, 3), ConformalCalibration.bands(counts(150, 120, 110)));
        assertEquals(
                List.of(1),
                ConformalCalibration.bands(counts(150, 50)),
                "too few for a second band");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ConformalCalibration.bands(new int[] {0}));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    /**
     * Whole reviews of 3 segments err half as much, relative to their scale, as single segments.
     */
    @Test
    void eachBandHoldsItsCoverageWhereOneTableOverAndUnderCovers() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 2000;
        double[] y = new double[n],
                score = new double[n],
                scale = new double[n],
                nov = new double[n];
        int[] seg = new int[n];
        for (int i = 0; i < n; i++) {
            seg[i] = i % 2 == 0 ? 1 : 3;
            score[i] = 0.5;
            scale[i] = 0.1;
            y[i] = 0.5 + (seg[i] == 1 ? 0.1 : 0.05) * r.nextGaussian();
        }
        ConformalCalibration c =
                ConformalCalibration.fit(
                        y,
                        score,
                        scale,
                        nov,
                        seg,
                        null,
                        0,
                        n,
                        ConformalCalibration.DEFAULT_LEVELS,
                        "synthetic",
                        SHA);
        assertEquals(
                List.of(1, 3),
                c.bands().stream().map(ConformalCalibration.Band::minSegments).toList());
        assertEquals(
                List.of(1000, 1000), c.bands().stream().map(ConformalCalibration.Band::n).toList());
        assertEquals(n, c.n());
        for (int s : new int[] {1, 3}) {
            int inBand = 0, inPooled = 0, fresh = 5000;
            double sd = s == 1 ? 0.1 : 0.05;
            for (int i = 0; i < fresh; i++) {
                double e = Math.abs(sd * r.nextGaussian());
                inBand += e <= c.halfWidth(0.9, s, 0.1) ? 1 : 0;
                inPooled += e <= c.halfWidth(0.9, 0.1) ? 1 : 0;
            }
            assertEquals(0.9, inBand / (double) fresh, 0.02, "band of " + s + " segments");
            assertTrue(
                    Math.abs(inPooled / (double) fresh - 0.9) > 0.04,
                    "one table for both: " + inPooled);
        }
        assertEquals(c.bands().get(0).table(), c.table(2), "2 segments: the band from 1");
        assertEquals(c.bands().get(1).table(), c.table(11));
    }

    @Test
    void theLearnedErrorScaleNormalisesAndTheNoveltyAddsInQuadrature() {
        ErrorScale e = new ErrorScale(10, 0.2, -0.1, 0, 0.01);
        ConformalCalibration c =
                new ConformalCalibration(10, table(1.0), 0.1, "t", SHA, List.of(), e, 0);
        assertEquals(0.15, c.baseScale(0.5, 99, Double.NaN, Double.NaN), 1e-12);
        assertEquals(
                Math.sqrt(0.15 * 0.15 + 0.2 * 0.2),
                c.scale(c.baseScale(0.5, 99, Double.NaN, Double.NaN), 2),
                1e-12);
        ConformalCalibration fenced =
                new ConformalCalibration(
                        10,
                        table(1.0),
                        0.1,
                        "t",
                        SHA,
                        List.of(),
                        e,
                        ConformalCalibration.NOVELTY_FENCE);
        assertEquals(
                0.15,
                fenced.scale(0.15, 1.5),
                0.0,
                "novelty within the in-domain range adds nothing");
        assertEquals(
                Math.sqrt(0.15 * 0.15 + 0.3 * 0.3),
                fenced.scale(0.15, 5),
                1e-12,
                "3 units beyond the fence");
        ConformalCalibration old = new ConformalCalibration(10, table(1.0), 0.1, "t", SHA);
        assertTrue(old.bands().isEmpty());
        assertNull(old.errorScale());
        assertEquals(
                0.07,
                old.baseScale(0.5, 0.07, 0.05, 0.3),
                0.0,
                "without a learned scale: the total std");
        assertEquals(old.table(), old.table(5));
    }

    @Test
    void bandsMustStartAtOneSegmentIncreaseAndHoldTheTablesLevels() {
        var band = new ConformalCalibration.Band(2, 5, table(1.0));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new ConformalCalibration(
                                        5, table(1.0), 0, "t", SHA, List.of(band), null, 0));
        assertTrue(e.getMessage().contains("start at 1"), e.getMessage());
        var one = new ConformalCalibration.Band(1, 5, table(1.0));
        var fewer =
                new ConformalCalibration.Band(
                        2,
                        5,
                        List.of(new ConformalCalibration.Level(ConformalCalibration.ONE_SD, 1)));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new ConformalCalibration(
                                        5, table(1.0), 0, "t", SHA, List.of(one, fewer), null, 0));
        assertTrue(e.getMessage().contains("levels"), e.getMessage());
    }

    private static List<ConformalCalibration.Level> table(double q) {
        return ConformalCalibration.DEFAULT_LEVELS.stream()
                .map(l -> new ConformalCalibration.Level(l, q * l))
                .toList();
    }

    private static int[] counts(int... perSegmentCount) {
        int total = Arrays.stream(perSegmentCount).sum();
        int[] s = new int[total];
        for (int c = 0, at = 0; c < perSegmentCount.length; c++) {
            for (int i = 0; i < perSegmentCount[c]; i++) {
                s[at++] = c + 1;
            }
        }
        return s;
    }
}
