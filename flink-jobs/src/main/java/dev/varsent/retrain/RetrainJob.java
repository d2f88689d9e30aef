package dev.varsent.retrain;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.REGISTRY_URI;
import static dev.varsent.config.VarsentOptions.RETRAIN_BASE_CORPUS;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELLED_EXAMPLES;

import dev.varsent.config.VarsentConfig;
import dev.varsent.events.RawRecord;
import dev.varsent.flink.JobEnvironments;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.KafkaConnectors;
import dev.varsent.registry.HistoryEvent;
import dev.varsent.registry.ModelRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * The retrain job, in BATCH execution mode over bounded sources:
 *
 * <pre>
 * base corpus (JSON lines) -> Parse base corpus --------+
 *                                                       +-> Keep the latest label per id -> Train and decide -> decisions
 * labelled examples (Kafka, to the end) -> Parse -------+     (keyed by review id)          (parallelism 1)
 * </pre>
 *
 * The challenger is trained, compared, promoted and announced by {@link ChampionChallenger}; the
 * decision is also written to the registry's history. Sources and the sink are given to the
 * constructor.
 */
public final class RetrainJob {

    public static final String BASE_SOURCE_NAME = "Read base corpus";
    public static final String BASE_SOURCE_UID = "base-corpus-source";
    public static final String PARSE_BASE_NAME = "Parse base corpus";
    public static final String PARSE_BASE_UID = "parse-base-corpus";
    public static final String LABELLED_SOURCE_NAME = "Read labelled examples";
    public static final String LABELLED_SOURCE_UID = "labelled-examples-source";
    public static final String PARSE_LABELLED_NAME = "Parse labelled examples";
    public static final String PARSE_LABELLED_UID = "parse-labelled-examples";
    public static final String LATEST_NAME = "Keep the latest label per id";
    public static final String LATEST_UID = "latest-label-per-id";
    public static final String TRAIN_NAME = "Train challenger and decide";
    public static final String TRAIN_UID = "train-challenger-and-decide";
    public static final String DECISIONS_SINK_NAME = "Write decision";
    public static final String DECISIONS_SINK_UID = "decision-sink";

    private final VarsentConfig config;
    private final Source<String, ?, ?> baseCorpus;
    private final Source<RawRecord, ?, ?> labelledExamples;
    private final Sink<RetrainDecision> decisions;
    private final String dataDescription;

    /**
     * @param baseCorpus lines of the base corpus, or null for none
     */
    public RetrainJob(
            VarsentConfig config,
            Source<String, ?, ?> baseCorpus,
            Source<RawRecord, ?, ?> labelledExamples,
            Sink<RetrainDecision> decisions,
            String dataDescription) {
        this.config = config;
        this.baseCorpus = baseCorpus;
        this.labelledExamples = labelledExamples;
        this.decisions = decisions;
        this.dataDescription = dataDescription;
    }

    /**
     * The job on the configured base corpus ({@code retrain.base-corpus}, if any) and
     * labelled-example topic, read up to its end as of the job's start; decisions are printed to
     * the task's stdout.
     */
    public static RetrainJob onKafka(VarsentConfig config) {
        return onKafka(config, new PrintSink<>("retrain decision"));
    }

    /** As {@link #onKafka(VarsentConfig)}, with the decisions going to {@code decisions}. */
    public static RetrainJob onKafka(VarsentConfig config, Sink<RetrainDecision> decisions) {
        String base = config.get(RETRAIN_BASE_CORPUS);
        Source<String, ?, ?> baseSource =
                base.isBlank()
                        ? null
                        : FileSource.forRecordStreamFormat(
                                        new TextLineInputFormat(), new Path(base))
                                .build();
        String description =
                (base.isBlank() ? "" : "base corpus " + base + " + ")
                        + "labelled examples of topic "
                        + config.get(TOPIC_LABELLED_EXAMPLES)
                        + " at "
                        + config.get(BOOTSTRAP_SERVERS);
        return new RetrainJob(
                config, baseSource, labelledExamplesSource(config), decisions, description);
    }

