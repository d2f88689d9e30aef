package dev.varsent.labels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.events.EventJson;
import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.RelabelRequest;
import dev.varsent.events.TestEvents;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.RawRecordDeserializer;
import dev.varsent.kafka.TopicClient;
import dev.varsent.predict.UncertaintySignal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The oracle labeler on a real KRaft broker: it answers relabel requests from its ground truth. */
class OracleLabelerTest {

    private static final GroundTruth TRUTH =
            GroundTruth.of(Map.of("a", 0.25, "b", 0.75, "c", 1.0, "d", 0.0));
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static OracleSettings settings(
            String prefix, String group, long delayMs, double noise, long seed) {
        return settings(prefix + "-relabel", prefix + "-labels", group, delayMs, noise, seed);
    }

    private static OracleSettings settings(
            String requests, String labels, String group, long delayMs, double noise, long seed) {
        return new OracleSettings(
                kafka.bootstrapServers(),
                new Properties(),
                requests,
                labels,
                group,
                delayMs,
                noise,
                seed,
                "test-oracle");
    }

    private static RecordMetadata request(TopicClient client, String topic, String id)
            throws Exception {
        RelabelRequest request =
                new RelabelRequest(
                        TestEvents.scored(id, 0.3),
                        "threshold epistemic_std>0.12",
                        UncertaintySignal.EPISTEMIC);
        return client.send(
                topic, id.getBytes(StandardCharsets.UTF_8), EventJson.relabelRequest(request));
    }

    private static List<Label> labels(TopicClient client, String topic, int expected) {
        LabelParser parser = new LabelParser(InputLimits.NONE);
        List<Label> labels = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record :
                client.readCommitted(List.of(topic), expected, WAIT, Duration.ofSeconds(1))) {
            Parsed<Label> parsed =
                    parser.parse(RawRecordDeserializer.raw(record), System.currentTimeMillis());
            assertThat(parsed).isInstanceOf(Parsed.Valid.class);
            labels.add(((Parsed.Valid<Label>) parsed).value());
        }
        return labels;
    }

    private static void await(BooleanSupplier condition, OracleLabeler labeler)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()
                && System.nanoTime() < deadline
                && labeler.failure().isEmpty()) {
            Thread.sleep(100);
        }
        assertThat(labeler.failure()).isEmpty();
    }

    @Test
    void answersKnownIdsExactlyAfterTheDelayAndCountsUnknownOnes() throws Exception {
        kafka.createTopics(2, "exact-relabel", "exact-labels");
        long delayMs = 1_500;
        try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            Map<String, RecordMetadata> requests = new HashMap<>();
            for (String id : List.of("a", "b", "c")) {
                requests.put(id, request(client, "exact-relabel", id));
            }
            request(client, "exact-relabel", "not-in-the-truth");
            client.send("exact-relabel", null, "{\"id\":".getBytes(StandardCharsets.UTF_8));

            OracleLabeler labeler =
                    new OracleLabeler(settings("exact", "exact-oracle", delayMs, 0.0, 1), TRUTH)
                            .start();
            try {
                await(
                        () ->
                                labeler.answered() == 3
                                        && labeler.unknown() == 1
                                        && labeler.invalid() == 1,
                        labeler);
                assertThat(labeler.answered()).isEqualTo(3);
                assertThat(labeler.unknown()).isEqualTo(1);
                assertThat(labeler.invalid()).isEqualTo(1);
            } finally {
                labeler.close();
            }
            assertThat(labeler.isRunning()).isFalse();
            assertThat(labeler.failure()).isEmpty();

            List<Label> labels = labels(client, "exact-labels", 3);
            assertThat(labels).hasSize(3);
            Map<String, Label> byId = new HashMap<>();
            labels.forEach(l -> byId.put(l.id(), l));
            assertThat(byId.keySet()).containsExactlyInAnyOrder("a", "b", "c");
            for (Label label : labels) {
                assertThat(label.rating())
                        .as(label.id())
                        .isEqualTo(TRUTH.rating(label.id()).getAsDouble());
                assertThat(label.labeler()).isEqualTo("test-oracle");
                assertThat(label.labelledAt())
                        .as(label.id())
                        .isGreaterThanOrEqualTo(requests.get(label.id()).timestamp() + delayMs);
            }
        }
    }

    @Test
    void noiseIsSeededAndClipped() throws Exception {
        kafka.createTopics(1, "noise-relabel", "noise-labels-1", "noise-labels-2");
        try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            for (int round = 0; round < 10; round++) {
                for (String id : List.of("a", "b", "c", "d")) {
                    request(client, "noise-relabel", id);
                }
            }
            List<List<Double>> runs = new ArrayList<>();
            for (int run = 1; run <= 2; run++) {
                OracleLabeler labeler =
                        new OracleLabeler(
                                        settings(
                                                "noise-relabel",
                                                "noise-labels-" + run,
                                                "noise-oracle-" + run,
                                                0,
                                                0.3,
                                                7),
                                        TRUTH)
                                .start();
                try {
                    await(() -> labeler.answered() == 40, labeler);
                } finally {
                    labeler.close();
                }
                runs.add(
                        labels(client, "noise-labels-" + run, 40).stream()
                                .map(Label::rating)
                                .toList());
            }
            assertThat(runs.get(0)).hasSize(40).isEqualTo(runs.get(1));
            assertThat(runs.get(0)).allSatisfy(r -> assertThat(r).isBetween(0.0, 1.0));
            List<Double> truth = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                truth.addAll(List.of(0.25, 0.75, 1.0, 0.0));
            }
            assertThat(runs.get(0)).isNotEqualTo(truth);
            // Noise of std 0.3 around 1.0 and 0.0 is clipped: some labels sit exactly on the
            // bounds.
            assertThat(runs.get(0)).contains(1.0, 0.0);
        }
    }

    @Test
    void aRestartedLabelerAnswersOnlyTheRequestsItHasNotAnswered() throws Exception {
        kafka.createTopics(2, "restart-relabel", "restart-labels");
        try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            request(client, "restart-relabel", "a");
            request(client, "restart-relabel", "b");
            OracleLabeler first =
                    new OracleLabeler(settings("restart", "restart-oracle", 0, 0.0, 1), TRUTH)
                            .start();
            try {
                await(() -> first.answered() == 2, first);
            } finally {
                first.close();
            }
            request(client, "restart-relabel", "c");
            OracleLabeler second =
                    new OracleLabeler(settings("restart", "restart-oracle", 0, 0.0, 1), TRUTH)
                            .start();
            try {
                await(() -> second.answered() == 1, second);
                assertThat(second.answered()).isEqualTo(1);
            } finally {
                second.close();
            }
            assertThat(labels(client, "restart-labels", 3))
                    .extracting(Label::id)
                    .containsExactlyInAnyOrder("a", "b", "c");
        }
    }
}
