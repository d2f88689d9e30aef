package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.flink.FlinkRestClient;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.TopicClient;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker stops mid-stream and restarts on the same log directory and port: the scoring job,
 * which loses its source, its sinks and their open transactions meanwhile, recovers by itself, and
 * every review (half produced before the outage, half after) ends up exactly once across the output
 * topics ({@code read_committed}).
 */
@Tag("faults")
class BrokerRestartTest {

    private static final int REVIEWS = 3_000;

    @Test
    void theScoringJobRecoversFromABrokerRestartAndEveryReviewComesOutOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                LocalFlinkCluster flink = LocalFlinkCluster.start(0, 2, new Configuration())) {
            KeyedStream stream = KeyedStream.on(kafka, "restart", Map.of());
            JobID job =
                    flink.submit(
                            ScoringJob.onKafka(
                                            stream.config(),
                                            new SlowPredictorFactory(
                                                    TestModels.predictorFactory(), 2))
                                    .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                            "scoring-broker-restart");
            flink.awaitRunning(job, Duration.ofMinutes(2));
            try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
                stream.produce(client, 0, REVIEWS / 2);
                // Outputs committed before the outage, with reviews still in flight when the broker
                // goes.
                assertThat(stream.outputs(client, REVIEWS / 6, Duration.ofMinutes(1)).size())
                        .isGreaterThan(0);
            }

            kafka.stop();
            Thread.sleep(5_000);
            kafka.restart();

            try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
                stream.produce(client, REVIEWS / 2, REVIEWS);
                stream.assertEveryReviewExactlyOnce(client, REVIEWS, Duration.ofMinutes(3));
            }
            assertThat(flink.status(job)).isEqualTo(JobStatus.RUNNING);
            System.out.println(
                    "broker restart: the scoring job restarted "
                            + new FlinkRestClient(flink.restAddress()).numRestarts(job)
                            + " times");
            flink.cancel(job, Duration.ofMinutes(1));
        }
    }
}
