package dev.varsent.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.config.RoutingMode;
import dev.varsent.events.TestEvents;
import dev.varsent.model.AdaptiveSampling;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.predict.RoutingCut;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.scoring.BundlePredictorFactory;
import dev.varsent.scoring.PredictorFactory;
import dev.varsent.scoring.ScoringSettings;
import dev.varsent.scoring.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scorer's view of its router's cut. */
class RouterCutTest {
    private static final RoutingSettings TARGET_RATE =
            new RoutingSettings(RoutingMode.TARGET_RATE, UncertaintySignal.TOTAL, 0.3, 0.1, 30, 10);

    private static Prediction withStd(double std) {
        return TestEvents.regression(0.5, std);
    }

    @Test
    void aFixedThresholdLeavesTheCutToThePredictor() {
        RouterCut cut =
                RouterCut.of(RoutingSettings.threshold(UncertaintySignal.TOTAL, 0.2), false);
        assertThat(cut.next(8)).isNull();
        cut.emitted(withStd(0.5));
        assertThat(cut.next(8)).isNull();
        assertThat(RouterCut.configured().next(1)).isNull();
    }

    /** Fed what the router is fed, the copy's cut is the router's at every step. */
    @Test
    void aFreshCopyFollowsTheRoutersCut() {
        RouterCut cut = RouterCut.of(TARGET_RATE, false);
        RoutingRule router = TARGET_RATE.newRule();
        for (int i = 0; i < 100; i++) {
            double std = 0.05 + ((i * 37) % 100) / 200.0;
            double applied = router.currentCut();
            assertThat(cut.next(1)).isEqualTo(new RoutingCut(lowerOf(applied, i), applied));
            Prediction p = withStd(std);
            router.decide(p.uncertainty(UncertaintySignal.TOTAL), "total");
            cut.emitted(p);
        }
    }

    /** Warming up (the first 10) the fixed threshold; after, a quantile cut, ties excluded. */
    private static double lowerOf(double applied, int seen) {
        return seen < 10 ? applied : Math.nextDown(applied);
    }

    @Test
    void afterARestoreTheCutIsUnknownUntilAWholeWindowHasPassed() {
        RouterCut cut = RouterCut.of(TARGET_RATE, true);
        for (int i = 0; i < 30; i++) {
            assertThat(cut.inStep()).isFalse();
            assertThat(cut.next(4)).isEqualTo(RoutingCut.UNKNOWN);
            cut.emitted(withStd(Double.NaN)); // the router skips it: so does the copy
            cut.emitted(withStd(0.1 + i / 100.0));
        }
        assertThat(cut.inStep()).isTrue();
        assertThat(cut.next(1).unknown()).isFalse();
    }

    /**
     * A fixed threshold far above every review's uncertainty: against the null cut (the configured
     * threshold, which a predictor itself refuses) each review stops early, against an unknown cut
     * it gets all K.
     */
    @Test
    void aNullCutScoresAgainstThePredictorsConfiguredThreshold() throws Exception {
        int k = 10;
        PredictorFactory factory =
                new BundlePredictorFactory(
                        TestModels.trainedBundle().toString(),
                        new ScoringSettings(
                                0,
                                Double.NaN,
                                new AdaptiveSampling(2, 0.2, UncertaintySignal.TOTAL, 1e6)));
        RouterCut cut = factory.routerCut(false);
        List<String> texts =
                List.of("a wonderful film , moving and funny", "dull , slow and far too long");
        assertThat(cut.next(texts.size())).isNull();
        Predictor predictor = factory.create();
        try {
            assertThatThrownBy(() -> predictor.predict(texts, k, null))
                    .isInstanceOf(NullPointerException.class);
            assertThat(RouterCut.predict(predictor, texts, k, cut.next(texts.size())))
                    .hasSize(2)
                    .allSatisfy(p -> assertThat(p.samples()).isLessThan(k));
            assertThat(RouterCut.predict(predictor, texts, k, RoutingCut.UNKNOWN))
                    .hasSize(2)
                    .allSatisfy(p -> assertThat(p.samples()).isEqualTo(k));
        } finally {
            if (predictor instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
