package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.TopicClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring job is stopped with a savepoint mid-stream and resumed from it at another parallelism
 * (1, then 2): the operators' state (source offsets, the micro-batch buffer, the routing window,
 * the served model) is matched by the uids in {@link ScoringJob} and redistributed, and every
 * review, produced before the stop, while the job is down and after the resume, comes out exactly
 * once.
 */
@Tag("faults")
class SavepointRescaleTest {

    private static final int REVIEWS = 3_000;

    @TempDir Path dir;

    @Test
    void aJobStoppedWithASavepointResumesAtParallelismTwoWithEveryReviewOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                LocalFlinkCluster flink = LocalFlinkCluster.start(0, 2, new Configuration())) {
            KeyedStream stream =
                    KeyedStream.on(kafka, "rescale", Map.of("parallelism.default", "1"));
            JobID first = flink.submit(job(stream.config()), "scoring-before-savepoint");
            flink.awaitRunning(first, Duration.ofMinutes(2));
            String savepoint;
            try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
                stream.produce(client, 0, REVIEWS / 2);
                assertThat(stream.outputs(client, REVIEWS / 6, Duration.ofMinutes(1)).size())
                        .isGreaterThan(0);
                savepoint =
                        flink.stopWithSavepoint(
                                first, dir.resolve("savepoints"), Duration.ofMinutes(2));
                stream.produce(client, REVIEWS / 2, 3 * REVIEWS / 4);
            }
            assertThat(savepoint).isNotBlank();

            VarsentConfig rescaled = stream.config().with(Map.of("parallelism.default", "2"));
            JobID second = flink.submit(job(rescaled), "scoring-after-savepoint", savepoint);
            flink.awaitRunning(second, Duration.ofMinutes(2));
            try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
                stream.produce(client, 3 * REVIEWS / 4, REVIEWS);
                stream.assertEveryReviewExactlyOnce(client, REVIEWS, Duration.ofMinutes(3));
            }
            flink.cancel(second, Duration.ofMinutes(1));
        }
    }

    private static StreamExecutionEnvironment job(VarsentConfig config) {
        return ScoringJob.onKafka(
                        config, new SlowPredictorFactory(TestModels.predictorFactory(), 2))
                .build(StreamExecutionEnvironment.getExecutionEnvironment());
    }
}
