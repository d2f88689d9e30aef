package dev.varsent.scoring;

import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;

/**
 * Detects a restore after the Kafka transactions of the restored checkpoint may have expired.
 *
 * <p>Flink's exactly-once Kafka sink commits a checkpoint's transactions after the checkpoint
 * completes, and again on restore when the job went down before that. If the broker has aborted
 * them in the meantime (the job was down longer than {@code transaction.timeout.ms}), their records
 * are gone and the connector only logs a warning. Every subtask stores the wall-clock time of each
 * snapshot; a restore whose latest snapshot is older than the transaction timeout is reported.
 */
final class TransactionExpiry {

    static final String STATE = "checkpoint-wall-clock";

    private final long transactionTimeoutMs;
    private ListState<Long> snapshots;
    private long restoredSnapshotMs = -1;

    /** {@code transactionTimeoutMs} 0: the job writes no transactions, nothing to check. */
    TransactionExpiry(long transactionTimeoutMs) {
        this.transactionTimeoutMs = transactionTimeoutMs;
    }

    void initialize(StateInitializationContext context) throws Exception {
        snapshots =
                context.getOperatorStateStore()
                        .getUnionListState(new ListStateDescriptor<>(STATE, Types.LONG));
        if (context.isRestored()) {
            for (Long at : snapshots.get()) {
                restoredSnapshotMs = Math.max(restoredSnapshotMs, at);
            }
        }
    }

    void snapshot(long nowMs) throws Exception {
        snapshots.update(List.of(nowMs));
    }

    /**
     * After a restore: why the restored checkpoint's transactions have probably been aborted by the
     * broker, if they have; empty when they are within the timeout, the job was not restored, or it
     * writes no transactions.
     */
    Optional<String> expiredAt(long nowMs) {
        if (transactionTimeoutMs == 0 || restoredSnapshotMs < 0) {
            return Optional.empty();
        }
        long down = nowMs - restoredSnapshotMs;
        if (down < transactionTimeoutMs) {
            return Optional.empty();
        }
        return Optional.of(
                "restored from a checkpoint taken "
                        + down
                        + " ms ago, longer than the Kafka transaction timeout of "
                        + transactionTimeoutMs
                        + " ms: the broker has most likely aborted the transactions that checkpoint"
                        + " was to commit, and the outputs written in them (up to one checkpoint interval"
                        + " of predictions, relabel requests and dead letters) are lost. Raise"
                        + " kafka.transaction-timeout (the broker's transaction.max.timeout.ms caps it)"
                        + " above the longest outage to recover from.");
    }
}
