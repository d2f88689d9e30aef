package dev.varsent.labels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentConfig;
import dev.varsent.events.EventJson;
import dev.varsent.events.RelabelRequest;
import dev.varsent.events.TestEvents;
import dev.varsent.flink.FlinkRestClient;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.FreshTopics;
import dev.varsent.kafka.TopicClient;
import dev.varsent.predict.UncertaintySignal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labels job's keyed state survives a savepoint and a change of parallelism: requests waiting
 * for their labels and labels waiting for their requests are stored at parallelism 1, the job is
 * stopped with a savepoint and resumed from it at parallelism 2, and every pair meets exactly once
 * in the labelled-example store.
 */
@Tag("faults")
class LabelsRescaleTest {

    private static final int PAIRS = 100;
    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir Path dir;

    @Test
    void pendingRequestsAndLabelsMeetAfterAResumeAtParallelismTwo() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                LocalFlinkCluster flink = LocalFlinkCluster.start(0, 2, new Configuration())) {
            VarsentConfig config = topics(kafka, "lr");
            FlinkRestClient rest = new FlinkRestClient(flink.restAddress());
            JobID first =
                    flink.submit(job(config.with(Map.of("parallelism.default", "1"))), "labels-p1");
            flink.awaitRunning(first, WAIT);
            String savepoint;
            try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
                for (int i = 0; i < PAIRS; i++) {
                    request(client, "early-request-" + i);
                    label(client, "early-label-" + i);
                }
                awaitPending(rest, first, PAIRS);
                savepoint = flink.stopWithSavepoint(first, dir.resolve("savepoints"), WAIT);
            }
            assertThat(savepoint).isNotBlank();

            JobID second =
                    flink.submit(
                            job(config.with(Map.of("parallelism.default", "2"))),
                            "labels-p2",
                            savepoint);
            flink.awaitRunning(second, WAIT);
            try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
                for (int i = 0; i < PAIRS; i++) {
                    label(client, "early-request-" + i);
                    request(client, "early-label-" + i);
                }
                List<ConsumerRecord<byte[], byte[]>> store =
                        client.readCommitted(
                                List.of("lr-examples"), 2 * PAIRS, WAIT, Duration.ofSeconds(3));
                Map<String, Long> perId =
                        store.stream()
                                .map(r -> LabelledExample.fromJson(r.value()).id())
                                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
                assertThat(perId).hasSize(2 * PAIRS);
                assertThat(perId.values()).containsOnly(1L);
                assertThat(
                                client.readCommitted(
                                        List.of("lr-dead-letters"),
                                        0,
                                        Duration.ofSeconds(2),
                                        Duration.ZERO))
                        .isEmpty();
            }
            flink.cancel(second, WAIT);
        }
    }

    private static VarsentConfig topics(EmbeddedKafka kafka, String prefix) {
        return FreshTopics.labels(kafka, prefix).with("labels.match-timeout", "600000").config();
    }

    private static StreamExecutionEnvironment job(VarsentConfig config) {
        return LabelsJob.onKafka(config)
                .build(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    private static void request(TopicClient client, String id) throws Exception {
        RelabelRequest request =
                new RelabelRequest(
                        TestEvents.scored(id, 0.3),
                        "threshold total>0.13",
                        UncertaintySignal.TOTAL);
        client.send("lr-relabel", utf8(id), EventJson.relabelRequest(request));
    }

    private static void label(TopicClient client, String id) throws Exception {
        client.send(
                "lr-labels",
                utf8(id),
                utf8(
                        "{\"id\":\""
                                + id
                                + "\",\"rating\":0.7,\"labeler\":\"tester\",\"labelled_at\":1000}"));
    }

    /** Waits until the job holds {@code expected} labels that wait for their requests. */
    private static void awaitPending(FlinkRestClient rest, JobID job, double expected)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String metric = ".varsent." + MatchLabels.PENDING;
        while (FlinkRestClient.sum(rest.metrics(job, ".varsent."), metric) != expected) {
            assertThat(System.nanoTime())
                    .as("labels pending before the savepoint")
                    .isLessThan(deadline);
            Thread.sleep(300);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
