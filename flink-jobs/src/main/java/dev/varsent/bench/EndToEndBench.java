package dev.varsent.bench;

import static dev.varsent.bench.BenchFigures.round;
import static dev.varsent.config.VarsentOptions.BATCH_SIZE;
import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.CHECKPOINT_INTERVAL;
import static dev.varsent.config.VarsentOptions.DELIVERY_GUARANTEE;
import static dev.varsent.config.VarsentOptions.MC_SAMPLES;
import static dev.varsent.config.VarsentOptions.PARALLELISM;
import static dev.varsent.config.VarsentOptions.TOPIC_DEAD_LETTERS;
import static dev.varsent.config.VarsentOptions.TOPIC_PREDICTIONS;
import static dev.varsent.config.VarsentOptions.TOPIC_RELABEL;
import static dev.varsent.config.VarsentOptions.TOPIC_REVIEWS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.config.Delivery;
import dev.varsent.config.VarsentConfig;
import dev.varsent.corpus.ReviewText;
import dev.varsent.local.LocalStack;
import dev.varsent.local.ReviewFeeder;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.scoring.BatchSettings;
import dev.varsent.scoring.PredictorFactory;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * The end-to-end benchmark, Kafka -> Flink -> Kafka on this machine (loopback only), all in one
 * run, for one or more {@link BenchConfiguration}s (e.g. exactly-once with two checkpoint
 * intervals, and at-least-once), each on a fresh broker and MiniCluster:
 *
 * <ol>
 *   <li>model only: the job's predictor, K, micro-batch size and parallelism without Kafka or Flink
 *       ({@link ModelOnlyThroughput}), measured before the first configuration and after each, and
 *       the two measurements around a configuration averaged;
 *   <li>sustained: {@link SustainedRateProbe} keeps a backlog of reviews in front of the running
 *       job, topped up so that it never waits for input; a {@code read_committed} consumer times
 *       when the outputs become visible (at checkpoint commits with exactly-once, as written with
 *       at-least-once), the rate is taken between two steps of the busy job's timeline ({@link
 *       SustainedRate}), and what the scoring task did meanwhile is read from Flink ({@link
 *       ScorerActivity});
 *   <li>latency: once the backlog is scored, reviews are produced at half the sustained rate, each
 *       with its send time as {@code timestamp}; produce-to-visible latency of each output, p50 and
 *       p99, and where it went ({@link LatencyBreakdown}: to the scorer, in the micro-batch buffer,
 *       scoring, to the sink, until visible).
 * </ol>
 *
 * <p>Each line carries the machine's load average (one minute) at the start of the streaming, of
 * the latency phase and at the end, so that figures from a loaded machine can be read.
 *
 * <p>ND4J runs single-threaded in this JVM (the job's subtasks and the model-only threads alike).
 */
public final class EndToEndBench {

    /**
     * @param warmup of each model-only measurement, and of the sustained phase from the first
     *     visible outputs
     * @param window longest sustained measurement after the warm-up
     * @param modelOnly each model-only measurement
     * @param latency how long reviews are produced at half the sustained rate
     * @param latencyRate reviews per second of the latency phase; 0 = half of each configuration's
     *     sustained rate (the target's definition). A fixed rate compares configurations at the
     *     same load, where each one's own sustained rate would give each another.
     */
    public record Settings(
            Duration warmup,
            Duration window,
            Duration modelOnly,
            Duration latency,
            double latencyRate) {
        public static final Settings DEFAULTS =
                new Settings(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(30));

        /** At half the sustained rate. */
        public Settings(Duration warmup, Duration window, Duration modelOnly, Duration latency) {
            this(warmup, window, modelOnly, latency, 0);
        }

        public Settings {
            if (!(latencyRate >= 0) || Double.isInfinite(latencyRate)) {
                throw new IllegalArgumentException(
                        "the latency phase's rate is a finite number of reviews per second >= 0, got "
                                + latencyRate);
            }
        }
    }

    private static final String LATENCY_ID_PREFIX = "latency-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VarsentConfig config;
    private final List<BenchConfiguration> configurations;
    private final PredictorFactory predictorFactory;
    private final List<ReviewText> reviews;
    private final Settings settings;
    private final PrintStream log;

    /** One run of the configuration as it is. */
    public EndToEndBench(
            VarsentConfig config,
            PredictorFactory predictorFactory,
            List<ReviewText> reviews,
            Settings settings,
            PrintStream log) {
        this(
                config,
                List.of(BenchConfiguration.AS_CONFIGURED),
                predictorFactory,
                reviews,
                settings,
                log);
    }

    /**
     * Streams with each of {@code configurations} in turn ({@link BenchConfiguration#applyTo} on
     * {@code config}), the model alone measured before the first, between two and after the last.
     * {@code log} gets progress lines; the results are returned, not printed.
     */
    public EndToEndBench(
            VarsentConfig config,
            List<BenchConfiguration> configurations,
            PredictorFactory predictorFactory,
            List<ReviewText> reviews,
            Settings settings,
            PrintStream log) {
        if (reviews.isEmpty()) {
            throw new IllegalArgumentException("no reviews to benchmark with");
        }
        if (configurations.isEmpty()) {
            throw new IllegalArgumentException("no configuration to benchmark");
        }
        configurations.forEach(c -> c.applyTo(config));
        this.config = config;
        this.configurations = List.copyOf(configurations);
        this.predictorFactory = predictorFactory;
        this.reviews = List.copyOf(reviews);
        this.settings = settings;
        this.log = log;
    }

    /**
     * Runs the phases and returns one {@code "metric":"e2e"} line per configuration, in their
     * order. The ratio of each is to the mean of the model-only measurements just before and just
     * after its streaming phases, so that a drift in the machine's load weighs on both sides.
     */
    public List<ObjectNode> run() throws Exception {
        Nd4jThreads.set(1);
        int k = config.get(MC_SAMPLES);
        int batchSize = config.get(BATCH_SIZE);
        int parallelism = config.get(PARALLELISM);

        ModelOnlyThroughput modelOnly =
                new ModelOnlyThroughput(
                        predictorFactory,
                        reviews.stream().map(ReviewText::text).toList(),
                        batchSize,
                        k,
                        parallelism);
        ModelOnlyThroughput.Result before =
                modelOnly(
                        modelOnly,
                        "before " + configurations.get(0).name(),
                        k,
                        batchSize,
                        parallelism);
        List<ObjectNode> lines = new ArrayList<>();
        for (BenchConfiguration configuration : configurations) {
            VarsentConfig streamed = configuration.applyTo(config);
            log.printf("configuration '%s' %s%n", configuration.name(), configuration.settings());
            StreamFigures stream = stream(streamed);
            ModelOnlyThroughput.Result after =
                    modelOnly(
                            modelOnly, "after " + configuration.name(), k, batchSize, parallelism);
            lines.add(line(configuration, streamed, stream, before, after, settings.warmup()));
            before = after;
        }
        return lines;
    }

    /** The result line of one configuration from what its phases measured. */
    static ObjectNode line(
            BenchConfiguration configuration,
            VarsentConfig streamed,
            StreamFigures stream,
            ModelOnlyThroughput.Result before,
            ModelOnlyThroughput.Result after,
            Duration warmup) {
        double modelOnlyRate = (before.reviewsPerSecond() + after.reviewsPerSecond()) / 2;
        SustainedRate sustained = stream.sustained();
        Percentiles latency = stream.latency();
        Delivery delivery = streamed.get(DELIVERY_GUARANTEE);
        long checkpointMs = streamed.get(CHECKPOINT_INTERVAL).toMillis();
        ObjectNode line =
                JSON.createObjectNode()
                        .put("metric", "e2e")
                        .put("configuration", configuration.name())
                        .put("reviews_per_s", round(sustained.reviewsPerSecond(), 2))
                        .put("model_only_reviews_per_s", round(modelOnlyRate, 2))
                        .put("ratio", round(sustained.reviewsPerSecond() / modelOnlyRate, 2))
                        .put("p50_ms", latency.at(50))
                        .put("p99_ms", latency.at(99))
                        .put("max_ms", latency.max());
        if (delivery == Delivery.EXACTLY_ONCE) {
            // Outputs become visible at checkpoint commits: the target is stated against the
            // interval.
            line.put(
                    "p99_per_checkpoint_interval",
                    round((double) latency.at(99) / checkpointMs, 2));
        }
        line.put("rate_for_latency", round(stream.rateForLatency(), 2))
                .put("latency_samples", latency.count())
                .put("k", streamed.get(MC_SAMPLES))
                .put("batch_size", streamed.get(BATCH_SIZE))
                .put("batch_max_wait_ms", BatchSettings.maxWaitMs(streamed))
                .put("parallelism", streamed.get(PARALLELISM))
                .put("checkpoint_interval_ms", checkpointMs)
                .put("delivery", delivery.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("model_only_before_reviews_per_s", round(before.reviewsPerSecond(), 2))
                .put("model_only_after_reviews_per_s", round(after.reviewsPerSecond(), 2))
                .put("backlog_reviews", stream.backlog())
                .put("window_s", round(sustained.windowSeconds(), 2))
                .put("window_checkpoints", sustained.steps())
                .put("warmup_s", warmup.toSeconds())
                .put("model_version", before.modelVersion());
        ObjectNode set = line.putObject("settings");
        configuration.settings().forEach(set::put);
        line.putObject("load_average")
                .put("start", round(stream.load().start(), 2))
                .put("latency_phase", round(stream.load().latencyPhase(), 2))
                .put("end", round(stream.load().end(), 2));
        if (stream.scorer() != null) {
            ObjectNode scorer = stream.scorer().deepCopy();
            if (scorer.has("model_in_job_reviews_per_s")) {
                // ratio = scoring_share x model_in_job_to_model_only: the share of the job's time
                // its rate implies was spent in the model, and how fast the model ran there.
                double inJob = scorer.get("model_in_job_reviews_per_s").asDouble();
                scorer.put("scoring_share", round(sustained.reviewsPerSecond() / inJob, 2))
                        .put("model_in_job_to_model_only", round(inJob / modelOnlyRate, 2));
            }
            line.set("scorer_in_sustained_window", scorer);
        }
        if (!stream.traces().isEmpty()) {
            line.set("breakdown", new LatencyBreakdown(stream.traces()).toJson());
        }
        if (stream.checkpoints() != null) {
            line.set("checkpoints_in_latency_phase", stream.checkpoints());
        }
        return line;
    }

    /** What the streaming phases measured. */
    record StreamFigures(
            long backlog,
            SustainedRate sustained,
            ObjectNode scorer,
            double rateForLatency,
            Percentiles latency,
            List<LatencyTrace> traces,
            LoadAverages load,
            ObjectNode checkpoints) {}

    /** The system load average (one minute) at three points of a configuration's streaming. */
    record LoadAverages(double start, double latencyPhase, double end) {}

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private ModelOnlyThroughput.Result modelOnly(
            ModelOnlyThroughput modelOnly, String when, int k, int batchSize, int parallelism)
            throws Exception {
        log.printf(
                Locale.ROOT,
                "model only (%s): K=%d, batches of %d, %d thread(s), %d s warm-up, %d s measured%n",
                when,
                k,
                batchSize,
                parallelism,
                settings.warmup().toSeconds(),
                settings.modelOnly().toSeconds());
        ModelOnlyThroughput.Result result =
                modelOnly.measure(settings.warmup(), settings.modelOnly());
        log.printf(
                Locale.ROOT, "model only (%s): %.1f reviews/s%n", when, result.reviewsPerSecond());
        return result;
    }

    /**
     * Starts Kafka, Flink and the job; the sustained phase ({@link SustainedRateProbe}) and the
     * latency phase.
     */
    private StreamFigures stream(VarsentConfig streamed) throws Exception {
        long checkpointMs = streamed.get(CHECKPOINT_INTERVAL).toMillis();
        double loadAtStart = loadAverage();
        try (LocalStack stack = LocalStack.start(streamed, log)) {
            VarsentConfig local = stack.config();
            OutputTimeline timeline =
                    new OutputTimeline(
                            local.get(BOOTSTRAP_SERVERS),
                            local.get(TOPIC_PREDICTIONS),
                            local.get(TOPIC_RELABEL),
                            local.get(TOPIC_DEAD_LETTERS),
                            LATENCY_ID_PREFIX);
            Thread timelineThread = new Thread(timeline, "varsent-bench-output-timeline");
            timelineThread.start();
            try {
                JobID job = stack.startScoringJob(predictorFactory);
                CheckpointHistory checkpoints =
                        new CheckpointHistory(stack.flink().restAddress(), job.toHexString());
                ScorerActivity scorer =
                        new ScorerActivity(stack.flink().restAddress(), job.toHexString());
                SustainedRateProbe.Health health =
                        () -> {
                            timeline.check();
                            checkpoints.poll();
                            scorer.poll();
                            JobStatus status = stack.flink().status(job);
                            if (status.isGloballyTerminalState()) {
                                throw new IllegalStateException(
                                        "the scoring job ended (" + status + "); see the log");
                            }
                        };
                try {
                    log.printf(
                            Locale.ROOT,
                            "scoring job running (checkpoints every %d ms); sustained phase: %d s warm-up, "
                                    + "up to %d s measured%n",
                            checkpointMs,
                            settings.warmup().toSeconds(),
                            settings.window().toSeconds());
                    SustainedRateProbe probe =
                            new SustainedRateProbe(
                                    local, reviews, settings.warmup(), settings.window());
                    SustainedRate sustained = probe.measure(timeline, health);
                    log.printf(
                            Locale.ROOT,
                            "sustained: %.1f reviews/s over %.1f s (%d checkpoint commits), %d reviews"
                                    + " in all%n",
                            sustained.reviewsPerSecond(),
                            sustained.windowSeconds(),
                            sustained.steps(),
                            probe.produced());
                    ObjectNode scorerActivity =
                            scorer.summary(sustained.startNanos(), sustained.endNanos());
                    if (scorerActivity != null) {
                        log.println("scorer in the sustained window: " + scorerActivity);
                    }

                    double rate =
                            settings.latencyRate() > 0
                                    ? settings.latencyRate()
                                    : sustained.reviewsPerSecond() / 2;
                    double loadAtLatencyPhase = loadAverage();
                    long latencyPhaseStart = System.currentTimeMillis();
                    log.printf(
                            Locale.ROOT,
                            "latency phase: %.1f reviews/s for %d s%n",
                            rate,
                            settings.latency().toSeconds());
                    long sent = produceAtRate(local, rate, health);
                    await(
                            () -> timeline.latencyOutputs() >= sent,
                            Duration.ofMillis(3 * checkpointMs + 30_000),
                            health,
                            "the latency phase's outputs");
                    if (timeline.deadLetters() > 0) {
                        throw new IllegalStateException(
                                timeline.deadLetters()
                                        + " reviews were dead-lettered; see the log");
                    }
                    Percentiles latency = new Percentiles(timeline.latenciesMs());
                    log.printf(
                            Locale.ROOT,
                            "latency: p50 %d ms, p99 %d ms over %d reviews%n",
                            latency.at(50),
                            latency.at(99),
                            latency.count());
                    List<LatencyTrace> traces = timeline.traces();
                    if (!traces.isEmpty()) {
                        log.println("latency breakdown: " + new LatencyBreakdown(traces).toJson());
                    }
                    checkpoints.poll();
                    ObjectNode checkpointSummary =
                            checkpoints.summary(
                                    traces, latencyPhaseStart, System.currentTimeMillis());
                    if (checkpointSummary != null) {
                        log.println("checkpoints in the latency phase: " + checkpointSummary);
                    }
                    return new StreamFigures(
                            probe.produced(),
                            sustained,
                            scorerActivity,
                            rate,
                            latency,
                            traces,
                            new LoadAverages(loadAtStart, loadAtLatencyPhase, loadAverage()),
                            checkpointSummary);
                } finally {
                    stack.flink().cancel(job, Duration.ofMinutes(1));
                }
            } finally {
                timeline.stop();
                timelineThread.join();
            }
        }
    }

    /** Produces reviews at {@code rate} for the latency duration; returns how many were sent. */
    private long produceAtRate(VarsentConfig local, double rate, SustainedRateProbe.Health health)
            throws Exception {
        ReviewFeeder feeder =
                new ReviewFeeder(
                        local.get(BOOTSTRAP_SERVERS),
                        local.get(TOPIC_REVIEWS),
                        reviews,
                        rate,
                        0,
                        LATENCY_ID_PREFIX,
                        Long.MAX_VALUE);
        Thread feederThread = new Thread(feeder, "varsent-bench-latency-feeder");
        feederThread.start();
        try {
            long end = System.nanoTime() + settings.latency().toNanos();
            await(
                    () -> System.nanoTime() >= end,
                    settings.latency().plusMinutes(1),
                    health,
                    "the latency phase");
        } finally {
            feeder.stop();
            feederThread.join();
        }
        return feeder.sent();
    }

    /**
     * Waits for {@code done}, failing when {@code health} does or after {@code timeout}. Health is
     * checked once a second: each check is a call into the cluster, which competes with the job for
     * the CPU.
     */
    private static void await(
            BooleanSupplier done, Duration timeout, SustainedRateProbe.Health health, String what)
            throws Exception {
        SustainedRateProbe.Health throttled = SustainedRateProbe.throttled(health);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            throttled.check();
            Thread.sleep(20);
        }
    }
}
