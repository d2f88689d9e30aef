package dev.varsent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NiceScaleTest {

    @Test
    void epochsGetTicksInTens() {
        NiceScale s = NiceScale.covering(1, 50, 6);
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0), s.ticks());
        assertEquals("30", s.label(30));
    }

    @Test
    void rmseRangeGetsDecimalTicksWithoutDrift() {
        NiceScale s = NiceScale.covering(0.83, 1.21, 6);
        assertEquals(0.1, s.step(), 1e-15);
        assertEquals(List.of(0.8, 0.9, 1.0, 1.1, 1.2, 1.3), s.ticks());
        assertEquals("0.9", s.label(0.9));
        assertEquals("1.0", s.label(1.0));
    }

    @Test
    void boundsOnATickDoNotAddAnExtraTick() {
        NiceScale s = NiceScale.covering(0.3, 0.6, 4);
        assertEquals(0.3, s.min());
        assertEquals(0.6, s.max());
    }

    @Test
    void ticksCoverTheData() {
        double[][] ranges = {{-3.7, 12.2}, {0.0012, 0.0049}, {1000, 250000}, {-1, -0.5}};
        for (double[] r : ranges) {
            NiceScale s = NiceScale.covering(r[0], r[1], 6);
            assertTrue(s.min() <= r[0] && s.max() >= r[1], s.toString());
            int n = s.ticks().size();
            assertTrue(n >= 3 && n <= 11, "ticks " + s.ticks());
        }
    }

    @Test
    void aSingleValueIsWidenedAroundIt() {
        NiceScale s = NiceScale.covering(0.5, 0.5, 6);
        assertTrue(s.min() < 0.5 && s.max() > 0.5);
        NiceScale zero = NiceScale.covering(0, 0, 6);
        assertTrue(zero.min() < 0 && zero.max() > 0);
    }

    @Test
    void negativeZeroIsLabelledZero() {
        NiceScale s = NiceScale.covering(-1, 1, 5);
        assertEquals("0.0", s.label(-0.0));
        assertEquals("-0.5", s.label(-0.5));
    }

    @Test
    void rejectsAnInvalidRange() {
        assertThrows(IllegalArgumentException.class, () -> NiceScale.covering(2, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> NiceScale.covering(Double.NaN, 1, 6));
    }
}
