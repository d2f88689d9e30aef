package dev.varsent.scoring;

import dev.varsent.flink.MetricGroups;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The scoring operator's metrics, all under the {@value MetricGroups#VARSENT} group. Besides
 * counters and histograms of the work, the served model in a form Prometheus can label: a gauge
 * {@value #MODEL_SERVING} under the key/value group {@code model_version=<version>} (1 for the
 * version served now, 0 for the ones served before), and {@value #MODEL_SEQUENCE}, the registry's
 * promotion sequence of the served model (0 when it did not come from the registry). A Grafana
 * dashboard is built on exactly these names.
 */
public final class ScoringMetrics {

    public static final String RECORDS_SCORED = "recordsScored";
    public static final String SCORING_FAILURES = "scoringFailures";
    public static final String FAILED_BATCHES = "failedBatches";
    public static final String UNCERTAINTY = "uncertaintyMilli";
    public static final String BATCH_LATENCY = "batchLatencyMs";

    /**
     * Microseconds spent in the model's predict calls, summed: with {@value #RECORDS_SCORED} it
     * gives the model's own rate inside the job, and its rate of growth the share of the task's
     * time spent scoring.
     */
    public static final String SCORING_TIME = "scoringTimeUs";

    public static final String BATCH_SIZE = "batchSize";
    public static final String BUFFER_WAIT = "bufferWaitMs";
    public static final String MODEL_VERSION = "modelVersion";
    public static final String BUFFERED = "bufferedReviews";
    public static final String MODEL_SWAPS = "modelSwaps";
    public static final String MODEL_UPDATES_REFUSED = "modelUpdatesRefused";
    public static final String MODEL_UPDATES_SKIPPED = "modelUpdatesSkipped";
    public static final String MODEL_LOAD_MS = "modelLoadMs";
    public static final String MODEL_VERSION_KEY = "model_version";
    public static final String MODEL_SERVING = "modelServing";
    public static final String MODEL_SEQUENCE = "modelSequence";
    public static final String EXPIRED_TRANSACTION_RESTORES = "expiredTransactionRestores";

    private static final int HISTOGRAM_WINDOW = 1000;

    private final MetricGroup group;
    final Counter recordsScored;
    final Counter scoringFailures;
    final Counter failedBatches;
    final Histogram uncertainty;
    final Histogram batchLatency;
    final Counter scoringTimeUs;
    final Histogram batchSize;

    /** Per review: from its arrival at the operator to the start of its batch. */
    final Histogram bufferWaitMs;

    final Counter modelSwaps;
    final Counter modelUpdatesRefused;
    final Counter modelUpdatesSkipped;
    final Histogram modelLoadMs;
    final Counter expiredTransactionRestores;

    /**
     * Whether each version that was ever served here is served now; read by reporters on another
     * thread.
     */
    private final Map<String, Integer> serving = new HashMap<>();

    private volatile String modelVersion;
    private volatile long modelSequence;
    private volatile int buffered;

    public ScoringMetrics(MetricGroup operatorGroup) {
        group = operatorGroup.addGroup(MetricGroups.VARSENT);
        recordsScored = group.counter(RECORDS_SCORED);
        scoringFailures = group.counter(SCORING_FAILURES);
        failedBatches = group.counter(FAILED_BATCHES);
        uncertainty =
                group.histogram(UNCERTAINTY, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        batchLatency =
                group.histogram(
                        BATCH_LATENCY, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        scoringTimeUs = group.counter(SCORING_TIME);
        batchSize =
                group.histogram(BATCH_SIZE, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        bufferWaitMs =
                group.histogram(BUFFER_WAIT, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        modelSwaps = group.counter(MODEL_SWAPS);
        modelUpdatesRefused = group.counter(MODEL_UPDATES_REFUSED);
        modelUpdatesSkipped = group.counter(MODEL_UPDATES_SKIPPED);
        expiredTransactionRestores = group.counter(EXPIRED_TRANSACTION_RESTORES);
        modelLoadMs =
                group.histogram(
                        MODEL_LOAD_MS, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        group.gauge(MODEL_VERSION, (Gauge<String>) () -> modelVersion);
        group.gauge(MODEL_SEQUENCE, (Gauge<Long>) () -> modelSequence);
        group.gauge(BUFFERED, (Gauge<Integer>) () -> buffered);
    }

    /**
     * {@code version} (promotion {@code sequence}) is served from now on; the one before shows 0.
     */
    public synchronized void serving(String version, long sequence) {
        serving.replaceAll((v, flag) -> 0);
        if (serving.put(version, 1) == null) {
            group.addGroup(MODEL_VERSION_KEY, version)
                    .gauge(MODEL_SERVING, (Gauge<Integer>) () -> servingFlag(version));
        }
        modelVersion = version;
        modelSequence = sequence;
    }

    private synchronized int servingFlag(String version) {
        return serving.getOrDefault(version, 0);
    }

    public void buffered(int reviews) {
        buffered = reviews;
    }

    /**
     * The total uncertainty signal (what routing uses by default), recorded in thousandths (the
     * histogram holds longs); a non-finite one is left out.
     */
    public void scored(double uncertaintyValue) {
        recordsScored.inc();
        if (Double.isFinite(uncertaintyValue)) {
            uncertainty.update(Math.round(uncertaintyValue * 1000));
        }
    }
}
