package dev.varsent.scoring;

import dev.varsent.registry.ModelUpdate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;

/**
 * The model updates a scoring subtask checkpoints: the one its {@link ModelSlot} serves and the
 * ones waiting to be loaded, as union operator state. The updates are broadcast, so every subtask
 * stores the same ones; after a restore, at any parallelism, each subtask sees what all stored and
 * takes the latest served update and each waiting version once.
 */
final class ModelUpdateState {

    static final String SERVED_STATE = "served-model-update";
    static final String WAITING_STATE = "pending-model-update";

    private ListState<ModelUpdate> servedState;
    private ListState<ModelUpdate> waitingState;
    private ModelUpdate restoredServed;
    private final List<ModelUpdate> restoredWaiting = new ArrayList<>();

    void initialize(StateInitializationContext context) throws Exception {
        servedState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        SERVED_STATE, ModelUpdateSerializer.INSTANCE));
        waitingState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        WAITING_STATE, ModelUpdateSerializer.INSTANCE));
        if (context.isRestored()) {
            for (ModelUpdate update : servedState.get()) {
                if (restoredServed == null
                        || update.promotedAt().isAfter(restoredServed.promotedAt())) {
                    restoredServed = update;
                }
            }
            for (ModelUpdate update : waitingState.get()) {
                if (restoredWaiting.stream().noneMatch(u -> u.version().equals(update.version()))) {
                    restoredWaiting.add(update);
                }
            }
        }
    }

    /** The update served at the restored checkpoint; null when there was none or no restore. */
    ModelUpdate restoredServed() {
        return restoredServed;
    }

    /** The updates waiting at the restored checkpoint, each version once. */
    List<ModelUpdate> restoredWaiting() {
        return restoredWaiting;
    }

    void snapshot(ModelSlot slot) throws Exception {
        servedState.update(slot.served() == null ? List.of() : List.of(slot.served()));
        waitingState.update(slot.waiting());
    }
}
