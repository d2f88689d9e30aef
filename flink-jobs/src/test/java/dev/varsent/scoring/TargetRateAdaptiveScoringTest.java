package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.RoutingMode;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.TestEvents;
import dev.varsent.model.AdaptiveSampling;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.routing.RoutingSettings;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * Adaptive MC sampling in the scoring operator with a target-rate router: the operator follows the
 * router's cut from the predictions it emits, samples adaptively against it, and after a restore
 * gives every review all K until it has seen a whole window of new ones.
 */
class TargetRateAdaptiveScoringTest {
    private static final int K = 10;
    private static final int WINDOW = 24;
    private static final BatchSettings BATCHES = new BatchSettings(4, 10_000, K, 50);

    private static ScoringSettings settings(RoutingMode mode, double threshold) {
        return new ScoringSettings(
                0,
                Double.NaN,
                new AdaptiveSampling(2, 0.2, UncertaintySignal.TOTAL, threshold),
                new RoutingSettings(mode, UncertaintySignal.TOTAL, threshold, 0.2, WINDOW, 8));
    }

    private static ScoringHarness harness(ScoringSettings settings) throws Exception {
        return new ScoringHarness(
                BATCHES,
                new BundlePredictorFactory(TestModels.trainedBundle().toString(), settings));
    }

    private static void feed(ScoringHarness h, int from, int to) throws Exception {
        String[] texts = {
            "a wonderful film , moving and funny",
            "dull , slow and far too long",
            "the acting was fine but the plot made no sense at all",
            "great",
            "awful",
            "i have mixed feelings about this one ; some scenes work , most do not"
        };
        for (int i = from; i < to; i++) {
            h.processReview(TestEvents.review("r" + i, texts[i % texts.length] + " " + i));
        }
    }

    private static List<Integer> samples(ScoringHarness h) {
        return h.extractOutputValues().stream().map(s -> s.prediction().samples()).toList();
    }

    /** A threshold amid the model's total signals on the test reviews, by all K samples. */
    private static double medianSignal() throws Exception {
        try (var h = harness(new ScoringSettings(0, Double.NaN))) {
            h.open();
            feed(h, 0, 24);
            return h.extractOutputValues().stream()
                    .mapToDouble(s -> s.prediction().uncertainty(UncertaintySignal.TOTAL))
                    .sorted()
                    .toArray()[12];
        }
    }

    @Test
    void aFreshSubtaskSamplesAdaptivelyAgainstTheRoutersCut() throws Exception {
        double threshold = medianSignal();
        for (RoutingMode mode : RoutingMode.values()) {
            try (var h = harness(settings(mode, threshold))) {
                h.open();
                feed(h, 0, 96);
                List<Integer> samples = samples(h);
                assertThat(samples).hasSize(96).allSatisfy(n -> assertThat(n).isBetween(2, K));
                assertThat(samples.subList(WINDOW, 96))
                        .as("%s: after warm-up some reviews stop early", mode)
                        .anySatisfy(n -> assertThat(n).isLessThan(K));
                assertThat(h.extractOutputValues()).allSatisfy(s -> assertThat(s.k()).isEqualTo(K));
            }
        }
    }

    @Test
    void afterARestoreEveryReviewGetsAllKUntilAWindowHasPassed() throws Exception {
        ScoringSettings settings = settings(RoutingMode.TARGET_RATE, medianSignal());
        OperatorSubtaskState snapshot;
        try (var h = harness(settings)) {
            h.open();
            feed(h, 0, 48);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var restored = harness(settings)) {
            restored.initializeState(snapshot);
            restored.open();
            feed(restored, 48, 144);
            List<Integer> samples = samples(restored);
            assertThat(samples).hasSize(96);
            assertThat(samples.subList(0, WINDOW))
                    .as("the router's restored window is not known here")
                    .allSatisfy(n -> assertThat(n).isEqualTo(K));
            assertThat(samples.subList(WINDOW, 96)).anySatisfy(n -> assertThat(n).isLessThan(K));
            assertThat(restored.extractOutputValues().stream().map(ScoredReview::review))
                    .hasSize(96);
        }
    }
}