    /**
     * The whole labelled-example topic, from the earliest offset to the latest as of the start;
     * committed records only.
     */
    public static KafkaSource<RawRecord> labelledExamplesSource(VarsentConfig config) {
        return KafkaConnectors.boundedCommittedSource(config, config.get(TOPIC_LABELLED_EXAMPLES));
    }

    public StreamExecutionEnvironment build(StreamExecutionEnvironment env) {
        JobEnvironments.configurePipeline(env, config);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);

        DataStream<TrainingExample> examples =
                env.fromSource(
                                labelledExamples,
                                WatermarkStrategy.noWatermarks(),
                                LABELLED_SOURCE_NAME)
                        .uid(LABELLED_SOURCE_UID)
                        .flatMap(new ParseLabelledExamples())
                        .name(PARSE_LABELLED_NAME)
                        .uid(PARSE_LABELLED_UID);
        if (baseCorpus != null) {
            examples =
                    examples.union(
                            env.fromSource(
                                            baseCorpus,
                                            WatermarkStrategy.noWatermarks(),
                                            BASE_SOURCE_NAME)
                                    .uid(BASE_SOURCE_UID)
                                    .flatMap(new ParseBaseCorpus())
                                    .name(PARSE_BASE_NAME)
                                    .uid(PARSE_BASE_UID));
        }
        examples.keyBy(TrainingExample::id)
                .reduce(TrainingExample::latest)
                .name(LATEST_NAME)
                .uid(LATEST_UID)
                .global()
                .transform(
                        TRAIN_NAME,
                        TypeInformation.of(RetrainDecision.class),
                        new TrainChallengerOperator(config.explicitSettings(), dataDescription))
                .uid(TRAIN_UID)
                .setParallelism(1)
                .sinkTo(decisions)
                .name(DECISIONS_SINK_NAME)
                .uid(DECISIONS_SINK_UID)
                .setParallelism(1);
        return env;
    }

    /** The job's name in the dashboard. */
    public String name() {
        return config.get(dev.varsent.config.VarsentOptions.RETRAIN_JOB_NAME);
    }

    /**
     * Runs the job on {@code cluster} to its end and returns the decision it recorded in the
     * registry. {@code submitted} is told the job id as soon as the cluster accepted the job (e.g.
     * to cancel it).
     *
     * @throws IllegalStateException when the job did not finish successfully (with its failure as
     *     the cause)
     */
    public HistoryEvent.Retrained runOn(
            LocalFlinkCluster cluster, Duration timeout, Consumer<JobID> submitted)
            throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JobID job =
                cluster.submit(build(StreamExecutionEnvironment.getExecutionEnvironment()), name());
        submitted.accept(job);
        JobResult result = cluster.awaitResult(job, timeout);
        if (!result.isSuccess()) {
            Throwable cause =
                    result.getSerializedThrowable()
                            .map(t -> (Throwable) t.deserializeError(getClass().getClassLoader()))
                            .orElse(null);
            throw new IllegalStateException(
                    "retrain job "
                            + job
                            + " ended as "
                            + result.getApplicationStatus()
                            + (cause == null ? "" : ": " + rootMessage(cause)),
                    cause);
        }
        return latestDecision(ModelRegistry.fromConfig(config), started)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "retrain job "
                                                + job
                                                + " finished without recording a decision in "
                                                + config.get(REGISTRY_URI)));
    }

    public HistoryEvent.Retrained runOn(LocalFlinkCluster cluster, Duration timeout)
            throws Exception {
        return runOn(cluster, timeout, job -> {});
    }

    /** The last retrain decision recorded at or after {@code since}. */
    public static Optional<HistoryEvent.Retrained> latestDecision(
            ModelRegistry registry, Instant since) throws IOException {
        HistoryEvent.Retrained latest = null;
        for (HistoryEvent event : registry.history()) {
            if (event instanceof HistoryEvent.Retrained r && !r.at().isBefore(since)) {
                latest = r;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
