package dev.varsent.scoring;

import dev.varsent.events.ParsedReview;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.ScoringTimes;
import dev.varsent.registry.ModelUpdate;
import dev.varsent.routing.RouterCut;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores reviews in micro-batches: it buffers up to B reviews, or for at most W milliseconds after
 * the first one arrived ({@link MicroBatchBuffer} decides when a batch is due), then scores them
 * with one {@code predict(texts, K)} call ({@link BatchScorer}, which isolates the reviews the
 * model cannot score: each is dead-lettered as {@code SCORING_FAILED}). With a cap on the batch's
 * scoring time (the low-latency mode), a batch is also scored as soon as it holds as many reviews
 * as the recent pace scores within the cap ({@link BatchPace}). Each output carries when its review
 * arrived and its batch started ({@link ScoringTimes}); {@link BatchOutputs} makes the records.
 *
 * <p>With {@code flushBeforeCheckpoint} the buffer is scored when a checkpoint's barrier arrives,
 * before the barrier passes on: its outputs belong to that checkpoint (with exactly-once, they are
 * committed by it), as do the reviews' offsets. Otherwise the buffer is operator state: a
 * checkpoint taken while reviews wait stores them (their offsets are already committed by that
 * checkpoint), and a restored subtask scores them first. Either way, with transactional sinks every
 * review is in exactly one output.
 *
 * <p><b>Hot swap.</b> The second input carries the {@code model-updates} announcements, broadcast
 * to every subtask; the {@link ModelSlot} decides what each means. An admitted one is loaded by a
 * {@link BackgroundModelLoader} (one thread per subtask) while this thread keeps scoring; the
 * outcome comes back as a mail, which the task thread runs between two records or timers, i.e.
 * between two micro-batches: every batch from then on, including reviews buffered before it, is
 * scored by the new model, and each prediction carries the version of the model that made it. The
 * served announcement and the waiting ones are operator state ({@link ModelUpdateState}): after a
 * restore the subtask loads the served version before it scores anything, and resumes the waiting
 * loads.
 *
 * <p>Everything runs on the task thread; the operator holds no static mutable state. Metrics:
 * {@link ScoringMetrics}.
 */
