package dev.varsent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.RoutingMode;
import dev.varsent.events.RelabelRequest;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.SideOutputs;
import dev.varsent.events.TestEvents;
import dev.varsent.predict.UncertaintySignal;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RouteByUncertaintyTest {

    private static OneInputStreamOperatorTestHarness<ScoredReview, ScoredReview> harness(
            RoutingSettings settings) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new RouteByUncertainty(settings)));
    }

    private static List<String> relabelled(
            OneInputStreamOperatorTestHarness<ScoredReview, ScoredReview> h) {
        return h.getSideOutput(SideOutputs.RELABEL_REQUESTS).stream()
                .map(StreamRecord::getValue)
                .map(r -> r.scored().review().id())
                .collect(Collectors.toList());
    }

    private static List<RelabelRequest> requests(
            OneInputStreamOperatorTestHarness<ScoredReview, ScoredReview> h) {
        return h.getSideOutput(SideOutputs.RELABEL_REQUESTS).stream()
                .map(StreamRecord::getValue)
                .toList();
    }

    @Test
    void confidentPredictionsGoToTheMainOutputAndDoubtfulOnesToRelabelWithTheirRule()
            throws Exception {
        try (var h = harness(RoutingSettings.threshold(UncertaintySignal.EPISTEMIC, 0.12))) {
            h.open();
            h.processElement(TestEvents.scored("sure", 0.05), 0);
            h.processElement(TestEvents.scored("doubtful", 0.3), 0);
            h.processElement(TestEvents.scored("broken", Double.NaN), 0);
            assertThat(h.extractOutputValues())
                    .extracting(s -> s.review().id())
                    .containsExactly("sure");
            assertThat(relabelled(h)).containsExactly("doubtful", "broken");
            List<String> rules =
                    h.getSideOutput(SideOutputs.RELABEL_REQUESTS).stream()
                            .map(StreamRecord::getValue)
                            .map(RelabelRequest::rule)
                            .toList();
            assertThat(rules)
                    .containsExactly("threshold epistemic_std>0.12", "non-finite uncertainty");
        }
    }

    @Test
    void theTotalSignalRoutesANoisyReviewThatTheEpistemicSignalTrusts() throws Exception {
        // "noisy": the model is sure of its mean (MC std 0.05) but the rating is unpredictable
        // (aleatoric 0.3);
        // "unlearned": the MC samples disagree (0.2) on a review whose rating the model can predict
        // (0.02).
        List<ScoredReview> input =
                List.of(
                        TestEvents.scored("noisy", 0.05, 0.3),
                        TestEvents.scored("unlearned", 0.2, 0.02),
                        TestEvents.scored("plain", 0.05, 0.05));
        try (var total = harness(RoutingSettings.threshold(UncertaintySignal.TOTAL, 0.15));
                var epistemic =
                        harness(RoutingSettings.threshold(UncertaintySignal.EPISTEMIC, 0.15))) {
            total.open();
            epistemic.open();
            for (ScoredReview scored : input) {
                total.processElement(scored, 0);
                epistemic.processElement(scored, 0);
            }
            assertThat(relabelled(total)).containsExactly("noisy", "unlearned");
            assertThat(requests(total))
                    .extracting(RelabelRequest::signal)
                    .containsOnly(UncertaintySignal.TOTAL);
            assertThat(requests(total))
                    .extracting(RelabelRequest::rule)
                    .containsOnly("threshold total>0.15");
            assertThat(total.extractOutputValues())
                    .extracting(s -> s.review().id())
                    .containsExactly("plain");

            assertThat(relabelled(epistemic)).containsExactly("unlearned");
            assertThat(requests(epistemic))
                    .extracting(RelabelRequest::signal)
                    .containsOnly(UncertaintySignal.EPISTEMIC);
            assertThat(requests(epistemic))
                    .extracting(RelabelRequest::rule)
                    .containsOnly("threshold epistemic_std>0.15");
            assertThat(epistemic.extractOutputValues())
                    .extracting(s -> s.review().id())
                    .containsExactly("noisy", "plain");
        }
    }

    @Test
    void aTargetRateOnTheTotalSignalRanksByTotalStd() throws Exception {
        RoutingSettings settings =
                new RoutingSettings(
                        RoutingMode.TARGET_RATE, UncertaintySignal.TOTAL, 10.0, 0.1, 100, 20);
        try (var h = harness(settings)) {
            h.open();
            for (int i = 0; i < 100; i++) {
                // equal MC std, rising aleatoric std: only the total signal can rank them
                h.processElement(TestEvents.scored("r" + i, 0.01, i / 100.0), 0);
            }
            h.processElement(TestEvents.scored("noisiest", 0.01, 0.995), 0);
            h.processElement(TestEvents.scored("quiet", 0.01, 0.5), 0);
            assertThat(relabelled(h)).endsWith("noisiest").doesNotContain("quiet");
            assertThat(requests(h).get(requests(h).size() - 1).rule())
                    .startsWith("target-rate 10% (current cut total>");
        }
    }

    @Test
    void theTargetRateWindowSurvivesASnapshotAndRestore() throws Exception {
        RoutingSettings settings =
                new RoutingSettings(
                        RoutingMode.TARGET_RATE, UncertaintySignal.EPISTEMIC, 0.12, 0.1, 100, 20);
        OperatorSubtaskState snapshot;
        try (var h = harness(settings)) {
            h.open();
            for (int i = 0; i < 100; i++) {
                h.processElement(TestEvents.scored("r" + i, i / 1000.0), 0);
            }
            snapshot = h.snapshot(1, 1);
        }
        try (var restored = harness(settings)) {
            restored.initializeState(snapshot);
            restored.open();
            // Without the window the rule would still be warming up and use the 0.12 threshold.
            restored.processElement(TestEvents.scored("high", 0.095), 0);
            restored.processElement(TestEvents.scored("low", 0.085), 0);
            assertThat(relabelled(restored)).containsExactly("high");
            assertThat(
                            restored.getSideOutput(SideOutputs.RELABEL_REQUESTS)
                                    .peek()
                                    .getValue()
                                    .rule())
                    .isEqualTo("target-rate 10% (current cut epistemic_std>0.089)");
        }
    }
}
