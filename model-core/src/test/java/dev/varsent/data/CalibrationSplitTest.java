package dev.varsent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CalibrationSplitTest {

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("author" + (i % 4) + "/" + i);
        }
        return ids;
    }

    @Test
    void aboutTheFractionIsHeldOutByIdAlone() {
        List<String> ids = ids(5000);
        CalibrationSplit.Split<String> s = CalibrationSplit.split(ids, Function.identity());
        assertEquals(0.1, s.calibration().size() / 5000.0, 0.015);
        assertEquals(5000, s.train().size() + s.calibration().size());
        assertTrue(Collections.disjoint(new HashSet<>(s.train()), new HashSet<>(s.calibration())));
        assertTrue(s.description().contains(s.calibration().size() + " of 5000"), s.description());

        List<String> shuffled = new ArrayList<>(ids.subList(0, 3000));
        Collections.shuffle(shuffled, new Random(3));
        CalibrationSplit.Split<String> fewer =
                CalibrationSplit.split(shuffled, Function.identity());
        for (String id : fewer.calibration()) {
            assertTrue(
                    s.calibration().contains(id), "the same review stays on the same side: " + id);
        }
        for (String id : fewer.train()) {
            assertTrue(s.train().contains(id));
        }
    }

    @Test
    void segmentsOfOneReviewStayTogether() {
        record Seg(String review, int index) {}
        List<Seg> segs = new ArrayList<>();
        for (String id : ids(500)) {
            for (int j = 0; j < 3; j++) {
                segs.add(new Seg(id, j));
            }
        }
        CalibrationSplit.Split<Seg> s = CalibrationSplit.split(segs, Seg::review, 0.2);
        assertEquals(0, s.calibration().size() % 3);
        for (Seg seg : s.calibration()) {
            assertTrue(CalibrationSplit.isCalibration(seg.review(), 0.2));
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> CalibrationSplit.split(segs, Seg::review, 1.0));
    }

    @Test
    void segmentIdsNameTheirReview() {
        assertEquals("Dennis+Schwartz/1234", CalibrationSplit.reviewId("Dennis+Schwartz/1234#3"));
        assertEquals("Dennis+Schwartz/1234", CalibrationSplit.reviewId("Dennis+Schwartz/1234"));
        assertEquals("a#b", CalibrationSplit.reviewId("a#b"));
        assertEquals("a#", CalibrationSplit.reviewId("a#"));
        List<String> ids = new ArrayList<>();
        for (String review : ids(300)) {
            ids.add(review + "#0");
            ids.add(review + "#1");
        }
        CalibrationSplit.Split<String> s =
                CalibrationSplit.split(ids, id -> CalibrationSplit.reviewId(id));
        for (int i = 0; i < ids.size(); i += 2) {
            assertEquals(
                    s.calibration().contains(ids.get(i)), s.calibration().contains(ids.get(i + 1)));
        }
    }
}