public final class MicroBatchScoringOperator extends AbstractStreamOperator<ScoredReview>
        implements TwoInputStreamOperator<ParsedReview, ModelUpdate, ScoredReview>,
                BoundedMultiInput {

    private static final long serialVersionUID = 1L;

    /**
     * The metric names are {@link ScoringMetrics}'s; these aliases keep the operator's old
     * constants.
     */
    public static final String MODEL_VERSION = ScoringMetrics.MODEL_VERSION;

    public static final String MODEL_SWAPS = ScoringMetrics.MODEL_SWAPS;
    public static final String MODEL_UPDATES_REFUSED = ScoringMetrics.MODEL_UPDATES_REFUSED;
    public static final String MODEL_UPDATES_SKIPPED = ScoringMetrics.MODEL_UPDATES_SKIPPED;
    public static final String MODEL_LOAD_MS = ScoringMetrics.MODEL_LOAD_MS;

    static final String BUFFER_STATE = "micro-batch-buffer";

    private final BatchSettings settings;
    private final PredictorFactory predictorFactory;
    private final ModelGate gate;
    private final MailboxExecutor mailbox;

    private final transient MicroBatchBuffer buffer;
    private transient ListState<ParsedReview> bufferState;
    private final transient List<ParsedReview> restoredBuffer = new ArrayList<>();
    private transient ModelUpdateState modelUpdates;
    private transient ScheduledFuture<?> flushTimer;
    private transient ScoringMetrics metrics;
    private transient BatchScorer scorer;
    private transient BatchOutputs outputs;
    private transient ModelSlot slot;
    private transient BackgroundModelLoader loader;
    private transient TransactionExpiry expiry;

    /** The router's cut, for adaptive sampling: fed every emitted prediction. */
    private transient RouterCut routerCut;

    public MicroBatchScoringOperator(
            StreamOperatorParameters<ScoredReview> parameters,
            BatchSettings settings,
            PredictorFactory predictorFactory,
            ModelGate gate) {
        super(parameters);
        this.settings = settings;
        this.predictorFactory = predictorFactory;
        this.gate = gate;
        this.mailbox = parameters.getMailboxExecutor();
        this.buffer = new MicroBatchBuffer(settings);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        bufferState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        BUFFER_STATE, TypeInformation.of(ParsedReview.class)));
        modelUpdates = new ModelUpdateState();
        modelUpdates.initialize(context);
        expiry = new TransactionExpiry(settings.transactionTimeoutMs());
        expiry.initialize(context);
        routerCut = predictorFactory.routerCut(context.isRestored());
        if (context.isRestored()) {
            bufferState.get().forEach(restoredBuffer::add);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        metrics = new ScoringMetrics(getMetricGroup());
        expiry.expiredAt(getProcessingTimeService().getCurrentProcessingTime())
                .ifPresent(
                        reason -> {
                            LOG.error("{}: {}", getOperatorName(), reason);
                            metrics.expiredTransactionRestores.inc();
                        });
        scorer = new BatchScorer(settings.mcSamples(), settings.maxConsecutiveFailures(), metrics);
        outputs =
                new BatchOutputs(output, getProcessingTimeService(), settings, metrics, routerCut);
        loader =
                new BackgroundModelLoader(
                        "varsent-model-loader "
                                + getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks(),
                        mailbox,
                        predictorFactory);
        slot =
                new ModelSlot(
                        gate,
                        metrics,
                        (update, classification) ->
                                loader.load(
                                        update,
                                        classification,
                                        gate,
                                        outcome -> slot.onLoaded(outcome)));
        slot.start(modelUpdates.restoredServed(), predictorFactory, modelUpdates.restoredWaiting());
        buffer.restore(restoredBuffer, getProcessingTimeService().getCurrentProcessingTime());
        restoredBuffer.clear();
        metrics.buffered(buffer.size());
        if (!buffer.isEmpty()) {
            scheduleFlush();
        }
    }

    @Override
    public void processElement1(StreamRecord<ParsedReview> element) {
        boolean due =
                buffer.add(
                        element.getValue(), getProcessingTimeService().getCurrentProcessingTime());
        metrics.buffered(buffer.size());
        if (due) {
            flush();
        } else if (flushTimer == null) {
            scheduleFlush();
        }
    }

    @Override
    public void processElement2(StreamRecord<ModelUpdate> element) {
        slot.onUpdate(element.getValue());
    }

    /** The counters' values, for tests (the harness's metric groups are not readable). */
    long modelSwapCount() {
        return metrics.modelSwaps.getCount();
    }

    long modelUpdatesRefusedCount() {
        return metrics.modelUpdatesRefused.getCount();
    }

    long expiredTransactionRestoreCount() {
        return metrics.expiredTransactionRestores.getCount();
    }

    long modelUpdatesSkippedCount() {
        return metrics.modelUpdatesSkipped.getCount();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        if (buffer.dueAtCheckpointBarrier()) {
            flush();
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        bufferState.update(buffer.reviews());
        modelUpdates.snapshot(slot);
        expiry.snapshot(getProcessingTimeService().getCurrentProcessingTime());
    }

    @Override
    public void endInput(int inputId) {
        if (inputId == 1) {
            flush();
        }
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        if (loader != null) {
            loader.close();
        }
        cancelFlushTimer();
        if (slot != null) {
            slot.close();
        }
        super.close();
    }

    private void scheduleFlush() {
        flushTimer =
                getProcessingTimeService()
                        .registerTimer(
                                buffer.flushDeadline(),
                                timestamp -> {
                                    flushTimer = null;
                                    flush();
                                });
    }

    private void cancelFlushTimer() {
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
    }

    /** Scores everything buffered. */
    private void flush() {
        cancelFlushTimer();
        List<MicroBatchBuffer.Batch> batches = buffer.drain();
        metrics.buffered(0);
        for (MicroBatchBuffer.Batch batch : batches) {
            scoreBatch(batch.reviews(), batch.receivedAt());
        }
    }

    private void scoreBatch(List<ParsedReview> batch, List<Long> receivedAt) {
        BatchScorer.Results results =
                outputs.of(
                        batch,
                        receivedAt,
                        getProcessingTimeService().getCurrentProcessingTime(),
                        slot.predictor().modelVersion());
        long start = System.nanoTime();
        scorer.score(slot.predictor(), batch, routerCut.next(batch.size()), results);
        buffer.scored(batch.size(), System.nanoTime() - start);
    }
}
