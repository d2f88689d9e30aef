package dev.varsent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.RoutingMode;
import dev.varsent.events.TestEvents;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.RoutingCut;
import dev.varsent.predict.UncertaintySignal;
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
}
