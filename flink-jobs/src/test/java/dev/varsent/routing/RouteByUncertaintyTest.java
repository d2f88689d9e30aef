package dev.varsent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import dev.varsent.config.RoutingMode;
import dev.varsent.events.RelabelRequest;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.TestEvents;
import dev.varsent.events.SideOutputs;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RouteByUncertaintyTest {

    private static OneInputStreamOperatorTestHarness<ScoredReview, ScoredReview> harness(RoutingSettings settings)
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new RouteByUncertainty(settings)));
    }

    private static List<String> relabelled(OneInputStreamOperatorTestHarness<ScoredReview, ScoredReview> h) {
        return h.getSideOutput(SideOutputs.RELABEL_REQUESTS).stream()
                .map(StreamRecord::getValue).map(r -> r.scored().review().id()).collect(Collectors.toList());
    }

    @Test
    void confidentPredictionsGoToTheMainOutputAndDoubtfulOnesToRelabelWithTheirRule() throws Exception {
        try (var h = harness(RoutingSettings.threshold(0.12))) {
            h.open();
            h.processElement(TestEvents.scored("sure", 0.05), 0);
            h.processElement(TestEvents.scored("doubtful", 0.3), 0);
            h.processElement(TestEvents.scored("broken", Double.NaN), 0);
            assertThat(h.extractOutputValues()).extracting(s -> s.review().id()).containsExactly("sure");
            assertThat(relabelled(h)).containsExactly("doubtful", "broken");
            List<String> rules = h.getSideOutput(SideOutputs.RELABEL_REQUESTS).stream()
                    .map(StreamRecord::getValue).map(RelabelRequest::rule).toList();
            assertThat(rules).containsExactly("threshold std>0.12", "non-finite uncertainty");
        }
    }

    @Test
    void theTargetRateWindowSurvivesASnapshotAndRestore() throws Exception {
        RoutingSettings settings = new RoutingSettings(RoutingMode.TARGET_RATE, 0.12, 0.1, 100, 20);
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
            assertThat(restored.getSideOutput(SideOutputs.RELABEL_REQUESTS).peek().getValue().rule())
                    .isEqualTo("target-rate 10% (current cut std>0.089)");
        }
    }
}
