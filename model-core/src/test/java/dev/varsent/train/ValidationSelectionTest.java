package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.data.CalibrationSplit;
import dev.varsent.nn.Readout;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationSelectionTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /**
     * Each review of the first {@code n} short reviews cut into three segments with ids
     * review#0..2.
     */
    private static List<LabelledText> segmented(int n) {
        List<LabelledText> out = new ArrayList<>();
        for (LabelledText r : ExampleTrainerTest.shortReviews(n)) {
            String[] w = r.text().split(" ");
            int third = Math.max(1, w.length / 3);
            for (int i = 0; i < 3 && i * third < w.length; i++) {
                String part =
                        String.join(
                                " ",
                                List.of(w).subList(i * third, Math.min(w.length, (i + 1) * third)));
                out.add(new LabelledText(r.id() + "#" + i, part, r.rating()));
            }
        }
        return out;
    }

    @Test
    void validationHoldsWholeReviewsAndIsIndependentOfTheCalibrationSplit() {
        List<LabelledText> side = segmented(400);
        CalibrationSplit.Split<LabelledText> split = ValidationSelection.split(side);
        Set<String> validationReviews = new HashSet<>();
        split.calibration()
                .forEach(t -> validationReviews.add(ValidationSelection.reviewId(t.id())));
        assertTrue(
                split.train().stream()
                        .noneMatch(
                                t ->
                                        validationReviews.contains(
                                                ValidationSelection.reviewId(t.id()))));
        int held = split.calibration().size();
        assertTrue(
                held > side.size() / 20 && held < side.size() * 3 / 10,
                held + " of " + side.size());
        Set<String> calibrationReviews = new HashSet<>();
        CalibrationSplit.split(side, t -> ValidationSelection.reviewId(t.id()))
                .calibration()
                .forEach(t -> calibrationReviews.add(ValidationSelection.reviewId(t.id())));
        assertNotEquals(validationReviews, calibrationReviews);
    }

    @Test
    void joinedReviewsConcatenateSegmentsInOrder() {
        List<LabelledText> parts =
                List.of(
                        new LabelledText("r#1", "b", 0.3),
                        new LabelledText("q", "x", 0.9),
                        new LabelledText("r#0", "a", 0.3),
                        new LabelledText("r#10", "c", 0.3));
        assertEquals(
                List.of(new LabelledText("r", "a b c", 0.3), new LabelledText("q", "x", 0.9)),
                ValidationSelection.joinedReviews(parts));
    }

    @Test
    void everyCandidateIsTrainedCalibratedAndValidated() {
        TrainingOptions base = ExampleTrainerTest.tiny(2, 1e-2, 8, 8);
        TrainingOptions mean =
                new TrainingOptions(
                        base.dataDir(),
                        base.outputDir(),
                        "mean",
                        base.seed(),
                        2,
                        base.batchSize(),
                        base.learningRate(),
                        base.clipNorm(),
                        base.vocabSize(),
                        base.segmentLength(),
                        8,
                        8,
                        base.cell(),
                        base.dropout(),
                        0.1,
                        0.1,
                        0.1,
                        0.1,
                        1e-5,
                        Readout.MEAN,
                        null,
                        4,
                        1,
                        1,
                        0);
        List<ValidationSelection.Result> results =
                ValidationSelection.run(
                        segmented(300),
                        List.of(
                                new ValidationSelection.Candidate("last", base),
                                new ValidationSelection.Candidate("mean", mean)),
                        4,
                        3,
                        QUIET);
        assertEquals(
                List.of("last", "mean"),
                results.stream().map(ValidationSelection.Result::name).toList());
        for (ValidationSelection.Result r : results) {
            assertTrue(r.reviewRmseMc() > 0.01 && r.reviewRmseMc() < 0.5, r.toString());
            assertTrue(r.segmentRmseMc() > 0.01 && r.segmentRmseMc() < 0.5, r.toString());
            assertTrue(r.validationReviews() < r.validationSegments(), r.toString());
            assertTrue(r.coverage90() >= 0 && r.coverage90() <= 1, r.toString());
        }
        assertEquals(
                Math.min(results.get(0).reviewRmseMc(), results.get(1).reviewRmseMc()),
                ValidationSelection.best(results).reviewRmseMc());
    }
}
