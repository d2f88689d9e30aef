package dev.varsent.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.data.CalibrationSplit;
import dev.varsent.model.SentimentModel;
import dev.varsent.scoring.ScoringSettings;
import dev.varsent.scoring.TestModels;
import dev.varsent.train.ExampleTrainer;
import dev.varsent.train.LabelledText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibratedTrainingTest {

    private static List<LabelledText> examples(int n) {
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(
                    new LabelledText(
                            "review-" + i,
                            (i % 2 == 0 ? "a fine film, well acted" : "a dull plot, badly acted")
                                    + " and number "
                                    + i,
                            i % 2 == 0 ? 0.8 : 0.2));
        }
        return out;
    }

    @Test
    void theCalibrationReviewsAreHeldOutOfTrainingByTheirId() {
        List<LabelledText> side = examples(400);
        CalibratedTraining split = CalibratedTraining.split(side);
        assertThat(split.train().size() + split.calibration().size()).isEqualTo(400);
        assertThat(split.calibration().size()).isBetween(20, 60);
        assertThat(split.train()).doesNotContainAnyElementsOf(split.calibration());
        assertThat(split.calibration())
                .allMatch(
                        t ->
                                CalibrationSplit.isCalibration(
                                        t.id(), CalibrationSplit.DEFAULT_FRACTION));
        assertThat(split.notes())
                .containsEntry(
                        CalibratedTraining.NOTE_CALIBRATION_EXAMPLES,
                        Integer.toString(split.calibration().size()));
        assertThat(split.notes().get(CalibratedTraining.NOTE_CALIBRATION))
                .contains("held out of training");
    }

    @Test
    void theSegmentsOfOneReviewStayOnOneSide() {
        List<LabelledText> segments = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            for (int s = 0; s < 3; s++) {
                segments.add(
                        new LabelledText(
                                "review-" + i + "#" + s, "part " + s + " of review " + i, 0.5));
            }
        }
        CalibratedTraining split = CalibratedTraining.split(segments);
        assertThat(split.calibration()).isNotEmpty();
        for (LabelledText t : split.calibration()) {
            String review = CalibrationSplit.reviewId(t.id());
            assertThat(split.train())
                    .noneMatch(o -> CalibrationSplit.reviewId(o.id()).equals(review));
        }
    }

    @Test
    void tooFewExamplesTrainOnAllAndStayUncalibrated() throws Exception {
        // 40 examples put about 4 in the calibration split: too few for a finite 90 % interval
        List<LabelledText> few = examples(40);
        assertThat(CalibratedTraining.split(few).train()).isEqualTo(few);
        assertThat(CalibratedTraining.split(few).calibration()).isEmpty();
        List<LabelledText> one = examples(1);
        CalibratedTraining split = CalibratedTraining.split(one);
        assertThat(split.train()).isEqualTo(one);
        assertThat(split.calibration()).isEmpty();
        assertThat(split.notes().get(CalibratedTraining.NOTE_CALIBRATION)).contains("uncalibrated");
        SentimentModel model = SentimentModel.load(TestModels.trainedBundle());
        assertThat(split.fit(model, 2, 1, 1)).isSameAs(model);
    }

    @Test
    void theFitGivesTheModelConformalIntervalsScoredLikeTheJob() throws Exception {
        CalibratedTraining split = CalibratedTraining.split(examples(300));
        SentimentModel fitted = split.fit(SentimentModel.load(TestModels.trainedBundle()), 3, 1, 1);
        assertThat(fitted.calibrated()).isTrue();
        assertThat(fitted.calibration().n()).isEqualTo(split.calibration().size());
        assertThat(fitted.novelty()).isNotNull();
        var p =
                ScoringSettings.DEFAULTS
                        .predictorFor(fitted)
                        .predict(List.of("a fine film, well acted"), 3)
                        .get(0);
        assertThat(p.lower()).isLessThanOrEqualTo(p.score());
        assertThat(p.upper()).isGreaterThanOrEqualTo(p.score());
        assertThat(p.intervalLevel()).isEqualTo(0.9);
        double rmse =
                ExampleTrainer.rmse(
                        fitted, split.calibration(), 3, 1, 1, ScoringSettings.DEFAULTS.options());
        assertThat(rmse).isBetween(0.0, 1.0);
    }
}
