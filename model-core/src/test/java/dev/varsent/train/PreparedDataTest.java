package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.data.CalibrationSplit;
import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The train command's calibration split on a slice of the real scale data. */
class PreparedDataTest {

    private static TrainingOptions slice() {
        return new TrainingOptions(
                ScaleData.defaultDir(),
                Path.of("unused"),
                "slice",
                3,
                1,
                32,
                3e-3,
                5.0,
                800,
                60,
                16,
                16,
                CellType.LSTM,
                DropoutMode.VARIATIONAL_UNTIED,
                0.25,
                1e-4,
                4,
                1,
                1,
                300);
    }

    @Test
    void withoutACalibrationFractionTheDataIsThePapersExactly() {
        PreparedData paper = PreparedData.load(slice());
        assertTrue(paper.calibration().isEmpty());
        assertEquals("none", paper.calibrationSplit());
        PreparedData zero = PreparedData.load(slice(), 0);
        assertEquals(paper.trainSequences().size(), zero.trainSequences().size());
        assertTrue(Arrays.equals(paper.trainRatings(), zero.trainRatings()));
    }

    @Test
    void calibrationReviewsLeaveTheTrainingSideWholeAndTheTestSideIsUntouched() {
        PreparedData paper = PreparedData.load(slice());
        PreparedData held = PreparedData.load(slice(), CalibrationSplit.DEFAULT_FRACTION);
        assertFalse(held.calibration().isEmpty());
        assertTrue(
                held.calibration().stream()
                        .allMatch(
                                r ->
                                        CalibrationSplit.isCalibration(
                                                r.id(), CalibrationSplit.DEFAULT_FRACTION)));
        assertTrue(held.trainSequences().size() < paper.trainSequences().size());
        assertEquals(paper.testSequences().size(), held.testSequences().size());
        assertTrue(
                Arrays.equals(paper.testRatings(), held.testRatings()),
                "the test side is the paper's");
        assertTrue(
                held.calibrationSplit().startsWith("calibration split"), held.calibrationSplit());
        for (Review r : held.calibration()) {
            assertFalse(r.text().isBlank());
        }
    }
}
