package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.registry.ModelUpdate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

/**
 * The swap state machine on its own: loads are requested, their outcomes handed back by the test.
 */
class ModelSlotTest {

    /** The length model under a version of its own, recording whether it was freed. */
    private static final class Versioned implements Predictor, AutoCloseable {
        private final String version;
        private final LengthPredictor model = new LengthPredictor();
        boolean closed;

        Versioned(String version) {
            this.version = version;
        }

        @Override
        public String modelVersion() {
            return version;
        }

        @Override
        public boolean isClassification() {
            return false;
        }

        @Override
        public List<Prediction> predict(List<String> texts, int k) {
            return model.predict(texts, k);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final MetricListener listener = new MetricListener();
    private final ScoringMetrics metrics = new ScoringMetrics(listener.getMetricGroup());
    private final List<String> loads = new ArrayList<>();
    private final ModelSlot slot =
            new ModelSlot(
                    new PromotionTimeGate(),
                    metrics,
                    (update, classification) -> loads.add(update.version()));

    private static ModelUpdate update(String version, long sequence) {
        return SwapFixtures.announce(
                Path.of("/nowhere/" + version + ".bundle"), version, "0".repeat(64), 1, sequence);
    }

    private static BackgroundModelLoader.Loaded loaded(ModelUpdate update, Versioned predictor) {
        return new BackgroundModelLoader.Loaded(
                update, predictor, 5, update.promotedAt().toEpochMilli());
    }

    @Test
    void updatesLoadOneAtATimeAndTheHighestPromotionSequenceIsServed() throws Exception {
        Versioned v1 = new Versioned("v1");
        slot.start(null, () -> v1, List.of());
        slot.onUpdate(update("v1", 500));
        assertThat(loads).isEmpty();

        ModelUpdate v2 = update("v2", 1_000);
        ModelUpdate v3 = update("v3", 3_000);
        ModelUpdate v4 = update("v4", 2_000);
        slot.onUpdate(v2);
        slot.onUpdate(v3);
        slot.onUpdate(update("v2", 1_000));
        slot.onUpdate(v4);
        assertThat(loads).containsExactly("v2");
        assertThat(slot.waiting()).containsExactly(v2, v3, v4);
        assertThat(metrics.modelUpdatesSkipped.getCount()).isEqualTo(2);

        Versioned p2 = new Versioned("v2");
        slot.onLoaded(loaded(v2, p2));
        assertThat(slot.predictor()).isSameAs(p2);
        assertThat(v1.closed).as("the replaced model is freed").isTrue();
        assertThat(loads).containsExactly("v2", "v3");

        Versioned p3 = new Versioned("v3");
        slot.onLoaded(loaded(v3, p3));
        Versioned p4 = new Versioned("v4");
        slot.onLoaded(loaded(v4, p4));
        assertThat(slot.predictor()).as("v4 was promoted before v3: stale").isSameAs(p3);
        assertThat(p4.closed).isTrue();
        assertThat(slot.served()).isEqualTo(v3);
        assertThat(slot.waiting()).isEmpty();
        assertThat(metrics.modelSwaps.getCount()).isEqualTo(2);
        assertThat(metrics.modelUpdatesSkipped.getCount()).isEqualTo(3);
        assertThat(listener.getGauge("varsent", "modelSequence").orElseThrow().getValue())
                .isEqualTo(3_000L);
    }

    @Test
    void aRefusedModelLeavesTheServedOneAndTheNextWaitingUpdateLoads() throws Exception {
        Versioned v1 = new Versioned("v1");
        slot.start(null, () -> v1, List.of());
        ModelUpdate bad = update("bad", 1_000);
        ModelUpdate good = update("good", 2_000);
        slot.onUpdate(bad);
        slot.onUpdate(good);
        slot.onLoaded(
                new BackgroundModelLoader.Refused(
                        bad,
                        new ModelRefusedException(
                                ModelRefusedException.Reason.NOT_PROMOTED, "never promoted"),
                        1));
        assertThat(slot.predictor()).isSameAs(v1);
        assertThat(metrics.modelUpdatesRefused.getCount()).isEqualTo(1);
        assertThat(loads).containsExactly("bad", "good");
    }

    @Test
    void atMostEightUpdatesWaitTheOldestArrivalsGoFirst() throws Exception {
        slot.start(null, () -> new Versioned("v1"), List.of());
        for (int i = 0; i < 12; i++) {
            slot.onUpdate(update("u" + i, 1_000 + i));
        }
        assertThat(slot.waiting()).hasSize(1 + ModelSlot.MAX_WAITING);
        assertThat(slot.waiting().get(1).version()).isEqualTo("u4");
        assertThat(metrics.modelUpdatesSkipped.getCount()).isEqualTo(3);
    }
}
