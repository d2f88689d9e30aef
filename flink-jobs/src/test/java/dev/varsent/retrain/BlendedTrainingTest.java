package dev.varsent.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.varsent.blend.BlendedPredictor;
import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.scoring.BundlePredictorFactory;
import dev.varsent.scoring.ScoringSettings;
import dev.varsent.scoring.TestModels;
import dev.varsent.train.LabelledText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training option that makes a trained model wide-and-deep, and the serving path of such a
 * model.
 */
class BlendedTrainingTest {
    private static List<LabelledText> examples(int n) {
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(
                    new LabelledText(
                            "review-" + i,
                            (i % 3 == 0
                                            ? "a fine film, well acted"
                                            : i % 3 == 1
                                                    ? "a dull plot, badly acted"
                                                    : "an ordinary film")
                                    + " and number "
                                    + i,
                            (i % 3) == 0 ? 0.8 : (i % 3) == 1 ? 0.2 : 0.5));
        }
        return out;
    }

    @Test
    void withTheOptionTheModelIsBlendedAndServedBlendedByEveryFactory(@TempDir Path dir)
            throws Exception {
        CalibratedTraining split = CalibratedTraining.split(examples(700));
        SentimentModel trained = SentimentModel.load(TestModels.trainedBundle());
        SentimentModel blended = split.fit(trained, 2, 1, 1, true);
        assertThat(blended.blended()).isTrue();
        assertThat(blended.calibrated()).isTrue();
        assertThat(blended.calibration().split()).contains("blended predictions");
        assertThat(blended.blend().errorRidge()).isNotNull();
        assertThat(blended.provenance().notes().get(CalibratedTraining.NOTE_BLEND))
                .contains("bag-of-words ridge");
        Predictor served = ScoringSettings.DEFAULTS.predictorFor(blended);
        assertThat(served).isInstanceOf(BlendedPredictor.class);

        Path bundle = dir.resolve("blended.bundle");
        blended.save(bundle);
        Predictor fromFile = new BundlePredictorFactory(bundle.toString()).create();
        assertThat(fromFile).isInstanceOf(BlendedPredictor.class);
        List<String> texts =
                List.of("a fine film, well acted", "a dull plot, badly acted and long");
        List<Prediction> a = served.predict(texts, 1), b = fromFile.predict(texts, 1);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(b.get(i).score()).isCloseTo(a.get(i).score(), within(1e-6));
            assertThat(b.get(i).upper()).isGreaterThanOrEqualTo(b.get(i).score());
            // the served scale holds the blend's word error, as the bundle carries it
            assertThat(b.get(i).calibratedStd()).isCloseTo(a.get(i).calibratedStd(), within(1e-6));
        }
        ((BlendedPredictor) served).close();
        ((BlendedPredictor) fromFile).close();
    }

    @Test
    void withoutTheOptionTheModelIsTheNetworkAlone() throws Exception {
        CalibratedTraining split = CalibratedTraining.split(examples(300));
        SentimentModel fitted =
                split.fit(SentimentModel.load(TestModels.trainedBundle()), 2, 1, 1, false);
        assertThat(fitted.blended()).isFalse();
        assertThat(fitted.provenance().notes()).doesNotContainKey(CalibratedTraining.NOTE_BLEND);
        assertThat(ScoringSettings.DEFAULTS.predictorFor(fitted)).isInstanceOf(McPredictor.class);
    }

    @Test
    void aSplitTooSmallToChooseTheWeightOnLeavesTheModelUnblendedAndSaysSo() throws Exception {
        CalibratedTraining split =
                CalibratedTraining.split(examples(150)); // about 15 calibration reviews
        SentimentModel fitted =
                split.fit(SentimentModel.load(TestModels.trainedBundle()), 2, 1, 1, true);
        assertThat(fitted.blended()).isFalse();
        assertThat(fitted.provenance().notes().get(CalibratedTraining.NOTE_BLEND))
                .startsWith("none:");
    }
}
