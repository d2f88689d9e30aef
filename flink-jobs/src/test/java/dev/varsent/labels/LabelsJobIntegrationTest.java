package dev.varsent.labels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.config.VarsentConfig;
import dev.varsent.events.DeadLetterReason;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The labels job on a real KRaft broker and a real MiniCluster, exactly-once: relabel requests as
 * the scoring job writes them and labels (good, bad, early, late, repeated) go in; a {@code
 * read_committed} consumer checks the labelled-example store and the dead letters.
 */
class LabelsJobIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static EmbeddedKafka kafka;
    private static LocalFlinkCluster flink;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        kafka = EmbeddedKafka.start();
        flink = LocalFlinkCluster.start(0, 2, new Configuration());
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * A configuration on fresh topics named {@code prefix-...}, created on the embedded broker (the
     * store compacted).
     */
    private static VarsentConfig freshTopics(String prefix, long matchTimeoutMs) {
        return FreshTopics.labels(kafka, prefix)
                .with(
                        "labels.match-timeout",
                        Long.toString(matchTimeoutMs),
                        "parallelism.default",
                        "2")
                .config();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RecordMetadata request(
            TopicClient client, String topic, String id, double uncertainty) throws Exception {
        RelabelRequest request =
                new RelabelRequest(
                        TestEvents.scored(id, uncertainty),
                        "threshold epistemic_std>0.12",
                        UncertaintySignal.EPISTEMIC);
        return client.send(topic, utf8(id), EventJson.relabelRequest(request));
    }

    private static RecordMetadata label(TopicClient client, String topic, String id, String json)
            throws Exception {
        return client.send(topic, id == null ? null : utf8(id), utf8(json));
    }

    private static String rating(String id, double rating, long labelledAt) {
        return "{\"id\":\""
                + id
                + "\",\"rating\":"
                + rating
                + ",\"labeler\":\"tester\",\"labelled_at\":"
                + labelledAt
                + "}";
    }

    /** The store's records in the order written, as examples. */
    private static List<LabelledExample> examples(
            TopicClient client, String topic, int expected, Duration settle) {
        List<LabelledExample> examples = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record :
                client.readCommitted(List.of(topic), expected, WAIT, settle)) {
            LabelledExample example = LabelledExample.fromJson(record.value());
            assertThat(record.key()).isEqualTo(example.key());
            examples.add(example);
        }
        return examples;
    }

    private static List<JsonNode> deadLetters(
            TopicClient client, String topic, int expected, Duration settle) throws Exception {
        List<JsonNode> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record :
                client.readCommitted(List.of(topic), expected, WAIT, settle)) {
            letters.add(JSON.readTree(record.value()));
        }
        return letters;
    }

    /** The latest example of each review, as compaction keeps it: the last record of each key. */
    private static Map<String, LabelledExample> latest(List<LabelledExample> examples) {
        Map<String, LabelledExample> latest = new LinkedHashMap<>();
        examples.forEach(e -> latest.put(e.id(), e));
        return latest;
    }

    private static Map<String, String> awaitMetrics(
            FlinkRestClient rest, JobID job, String suffix, double value) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, String> metrics = rest.metrics(job, ".varsent.");
        while (FlinkRestClient.sum(metrics, suffix) != value && System.nanoTime() < deadline) {
            Thread.sleep(300);
            metrics = rest.metrics(job, ".varsent.");
        }
        return metrics;
    }

    @Test
    void labelsJoinTheirRequestsEarlyOrLateAndTheLatestLabelWins() throws Exception {
        VarsentConfig config = freshTopics("join", 600_000);
        FlinkRestClient rest = new FlinkRestClient(flink.restAddress());
        try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            request(client, "join-relabel", "r1", 0.31);
            request(client, "join-relabel", "r2", 0.22);
            request(client, "join-relabel", "r3", 0.13);
            RecordMetadata badRequest =
                    client.send("join-relabel", utf8("r9"), utf8("{\"id\":\"r9\",\"text\":"));
            label(client, "join-labels", "r1", rating("r1", 0.9, 1_000));
            label(
                    client,
                    "join-labels",
                    "r2",
                    "{\"id\":\"r2\",\"class\":\"neg\",\"labeler\":\"tester\",\"labelled_at\":1000}");

            Map<String, DeadLetterReason> badLabels = new LinkedHashMap<>();
            Map<String, RecordMetadata> badPositions = new HashMap<>();
            badPositions.put(
                    "b-labeler",
                    label(
                            client,
                            "join-labels",
                            "b-labeler",
                            "{\"id\":\"b-labeler\",\"rating\":0.5}"));
            badLabels.put("b-labeler", DeadLetterReason.MISSING_LABELER);
            badPositions.put(
                    "b-rating",
                    label(client, "join-labels", "b-rating", rating("b-rating", 2.0, 1)));
            badLabels.put("b-rating", DeadLetterReason.INVALID_RATING);
            badPositions.put(
                    "b-both",
                    label(
                            client,
                            "join-labels",
                            "b-both",
                            "{\"id\":\"b-both\",\"rating\":1,\"class\":\"pos\",\"labeler\":\"x\"}"));
            badLabels.put("b-both", DeadLetterReason.AMBIGUOUS_LABEL);
            badPositions.put(
                    "b-class",
                    label(
                            client,
                            "join-labels",
                            "b-class",
                            "{\"id\":\"b-class\",\"class\":\"meh\",\"labeler\":\"x\"}"));
            badLabels.put("b-class", DeadLetterReason.UNKNOWN_CLASS);
            badPositions.put(
                    "b-json", label(client, "join-labels", "b-json", "{\"id\":\"b-json\","));
            badLabels.put("b-json", DeadLetterReason.MALFORMED_JSON);
            byte[] notUtf8 = utf8(rating("b-utf8", 0.5, 1));
            notUtf8[3] = (byte) 0xC3;
            badPositions.put("b-utf8", client.send("join-labels", utf8("b-utf8"), notUtf8));
            badLabels.put("b-utf8", DeadLetterReason.INVALID_UTF8);

            JobID job =
                    flink.submit(
                            LabelsJob.onKafka(config)
                                    .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                            "labels-join");
            try {
                assertThat(examples(client, "join-examples", 2, Duration.ZERO))
                        .extracting(LabelledExample::id)
                        .containsExactlyInAnyOrder("r1", "r2");

                // A relabel of r1 (newer: written again) and a label older than the stored one
                // (dead-lettered).
                label(client, "join-labels", "r1", rating("r1", 0.2, 2_000));
                RecordMetadata stale = label(client, "join-labels", "r1", rating("r1", 0.5, 500));

                // A label before its request waits for it.
                label(client, "join-labels", "r4", rating("r4", 0.6, 3_000));
                Map<String, String> metrics =
                        awaitMetrics(rest, job, ".varsent." + MatchLabels.PENDING, 1);
                assertThat(FlinkRestClient.sum(metrics, ".varsent." + MatchLabels.PENDING))
                        .isEqualTo(1);
                request(client, "join-relabel", "r4", 0.44);

                List<LabelledExample> written =
                        examples(client, "join-examples", 4, Duration.ofSeconds(2));
                assertThat(written).hasSize(4);
                Map<String, LabelledExample> store = latest(written);
                assertThat(store.keySet()).containsExactlyInAnyOrder("r1", "r2", "r4");
                assertThat(store.get("r1"))
                        .isEqualTo(
                                new LabelledExample(
                                        "r1",
                                        "text of r1",
                                        0.2,
                                        "tester",
                                        2_000,
                                        "test-model",
                                        0.31));
                assertThat(
                                written.stream()
                                        .filter(e -> e.id().equals("r1"))
                                        .map(LabelledExample::rating))
                        .containsExactly(0.9, 0.2);
                assertThat(store.get("r2").rating()).isEqualTo(0.0);
                assertThat(store.get("r2").text()).isEqualTo("text of r2");
                assertThat(store.get("r4"))
                        .isEqualTo(
                                new LabelledExample(
                                        "r4",
                                        "text of r4",
                                        0.6,
                                        "tester",
                                        3_000,
                                        "test-model",
                                        0.44));

                List<JsonNode> letters =
                        deadLetters(
                                client,
                                "join-dead-letters",
                                badLabels.size() + 2,
                                Duration.ofSeconds(2));
                assertThat(letters).hasSize(badLabels.size() + 2);
                Map<String, JsonNode> byPosition = new HashMap<>();
                for (JsonNode letter : letters) {
                    JsonNode source = letter.get("source");
                    byPosition.put(
                            source.get("topic").asText()
                                    + "-"
                                    + source.get("partition").asInt()
                                    + "@"
                                    + source.get("offset").asLong(),
                            letter);
                    assertThat(letter.get("message").asText()).isNotBlank();
                }
                for (var bad : badLabels.entrySet()) {
                    RecordMetadata position = badPositions.get(bad.getKey());
                    JsonNode letter =
                            byPosition.get(
                                    "join-labels-"
                                            + position.partition()
                                            + "@"
                                            + position.offset());
                    assertThat(letter).as(bad.getKey()).isNotNull();
                    assertThat(letter.get("reason").asText())
                            .as(bad.getKey())
                            .isEqualTo(bad.getValue().name());
                }
                JsonNode utf8Letter =
                        byPosition.get(
                                "join-labels-"
                                        + badPositions.get("b-utf8").partition()
                                        + "@"
                                        + badPositions.get("b-utf8").offset());
                assertThat(utf8Letter.get("encoding").asText()).isEqualTo("base64");
                JsonNode staleLetter =
                        byPosition.get("join-labels-" + stale.partition() + "@" + stale.offset());
                assertThat(staleLetter.get("reason").asText())
                        .isEqualTo(DeadLetterReason.STALE_LABEL.name());
                assertThat(staleLetter.get("id").asText()).isEqualTo("r1");
                assertThat(staleLetter.get("payload").asText()).isEqualTo(rating("r1", 0.5, 500));
                JsonNode requestLetter =
                        byPosition.get(
                                "join-relabel-"
                                        + badRequest.partition()
                                        + "@"
                                        + badRequest.offset());
                assertThat(requestLetter.get("reason").asText())
                        .isEqualTo(DeadLetterReason.MALFORMED_JSON.name());

                metrics = awaitMetrics(rest, job, ".varsent." + MatchLabels.MATCHED, 4);
                assertThat(FlinkRestClient.sum(metrics, ".varsent." + MatchLabels.MATCHED))
                        .isEqualTo(4);
                assertThat(FlinkRestClient.sum(metrics, ".varsent." + MatchLabels.PENDING))
                        .isEqualTo(0);
                metrics =
                        awaitMetrics(
                                rest,
                                job,
                                ".varsent." + MatchLabels.DEAD_LETTERED,
                                badLabels.size() + 1);
                assertThat(FlinkRestClient.sum(metrics, ".varsent." + MatchLabels.DEAD_LETTERED))
                        .isEqualTo(badLabels.size() + 1);
                assertThat(FlinkRestClient.sum(metrics, ".varsent." + ParseLabels.RECEIVED))
                        .isEqualTo(badLabels.size() + 5);
            } finally {
                flink.cancel(job, Duration.ofSeconds(60));
            }
        }
    }

    @Test
    void theStoreIsCreatedCompacted() throws Exception {
        freshTopics("store", 1_000);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "store-examples");
        try (Admin admin = kafka.admin()) {
            // A topic just created may not be known to every part of the broker yet: ask again for
            // a while.
            Config config = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (config == null) {
                try {
                    config =
                            admin.describeConfigs(List.of(topic))
                                    .all()
                                    .get(30, TimeUnit.SECONDS)
                                    .get(topic);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause()
                                    instanceof
                                    org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                            || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void aLabelWhoseRequestNeverComesIsDeadLetteredAsUnknownReview() throws Exception {
        VarsentConfig config = freshTopics("ghost", 300);
        try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            String ghostLabel = rating("ghost", 0.4, 10);
            RecordMetadata ghost = label(client, "ghost-labels", "ghost", ghostLabel);
            // A request for another review does not help it. (Its own label is left out: with a 300
            // ms
            // timeout it could expire before the requests source has started.)
            request(client, "ghost-relabel", "other", 0.5);

            JobID job =
                    flink.submit(
                            LabelsJob.onKafka(config)
                                    .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                            "labels-unknown-review");
            try {
                List<JsonNode> letters =
                        deadLetters(client, "ghost-dead-letters", 1, Duration.ZERO);
                assertThat(letters).hasSize(1);
                JsonNode letter = letters.get(0);
                assertThat(letter.get("reason").asText())
                        .isEqualTo(DeadLetterReason.UNKNOWN_REVIEW.name());
                assertThat(letter.get("id").asText()).isEqualTo("ghost");
                assertThat(letter.get("message").asText()).contains("labels.match-timeout");
                assertThat(letter.get("payload").asText()).isEqualTo(ghostLabel);
                assertThat(letter.get("source").get("topic").asText()).isEqualTo("ghost-labels");
                assertThat(letter.get("source").get("partition").asInt())
                        .isEqualTo(ghost.partition());
                assertThat(letter.get("source").get("offset").asLong()).isEqualTo(ghost.offset());

                assertThat(examples(client, "ghost-examples", 0, Duration.ofSeconds(1))).isEmpty();
            } finally {
                flink.cancel(job, Duration.ofSeconds(60));
            }
        }
    }
}
