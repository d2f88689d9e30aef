package dev.varsent.scoring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.varsent.events.SideOutputs;
import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.ScoredReview;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.registry.ModelUpdate;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores reviews in micro-batches: it buffers up to B reviews, or for at most W milliseconds after the
 * first one arrived, then scores them with one {@code predictor.predict(texts, K)} call.
 *
 * <p>The buffer is operator state: a checkpoint taken while reviews wait stores them (their offsets are
 * already committed by that checkpoint), and a restored subtask scores them first. With transactional
 * sinks this keeps every review in exactly one output.
 *
 * <p>When a batch fails, its reviews are scored one by one so that only the reviews the model cannot
 * score are lost to it; each goes to the dead letters as {@code SCORING_FAILED}. When more than
 * {@code maxConsecutiveFailures} reviews in a row fail, the model itself is taken to be broken and the
 * operator throws, so that Flink restarts the job (from the last checkpoint) rather than the job
 * quietly dead-lettering all traffic.
 *
 * <p>The Predictor is created in {@link #open()}, one per subtask, and used only from the task thread
 * (records and processing-time timers both run there). The operator holds no static mutable state.
 *
 * <p><b>Hot swap.</b> The second input carries the {@code model-updates} announcements, broadcast to every
 * subtask. An update that is not a re-announcement (see {@link #onUpdate}) is admitted by the
 * {@link ModelGate} (only a version the registry promoted, at the registry's own location), then loaded
 * and checked by a {@link BackgroundModelLoader} (one thread per subtask), while this thread keeps scoring with the
 * served model. The loaded predictor comes back as a mail, which the task thread runs between two
 * records or timers, i.e. between two micro-batches (a batch is scored within one of them): the
 * switch replaces the predictor, and every batch from then on, including reviews buffered before it,
 * is scored by the new model. Each prediction carries the version of the predictor that made it. A
 * refused bundle is counted ({@value #MODEL_UPDATES_REFUSED}) and logged as an ERROR, and the served
 * model stays. A loaded model whose registry promotion sequence is not above the served one's is stale
 * and skipped. While a load runs, only the latest update that arrives meanwhile is kept and loaded next.
 *
 * <p>The announcement of the served version and the pending update are union operator state: after a
 * restore the subtask loads the served version (not the factory's model) before it scores anything,
 * and starts loading the ones that were waiting. If the served version cannot be loaded any more, that is a
 * refusal and the subtask serves the factory's model.
 */
public final class MicroBatchScoringOperator extends AbstractStreamOperator<ScoredReview>
        implements TwoInputStreamOperator<ParsedReview, ModelUpdate, ScoredReview>, BoundedMultiInput {

    private static final long serialVersionUID = 1L;

    public static final String METRIC_GROUP = "varsent";
    public static final String RECORDS_SCORED = "recordsScored";
    public static final String SCORING_FAILURES = "scoringFailures";
    public static final String FAILED_BATCHES = "failedBatches";
    public static final String UNCERTAINTY = "uncertaintyMilli";
    public static final String BATCH_LATENCY = "batchLatencyMs";
    public static final String BATCH_SIZE = "batchSize";
    public static final String MODEL_VERSION = "modelVersion";
    public static final String BUFFERED = "bufferedReviews";
    public static final String MODEL_SWAPS = "modelSwaps";
    public static final String MODEL_UPDATES_REFUSED = "modelUpdatesRefused";
    public static final String MODEL_UPDATES_SKIPPED = "modelUpdatesSkipped";
    public static final String MODEL_LOAD_MS = "modelLoadMs";

    static final String BUFFER_STATE = "micro-batch-buffer";
    static final String SERVED_UPDATE_STATE = "served-model-update";
    static final String PENDING_UPDATE_STATE = "pending-model-update";
    private static final int HISTOGRAM_WINDOW = 1000;
    static final int MAX_PENDING = 8;

    private final BatchSettings settings;
    private final PredictorFactory predictorFactory;
    private final ModelGate gate;
    private final MailboxExecutor mailbox;

    private transient Predictor predictor;
    private transient List<ParsedReview> buffer;
    private transient ListState<ParsedReview> bufferState;

    /** The announcement of the model being served; null while it is the factory's and none named it. */
    private transient ModelUpdate served;
    /** The registry's promotion sequence of the served model; 0 when unknown (a model not from the registry). */
    private transient long servedSequence;
    /** Updates that arrived while a load ran, to load next in arrival order (distinct versions, at most {@value #MAX_PENDING}). */
    private transient ArrayDeque<ModelUpdate> pending;
    /** The update whose load is in progress, if any. */
    private transient ModelUpdate loading;
    private transient ListState<ModelUpdate> servedState;
    private transient ListState<ModelUpdate> pendingState;
    private transient ModelUpdate restoredServed;
    private transient List<ModelUpdate> restoredPending;
    private transient BackgroundModelLoader loader;
    private transient boolean closed;
    private transient ScheduledFuture<?> flushTimer;
    private transient int consecutiveFailures;

    private transient Counter recordsScored;
    private transient Counter scoringFailures;
    private transient Counter failedBatches;
    private transient Histogram uncertainty;
    private transient Histogram batchLatency;
    private transient Histogram batchSize;
    private transient Counter modelSwaps;
    private transient Counter modelUpdatesRefused;
    private transient Counter modelUpdatesSkipped;
    private transient Histogram modelLoadMs;
    // Read by metric reporters on another thread.
    private transient volatile String modelVersion;
    private transient volatile int buffered;

    public MicroBatchScoringOperator(
            StreamOperatorParameters<ScoredReview> parameters, BatchSettings settings, PredictorFactory predictorFactory,
            ModelGate gate) {
        super(parameters);
        this.settings = settings;
        this.predictorFactory = predictorFactory;
        this.gate = gate;
        this.mailbox = parameters.getMailboxExecutor();
        this.buffer = new ArrayList<>();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        bufferState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>(BUFFER_STATE, TypeInformation.of(ParsedReview.class)));
        servedState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>(SERVED_UPDATE_STATE, ModelUpdateSerializer.INSTANCE));
        pendingState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>(PENDING_UPDATE_STATE, ModelUpdateSerializer.INSTANCE));
        if (context.isRestored()) {
            for (ParsedReview review : bufferState.get()) {
                buffer.add(review);
            }
            // Union state: every subtask sees what all subtasks stored (the same updates, as they are broadcast).
            restoredServed = newest(servedState.get());
            restoredPending = new ArrayList<>();
            for (ModelUpdate update : pendingState.get()) {
                if (restoredPending.stream().noneMatch(u -> u.version().equals(update.version()))) {
                    restoredPending.add(update);
                }
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        MetricGroup metrics = getMetricGroup().addGroup(METRIC_GROUP);
        recordsScored = metrics.counter(RECORDS_SCORED);
        scoringFailures = metrics.counter(SCORING_FAILURES);
        failedBatches = metrics.counter(FAILED_BATCHES);
        uncertainty = metrics.histogram(UNCERTAINTY, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        batchLatency = metrics.histogram(BATCH_LATENCY, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        batchSize = metrics.histogram(BATCH_SIZE, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        modelSwaps = metrics.counter(MODEL_SWAPS);
        modelUpdatesRefused = metrics.counter(MODEL_UPDATES_REFUSED);
        modelUpdatesSkipped = metrics.counter(MODEL_UPDATES_SKIPPED);
        modelLoadMs = metrics.histogram(MODEL_LOAD_MS, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        metrics.gauge(MODEL_VERSION, (Gauge<String>) () -> modelVersion);
        metrics.gauge(BUFFERED, (Gauge<Integer>) () -> buffered);

        predictor = restoredServed != null ? restoreServedModel(restoredServed) : predictorFactory.create();
        modelVersion = predictor.modelVersion();
        if (served == null) {
            servedSequence = gate.sequenceOf(modelVersion).orElse(0);
        }
        loader = new BackgroundModelLoader("varsent-model-loader " + getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks(),
                mailbox);
        pending = new ArrayDeque<>();
        if (restoredPending != null) {
            restoredPending.forEach(this::onUpdate);
        }
        buffered = buffer.size();
        if (!buffer.isEmpty()) {
            scheduleFlush();
        }
    }

    /** Loads the model that was served when the checkpoint was taken; the factory's model if that fails. */
    private Predictor restoreServedModel(ModelUpdate update) throws Exception {
        long start = System.nanoTime();
        try {
            long sequence = gate.admit(update);
            Predictor restored = ModelLoader.load(ExpectedBundle.of(update), null)
                    .predictor(ThreadLocalRandom.current().nextLong(), 1);
            served = update;
            servedSequence = sequence;
            modelLoadMs.update(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            LOG.info("Restored: serving model version {} from {}", update.version(), update.bundleUri());
            return restored;
        } catch (ModelRefusedException e) {
            modelUpdatesRefused.inc();
            LOG.error("Restored: model version {}, served before the restart, cannot be loaded any more ({}); "
                    + "serving the initial model instead", update.version(), e.getMessage(), e);
            return predictorFactory.create();
        }
    }

    @Override
    public void processElement1(StreamRecord<ParsedReview> element) {
        buffer.add(element.getValue());
        buffered = buffer.size();
        if (buffer.size() >= settings.batchSize()) {
            flush();
        } else if (flushTimer == null) {
            scheduleFlush();
        }
    }

    @Override
    public void processElement2(StreamRecord<ModelUpdate> element) {
        onUpdate(element.getValue());
    }

    /**
     * Decides what an announcement means here. It names the version being served (a re-announcement, e.g.
     * the latest record of the compacted topic that a fresh job reads first) or the one being loaded: skipped.
     * Otherwise it is loaded, or queued when a load is already running (that load's outcome then starts the
     * next). Whether it is newer than the served model is decided once the registry has
     * admitted it, by the registry's promotion sequence ({@link #onLoaded}).
     */
    private void onUpdate(ModelUpdate update) {
        if (update.version().equals(predictor.modelVersion())) {
            skip(update, "that version is being served");
            return;
        }
        if ((loading != null && loading.version().equals(update.version()))
                || pending.stream().anyMatch(u -> u.version().equals(update.version()))) {
            skip(update, "that version is being loaded or waits to be");
            return;
        }
        if (loading == null) {
            startLoading(update);
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            skip(pending.pollFirst(), MAX_PENDING + " newer updates arrived while one model loaded");
        }
        pending.addLast(update);
    }

    private void skip(ModelUpdate update, String why) {
        modelUpdatesSkipped.inc();
        LOG.info("Model update to version {} skipped: {}", update.version(), why);
    }

    private void startLoading(ModelUpdate update) {
        loading = update;
        LOG.info("Loading model version {} from {} (serving {} meanwhile)", update.version(), update.bundleUri(), modelVersion);
        loader.load(update, predictor.isClassification(), gate, this::onLoaded);
    }

    /**
     * Runs on the task thread, between two batches. A loaded model is served when the registry promoted it
     * after the served one (a higher promotion sequence), else skipped as stale; then the next queued update
     * is loaded.
     */
    private void onLoaded(BackgroundModelLoader.Outcome outcome) throws Exception {
        if (closed) {
            BackgroundModelLoader.discard(outcome);
            return;
        }
        loading = null;
        ModelUpdate update = outcome.update();
        if (outcome instanceof BackgroundModelLoader.Refused refused) {
            modelUpdatesRefused.inc();
            LOG.error("Refused model version {} from {}: {}; still serving {}", update.version(), update.bundleUri(),
                    refused.reason().getMessage(), modelVersion, refused.reason());
        } else if (((BackgroundModelLoader.Loaded) outcome).sequence() <= servedSequence) {
            skip(update, "the registry promoted it (promotion " + ((BackgroundModelLoader.Loaded) outcome).sequence()
                    + ") before the version being served (promotion " + servedSequence + ")");
            BackgroundModelLoader.discard(outcome);
        } else {
            switchTo((BackgroundModelLoader.Loaded) outcome);
        }
        if (!pending.isEmpty()) {
            startLoading(pending.pollFirst());
        }
    }

    private void switchTo(BackgroundModelLoader.Loaded loaded) throws Exception {
        Predictor previous = predictor;
        predictor = loaded.predictor();
        served = loaded.update();
        servedSequence = loaded.sequence();
        String previousVersion = modelVersion;
        modelVersion = predictor.modelVersion();
        modelSwaps.inc();
        modelLoadMs.update(loaded.loadMillis());
        LOG.info("Switched from model version {} to {} (loaded and checked in {} ms, {} reviews buffered)",
                previousVersion, modelVersion, loaded.loadMillis(), buffer.size());
        if (previous instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The counters' values, for tests (the harness's metric groups are not readable). */
    long modelSwapCount() {
        return modelSwaps.getCount();
    }

    long modelUpdatesRefusedCount() {
        return modelUpdatesRefused.getCount();
    }

    long modelUpdatesSkippedCount() {
        return modelUpdatesSkipped.getCount();
    }

    private static ModelUpdate newest(Iterable<ModelUpdate> updates) {
        ModelUpdate newest = null;
        for (ModelUpdate update : updates) {
            if (newest == null || update.promotedAt().isAfter(newest.promotedAt())) {
                newest = update;
            }
        }
        return newest;
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        bufferState.update(buffer);
        servedState.update(served == null ? List.of() : List.of(served));
        List<ModelUpdate> waiting = new ArrayList<>();
        if (loading != null) {
            waiting.add(loading);
        }
        waiting.addAll(pending);
        pendingState.update(waiting);
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
        closed = true;
        if (loader != null) {
            loader.close();
        }
        cancelFlushTimer();
        if (predictor instanceof AutoCloseable closeable) {
            closeable.close();
        }
        super.close();
    }

    private void scheduleFlush() {
        long deadline = getProcessingTimeService().getCurrentProcessingTime() + settings.maxWaitMs();
        flushTimer = getProcessingTimeService().registerTimer(deadline, timestamp -> {
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

    /** Scores everything buffered, in batches of at most B (a buffer restored after rescaling may hold more). */
    private void flush() {
        cancelFlushTimer();
        List<ParsedReview> pending = buffer;
        buffer = new ArrayList<>();
        buffered = 0;
        for (int from = 0; from < pending.size(); from += settings.batchSize()) {
            scoreBatch(pending.subList(from, Math.min(pending.size(), from + settings.batchSize())));
        }
    }

    private void scoreBatch(List<ParsedReview> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (ParsedReview review : batch) {
            texts.add(review.text());
        }
        long start = System.nanoTime();
        List<Prediction> predictions;
        try {
            predictions = predict(texts);
        } catch (RuntimeException e) {
            failedBatches.inc();
            LOG.warn("Scoring a batch of {} reviews failed; scoring them one by one to isolate the failing ones",
                    batch.size(), e);
            scoreOneByOne(batch);
            return;
        }
        batchLatency.update(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        batchSize.update(batch.size());
        long now = getProcessingTimeService().getCurrentProcessingTime();
        for (int i = 0; i < batch.size(); i++) {
            emit(batch.get(i), predictions.get(i), now);
        }
        consecutiveFailures = 0;
    }

    private void scoreOneByOne(List<ParsedReview> batch) {
        for (ParsedReview review : batch) {
            Prediction prediction;
            try {
                prediction = predict(List.of(review.text())).get(0);
            } catch (RuntimeException e) {
                scoringFailures.inc();
                consecutiveFailures++;
                if (settings.maxConsecutiveFailures() > 0 && consecutiveFailures >= settings.maxConsecutiveFailures()) {
                    throw new ModelFailureException("the model failed on " + consecutiveFailures
                            + " reviews in a row (scoring.max-consecutive-failures), the last one " + review.id(), e);
                }
                String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                output.collect(SideOutputs.DEAD_LETTERS, new StreamRecord<>(DeadLetter.ofReview(
                        review, DeadLetterReason.SCORING_FAILED, message, settings.maxDeadLetterPayloadBytes(),
                        getProcessingTimeService().getCurrentProcessingTime())));
                continue;
            }
            consecutiveFailures = 0;
            emit(review, prediction, getProcessingTimeService().getCurrentProcessingTime());
        }
    }

    private List<Prediction> predict(List<String> texts) {
        List<Prediction> predictions = predictor.predict(texts, settings.mcSamples());
        if (predictions == null || predictions.size() != texts.size()) {
            throw new IllegalStateException("the predictor returned " + (predictions == null ? "null" : predictions.size())
                    + " predictions for " + texts.size() + " texts");
        }
        return predictions;
    }

    private void emit(ParsedReview review, Prediction prediction, long now) {
        recordsScored.inc();
        if (Double.isFinite(prediction.uncertainty())) {
            uncertainty.update(Math.round(prediction.uncertainty() * 1000));
        }
        output.collect(new StreamRecord<>(new ScoredReview(review, prediction, settings.mcSamples(), modelVersion, now)));
    }
}
