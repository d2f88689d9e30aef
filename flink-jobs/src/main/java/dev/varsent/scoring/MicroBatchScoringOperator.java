package dev.varsent.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.ScoredReview;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
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
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
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
 */
public final class MicroBatchScoringOperator extends AbstractStreamOperator<ScoredReview>
        implements OneInputStreamOperator<ParsedReview, ScoredReview>, BoundedOneInput {

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

    static final String BUFFER_STATE = "micro-batch-buffer";
    private static final int HISTOGRAM_WINDOW = 1000;

    private final BatchSettings settings;
    private final PredictorFactory predictorFactory;

    private transient Predictor predictor;
    private transient List<ParsedReview> buffer;
    private transient ListState<ParsedReview> bufferState;
    private transient ScheduledFuture<?> flushTimer;
    private transient int consecutiveFailures;

    private transient Counter recordsScored;
    private transient Counter scoringFailures;
    private transient Counter failedBatches;
    private transient Histogram uncertainty;
    private transient Histogram batchLatency;
    private transient Histogram batchSize;
    // Read by metric reporters on another thread.
    private transient volatile String modelVersion;
    private transient volatile int buffered;

    public MicroBatchScoringOperator(
            StreamOperatorParameters<ScoredReview> parameters, BatchSettings settings, PredictorFactory predictorFactory) {
        super(parameters);
        this.settings = settings;
        this.predictorFactory = predictorFactory;
        this.buffer = new ArrayList<>();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        bufferState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>(BUFFER_STATE, TypeInformation.of(ParsedReview.class)));
        if (context.isRestored()) {
            for (ParsedReview review : bufferState.get()) {
                buffer.add(review);
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        predictor = predictorFactory.create();
        modelVersion = predictor.modelVersion();
        MetricGroup metrics = getMetricGroup().addGroup(METRIC_GROUP);
        recordsScored = metrics.counter(RECORDS_SCORED);
        scoringFailures = metrics.counter(SCORING_FAILURES);
        failedBatches = metrics.counter(FAILED_BATCHES);
        uncertainty = metrics.histogram(UNCERTAINTY, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        batchLatency = metrics.histogram(BATCH_LATENCY, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        batchSize = metrics.histogram(BATCH_SIZE, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        metrics.gauge(MODEL_VERSION, (Gauge<String>) () -> modelVersion);
        metrics.gauge(BUFFERED, (Gauge<Integer>) () -> buffered);
        buffered = buffer.size();
        if (!buffer.isEmpty()) {
            scheduleFlush();
        }
    }

    @Override
    public void processElement(StreamRecord<ParsedReview> element) {
        buffer.add(element.getValue());
        buffered = buffer.size();
        if (buffer.size() >= settings.batchSize()) {
            flush();
        } else if (flushTimer == null) {
            scheduleFlush();
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        bufferState.update(buffer);
    }

    @Override
    public void endInput() {
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void close() throws Exception {
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
                        review, DeadLetterReason.SCORING_FAILED, message,
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
