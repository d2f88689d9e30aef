package dev.varsent.scoring;

import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.KafkaConnectors;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The scoring job on the configured Kafka topics, reading the reviews and the model updates up to
 * the offsets that are the latest when it starts, then finishing: a test runs it to its result.
 */
final class BoundedScoringJob {

    private BoundedScoringJob() {}

    /** Runs the bounded job on {@code flink} and waits up to three minutes for its result. */
    static JobResult run(
            LocalFlinkCluster flink,
            VarsentConfig config,
            PredictorFactory predictorFactory,
            String jobName)
            throws Exception {
        ScoringJob job =
                new ScoringJob(
                        config,
                        KafkaConnectors.boundedReviewsSource(config),
                        KafkaConnectors.boundedModelUpdatesSource(config),
                        KafkaConnectors.predictionsSink(config),
                        KafkaConnectors.relabelSink(config),
                        KafkaConnectors.deadLetterSink(config),
                        predictorFactory);
        JobID jobId =
                flink.submit(
                        job.build(StreamExecutionEnvironment.getExecutionEnvironment()), jobName);
        return flink.awaitResult(jobId, Duration.ofMinutes(3));
    }

    /**
     * The test model at 20 ms a batch, whose task crashes once (across all subtasks and restarts,
     * recorded by {@code marker}) after 120 reviews: with a 200 ms checkpoint interval, after
     * several checkpoints and with outputs written since the last one.
     */
    static PredictorFactory crashingOnce(Path marker) {
        return new FailOncePredictorFactory(
                new SlowPredictorFactory(TestModels.predictorFactory(), 20), marker, 120);
    }
}
