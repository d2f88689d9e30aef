package dev.varsent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {

    @Test
    void roundsToTheGivenPlaces() {
        assertEquals(168.63, BenchFigures.round(168.6349, 2));
        assertEquals(0.9, BenchFigures.round(0.86, 1));
        assertEquals(0.123, BenchFigures.round(0.123456, 3));
        assertEquals(0.1235, BenchFigures.round(0.123456, 4));
        assertEquals(230.0, BenchFigures.round(229.7, 0));
    }

    @Test
    void halvesGoTowardsPositiveInfinityAndNanGivesZero() {
        assertEquals(0.3, BenchFigures.round(0.25, 1));
        assertEquals(-0.2, BenchFigures.round(-0.25, 1));
        assertEquals(0.0, BenchFigures.round(Double.NaN, 2));
    }

    /** The helper replaced the benches' own {@code Math.round(v * 10^d) / 10^d}, bit for bit. */
    @Test
    void equalsTheScaledMathRoundBitForBit() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(7));
            assertEquals(Math.round(v * 10) / 10.0, BenchFigures.round(v, 1));
            assertEquals(Math.round(v * 100) / 100.0, BenchFigures.round(v, 2));
            assertEquals(Math.round(v * 1000) / 1000.0, BenchFigures.round(v, 3));
            assertEquals(Math.round(v * 1e4) / 1e4, BenchFigures.round(v, 4));
        }
    }

    @Test
    void refusesPlacesOutsideZeroToNine() {
        assertThrows(IllegalArgumentException.class, () -> BenchFigures.round(1, -1));
        assertThrows(IllegalArgumentException.class, () -> BenchFigures.round(1, 10));
    }
}
