package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.config.ConfigException;
import dev.varsent.config.RoutingMode;
import dev.varsent.config.VarsentConfig;
import dev.varsent.model.AdaptiveSampling;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.predict.RoutingCut;
import dev.varsent.predict.UncertaintySignal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringSettingsTest {

    @Test
    void theDefaultsAreElevenSegmentsAndTheModelsRatingMean() {
        ScoringSettings defaults = ScoringSettings.from(VarsentConfig.of(Map.of()));
        assertThat(defaults).isEqualTo(ScoringSettings.DEFAULTS);
        assertThat(defaults.maxSegments()).isEqualTo(11);
        assertThat(defaults.decisionThreshold()).isNaN();
        ScoringSettings set =
                ScoringSettings.from(
                        VarsentConfig.of(
                                Map.of(
                                        "scoring.max-segments",
                                        "3",
                                        "scoring.decision-threshold",
                                        "0.6")));
        assertThat(set).isEqualTo(new ScoringSettings(3, 0.6));
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("scoring.decision-threshold", "1.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "scoring.decision-threshold=1.5: expected a number in [0, 1], or nothing");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("scoring.max-segments", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scoring.max-segments=0");
    }

    @Test
    void theJobsPredictorsScoreAtMostTheCapOfSegmentsAndSayWhenTheyCut() throws Exception {
        // the test model's segments hold 60 tokens: 400 words are 7 segments
        String longReview = "a fine film with a plot that works and actors who care ".repeat(36);
        String shortReview = "a fine film";
        Predictor capped =
                new BundlePredictorFactory(
                                TestModels.trainedBundle().toString(), new ScoringSettings(2, 0.5))
                        .create();
        List<Prediction> p = capped.predict(List.of(longReview, shortReview), 4);
        assertThat(p.get(0).segments()).isEqualTo(2);
        assertThat(p.get(0).truncated()).isTrue();
        assertThat(p.get(1).segments()).isEqualTo(1);
        assertThat(p.get(1).truncated()).isFalse();

        Predictor whole =
                new BundlePredictorFactory(TestModels.trainedBundle().toString()).create();
        Prediction uncut = whole.predict(List.of(longReview), 4).get(0);
        assertThat(uncut.segments()).isGreaterThan(2);
        assertThat(uncut.truncated()).isFalse();
    }

    @Test
    void aHotSwappedModelIsScoredWithTheJobsSettings() throws Exception {
        String longReview = "a fine film with a plot that works and actors who care ".repeat(36);
        BundlePredictorFactory factory =
                new BundlePredictorFactory(
                        TestModels.trainedBundle().toString(), new ScoringSettings(3, 0.5));
        Predictor swapped =
                factory.predictorFor(
                        dev.varsent.model.SentimentModel.load(TestModels.secondTrainedBundle()));
        assertThat(swapped.predict(List.of(longReview), 2).get(0).segments()).isEqualTo(3);
    }

    @Test
    void adaptiveSamplingIsReadFromTheScoringAndRoutingKeys() {
        assertThat(ScoringSettings.from(VarsentConfig.of(Map.of())).adaptive()).isNull();
        ScoringSettings on =
                ScoringSettings.from(
                        VarsentConfig.of(
                                Map.of(
                                        "scoring.mc.adaptive",
                                        "true",
                                        "scoring.mc.min-samples",
                                        "3",
                                        "scoring.mc.error-rate",
                                        "0.02",
                                        "routing.signal",
                                        "epistemic",
                                        "routing.threshold",
                                        "0.08")));
        assertThat(on.adaptive())
                .isEqualTo(new AdaptiveSampling(3, 0.02, UncertaintySignal.EPISTEMIC, 0.08));
        assertThat(on.options().adaptive()).as("holdout and calibration take all K").isNull();
        assertThat(on.routerCut(false).next(4)).as("a fixed threshold: the predictor's").isNull();
        ScoringSettings targetRate =
                ScoringSettings.from(
                        VarsentConfig.of(
                                Map.of(
                                        "scoring.mc.adaptive",
                                        "true",
                                        "routing.mode",
                                        "target-rate",
                                        "routing.threshold",
                                        "0.2")));
        assertThat(targetRate.adaptive()).as("a moving cut, followed by the scorer").isNotNull();
        assertThat(targetRate.routing().mode()).isEqualTo(RoutingMode.TARGET_RATE);
        assertThat(targetRate.routerCut(false).next(4))
                .as("warming up: the fallback threshold")
                .isEqualTo(RoutingCut.fixed(0.2));
        assertThat(targetRate.routerCut(true).next(4)).isEqualTo(RoutingCut.UNKNOWN);
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("scoring.mc.min-samples", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scoring.mc.min-samples=1");
        assertThatThrownBy(() -> VarsentConfig.of(Map.of("scoring.mc.error-rate", "0.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scoring.mc.error-rate=0.5");
    }

    @Test
    void theJobsAdaptivePredictorsSayHowManySamplesEachReviewGot() throws Exception {
        List<String> reviews =
                List.of(
                        "a fine film",
                        "a dull and tiresome film with nothing in it",
                        "a fine film with a plot that works and actors who care ".repeat(12));
        // every total std is far below 5: each review stops after the first round of 3
        ScoringSettings clear =
                new ScoringSettings(
                        11,
                        Double.NaN,
                        new AdaptiveSampling(3, 0.05, UncertaintySignal.TOTAL, 5.0));
        Predictor adaptive =
                new BundlePredictorFactory(TestModels.trainedBundle().toString(), clear).create();
        for (Prediction p : adaptive.predict(reviews, 10)) {
            assertThat(p.samples()).isEqualTo(3);
        }
        Predictor full = new BundlePredictorFactory(TestModels.trainedBundle().toString()).create();
        for (Prediction p : full.predict(reviews, 10)) {
            assertThat(p.samples()).isEqualTo(10);
        }
    }
}
