package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaperReportTest {
    private static EpochMetrics epoch(int n, double testApprox, double testMc) {
        return new EpochMetrics(n, 0.5, 0.1, testApprox, testMc, Double.NaN, 1.0);
    }

    @Test
    void theMeanOfTheLastEpochsSkipsEpochsWithoutTheFigure() {
        List<EpochMetrics> e =
                List.of(epoch(1, 0.16, Double.NaN), epoch(2, 0.15, 0.152), epoch(3, 0.14, 0.148));
        assertEquals(0.150, PaperReport.meanOf(e, EpochMetrics::testRmseMc), 1e-12);
        assertEquals(0.150, PaperReport.meanOf(e, EpochMetrics::testRmseApprox), 1e-12);
        assertTrue(
                Double.isNaN(
                        PaperReport.meanOf(
                                List.of(epoch(1, 0.2, Double.NaN)), EpochMetrics::testRmseMc)));
    }
}
