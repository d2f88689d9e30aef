package dev.varsent.local;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.DASHBOARD_PORT;
import static dev.varsent.config.VarsentOptions.JOB_NAME;
import static dev.varsent.config.VarsentOptions.LABELS_JOB_NAME;
import static dev.varsent.config.VarsentOptions.LOCAL_TOPIC_PARTITIONS;
import static dev.varsent.config.VarsentOptions.PARALLELISM;
import static dev.varsent.config.VarsentOptions.TOPIC_DEAD_LETTERS;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELLED_EXAMPLES;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELS;
import static dev.varsent.config.VarsentOptions.TOPIC_MODEL_UPDATES;
import static dev.varsent.config.VarsentOptions.TOPIC_PREDICTIONS;
import static dev.varsent.config.VarsentOptions.TOPIC_RELABEL;
import static dev.varsent.config.VarsentOptions.TOPIC_REVIEWS;

import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.labels.LabelsJob;
import dev.varsent.scoring.PredictorFactory;
import dev.varsent.scoring.ScoringJob;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The local setup the jobs run on: an in-process Kafka broker with the scoring job's four topics,
 * {@code model-updates} (one partition: promotions are totally ordered; compacted: the latest
 * announcement of each model is kept), {@code labels} and the compacted {@code labelled-examples}
 * store, and a Flink MiniCluster with its dashboard, both on loopback. {@link #close()} stops
 * Flink, then Kafka.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * The topic config of the labelled-example store: compaction keeps the latest record of each
     * review id.
     */
    public static final Map<String, String> COMPACTED =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    private static final int JOBS = 3;

    private final EmbeddedKafka kafka;
    private final LocalFlinkCluster flink;
    private final VarsentConfig config;

    private LocalStack(EmbeddedKafka kafka, LocalFlinkCluster flink, VarsentConfig config) {
        this.kafka = kafka;
        this.flink = flink;
        this.config = config;
    }

    /**
     * Starts the broker, creates the topics and starts the MiniCluster; prints where each one
     * listens.
     */
    public static LocalStack start(VarsentConfig config, PrintStream out) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            VarsentConfig local = config.with(BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            kafka.createTopics(
                    local.get(LOCAL_TOPIC_PARTITIONS),
                    List.of(
                            local.get(TOPIC_REVIEWS),
                            local.get(TOPIC_PREDICTIONS),
                            local.get(TOPIC_RELABEL),
                            local.get(TOPIC_DEAD_LETTERS)));
            kafka.createTopics(1, COMPACTED, List.of(local.get(TOPIC_MODEL_UPDATES)));
            kafka.createTopics(local.get(LOCAL_TOPIC_PARTITIONS), List.of(local.get(TOPIC_LABELS)));
            kafka.createTopics(
                    local.get(LOCAL_TOPIC_PARTITIONS),
                    COMPACTED,
                    List.of(local.get(TOPIC_LABELLED_EXAMPLES)));
            out.println("Kafka (in-process KRaft broker): " + kafka.bootstrapServers());
            // One set of slots each for the scoring job, the labels job and a retrain job.
            LocalFlinkCluster flink =
                    LocalFlinkCluster.start(
                            local.get(DASHBOARD_PORT),
                            JOBS * local.get(PARALLELISM),
                            local.flinkConfiguration());
            out.println("Flink dashboard: " + flink.restAddress());
            return new LocalStack(kafka, flink, local);
        } catch (Exception | Error e) {
            try {
                kafka.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The configuration with {@code kafka.bootstrap-servers} pointing at the embedded broker. */
    public VarsentConfig config() {
        return config;
    }

    public LocalFlinkCluster flink() {
        return flink;
    }

    /** Submits the scoring job on the local topics and returns once all its tasks are running. */
    public JobID startScoringJob(PredictorFactory predictorFactory) throws Exception {
        ScoringJob.checkOutputTopics(config);
        JobID job =
                flink.submit(
                        ScoringJob.onKafka(config, predictorFactory)
                                .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                        config.get(JOB_NAME));
        flink.awaitRunning(job, Duration.ofMinutes(2));
        return job;
    }

    /** Submits the labels job on the local topics and returns once all its tasks are running. */
    public JobID startLabelsJob() throws Exception {
        LabelsJob.checkOutputTopics(config);
        JobID job =
                flink.submit(
                        LabelsJob.onKafka(config)
                                .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                        config.get(LABELS_JOB_NAME));
        flink.awaitRunning(job, Duration.ofMinutes(2));
        return job;
    }

    @Override
    public void close() throws Exception {
        try {
            flink.close();
        } finally {
            kafka.close();
        }
    }
}
