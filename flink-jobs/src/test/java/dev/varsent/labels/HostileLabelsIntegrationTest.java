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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * No label can stop the labels job: hostile relabel requests and labels (broken JSON and UTF-8, the
 * 180 KB control-character value, wrong types, over-long fields, invisible ids, out-of-range
 * ratings and times, labels without a request, and a flood of 500 labels for one review) mixed into
 * good traffic on a real broker and MiniCluster. Every label ends exactly once in the labelled
 * examples or the dead letters (and every bad request in the dead letters), and the job never
 * restarts.
 */
class HostileLabelsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GOOD = 100;
    private static final int FLOOD = 500;

    private record Sent(String id, DeadLetterReason reason) {}

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String label(String id, String rest) {
        return "{\"id\":\"" + id + "\",\"labeler\":\"tester\"," + rest + "}";
    }

    @Test
    void everyLabelIsAccountedForExactlyOnceAndTheJobNeverRestarts() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                LocalFlinkCluster flink = LocalFlinkCluster.start(0, 2, new Configuration());
                TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            VarsentConfig config =
                    FreshTopics.labels(kafka, "hl")
                            .with("labels.match-timeout", "15000", "parallelism.default", "2")
                            .config();

            Map<String, Sent> sent = new HashMap<>();
            // Relabel requests: good ones, the flood's, and hostile ones (each a dead letter).
            for (int i = 0; i < GOOD; i++) {
                request(client, sent, "l-" + i);
            }
            request(client, sent, "flood");
            badRequest(
                    client,
                    sent,
                    "{\"id\":\"q-malformed\",\"text\":",
                    DeadLetterReason.MALFORMED_JSON);
            badRequest(
                    client,
                    sent,
                    "{\"id\":\"q-big\",\"text\":\"" + "a".repeat(100 * 1024 + 1) + "\"}",
                    DeadLetterReason.TEXT_TOO_LARGE);
            badRequest(
                    client,
                    sent,
                    "{\"id\":\"q-version\",\"text\":\"t\",\"prediction\":{\"model_version\":\""
                            + "v".repeat(1025)
                            + "\"}}",
                    DeadLetterReason.FIELD_TOO_LONG);
            badRequest(
                    client,
                    sent,
                    "{\"id\":\"q\\u200bid\",\"text\":\"t\"}",
                    DeadLetterReason.INVALID_ID);
            badRequest(
                    client,
                    sent,
                    "{\"id\":\"q-future\",\"text\":\"t\",\"processing_time\":\"2999-01-01T00:00:00Z\"}",
                    DeadLetterReason.INVALID_TIMESTAMP);
            badRequest(
                    client,
                    sent,
                    "{\"id\":\"q-type\",\"text\":\"t\",\"prediction\":{\"uncertainty\":\"high\"}}",
                    DeadLetterReason.WRONG_TYPE);
            byte[] controls = new byte[180_000];
            Arrays.fill(controls, (byte) 0x01);
            send(
                    client,
                    sent,
                    "hl-relabel",
                    "q-controls",
                    controls,
                    DeadLetterReason.MALFORMED_JSON);

            // Labels: one good label per good request, a flood for one review, and hostile ones.
            for (int i = 0; i < GOOD; i++) {
                send(
                        client,
                        sent,
                        "hl-labels",
                        "l-" + i,
                        utf8(label("l-" + i, "\"rating\":0.25,\"labelled_at\":" + (1_000 + i))),
                        null);
            }
            for (int i = 0; i < FLOOD; i++) {
                send(
                        client,
                        sent,
                        "hl-labels",
                        "flood",
                        utf8(label("flood", "\"rating\":0.5,\"labelled_at\":" + (1 + i))),
                        null);
            }
            send(
                    client,
                    sent,
                    "hl-labels",
                    "b-controls",
                    controls,
                    DeadLetterReason.MALFORMED_JSON);
            badLabel(
                    client,
                    sent,
                    "b-malformed",
                    "{\"id\":\"b-malformed\",\"rating\":",
                    DeadLetterReason.MALFORMED_JSON);
            badLabel(
                    client,
                    sent,
                    "b-nested",
                    "{\"id\":\"b-nested\",\"x\":"
                            + "{\"a\":".repeat(3000)
                            + "1"
                            + "}".repeat(3000)
                            + "}",
                    DeadLetterReason.MALFORMED_JSON);
            badLabel(
                    client,
                    sent,
                    "b-bom",
                    "\uFEFF" + label("b-bom", "\"rating\":0.5"),
                    DeadLetterReason.MALFORMED_JSON);
            badLabel(
                    client,
                    sent,
                    "b-dup",
                    label("b-dup", "\"rating\":0.5,\"rating\":0.6"),
                    DeadLetterReason.MALFORMED_JSON);
            byte[] notUtf8 = utf8(label("b-utf8", "\"rating\":0.5"));
            notUtf8[8] = (byte) 0xFE;
            send(client, sent, "hl-labels", "b-utf8", notUtf8, DeadLetterReason.INVALID_UTF8);
            send(client, sent, "hl-labels", "b-tombstone", null, DeadLetterReason.EMPTY_RECORD);
            badLabel(
                    client,
                    sent,
                    "b-number-id",
                    "{\"id\":5,\"rating\":0.5,\"labeler\":\"x\"}",
                    DeadLetterReason.WRONG_TYPE);
            badLabel(
                    client,
                    sent,
                    "b-number-labeler",
                    "{\"id\":\"l-1\",\"rating\":0.5,\"labeler\":7}",
                    DeadLetterReason.WRONG_TYPE);
            badLabel(
                    client,
                    sent,
                    "b-null-labeler",
                    "{\"id\":\"l-1\",\"rating\":0.5,\"labeler\":null}",
                    DeadLetterReason.MISSING_LABELER);
            badLabel(
                    client,
                    sent,
                    "b-long-labeler",
                    "{\"id\":\"l-1\",\"rating\":0.5,\"labeler\":\"" + "x".repeat(1025) + "\"}",
                    DeadLetterReason.FIELD_TOO_LONG);
            badLabel(
                    client,
                    sent,
                    "b-long-id",
                    label("i".repeat(1025), "\"rating\":0.5"),
                    DeadLetterReason.FIELD_TOO_LONG);
            badLabel(
                    client,
                    sent,
                    "b-invisible-id",
                    label("l-1\\u2060", "\"rating\":0.5"),
                    DeadLetterReason.INVALID_ID);
            badLabel(
                    client,
                    sent,
                    "b-infinite",
                    label("l-2", "\"rating\":1e999"),
                    DeadLetterReason.INVALID_RATING);
            badLabel(
                    client,
                    sent,
                    "b-nan-string",
                    label("l-2", "\"rating\":\"NaN\""),
                    DeadLetterReason.WRONG_TYPE);
            badLabel(
                    client,
                    sent,
                    "b-class-number",
                    label("l-2", "\"class\":1"),
                    DeadLetterReason.WRONG_TYPE);
            badLabel(
                    client,
                    sent,
                    "b-future",
                    label("l-3", "\"rating\":0.5,\"labelled_at\":\"2999-01-01T00:00:00Z\""),
                    DeadLetterReason.INVALID_TIMESTAMP);
            badLabel(
                    client,
                    sent,
                    "b-no-request",
                    label("nobody-asked", "\"rating\":0.5"),
                    DeadLetterReason.UNKNOWN_REVIEW);

            LabelsJob.checkOutputTopics(config);
            JobID job =
                    flink.submit(
                            LabelsJob.onKafka(config)
                                    .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                            "labels-hostile");
            List<ConsumerRecord<byte[], byte[]>> outputs;
            try {
                outputs =
                        client.readCommitted(
                                List.of("hl-examples", "hl-dead-letters"),
                                sent.size() - GOOD - 1,
                                Duration.ofSeconds(180),
                                Duration.ofSeconds(2));
                assertThat(flink.status(job)).isEqualTo(JobStatus.RUNNING);
                FlinkRestClient rest = new FlinkRestClient(flink.restAddress());
                assertThat(rest.numRestarts(job)).as("numRestarts").isZero();
                assertThat(rest.failures(job)).as("failures").isEmpty();
            } finally {
                flink.cancel(job, Duration.ofSeconds(60));
            }

            Map<String, Integer> outcomesById = new HashMap<>();
            Map<String, DeadLetterReason> reasonByPosition = new HashMap<>();
            LabelledExample latestFlood = null;
            for (ConsumerRecord<byte[], byte[]> record : outputs) {
                if (record.topic().equals("hl-examples")) {
                    LabelledExample example = LabelledExample.fromJson(record.value());
                    outcomesById.merge(example.id(), 1, Integer::sum);
                    if (example.id().equals("flood")) {
                        latestFlood = example;
                    }
                } else {
                    JsonNode json = JSON.readTree(record.value());
                    JsonNode source = json.get("source");
                    String position =
                            source.get("topic").asText()
                                    + "-"
                                    + source.get("partition").asInt()
                                    + "@"
                                    + source.get("offset").asLong();
                    assertThat(
                                    reasonByPosition.put(
                                            position,
                                            DeadLetterReason.valueOf(json.get("reason").asText())))
                            .as("dead letter of %s written twice", position)
                            .isNull();
                    outcomesById.merge(sent.get(position).id(), 1, Integer::sum);
                }
            }
            Map<String, Integer> expectedById = new HashMap<>();
            sent.forEach(
                    (position, s) -> {
                        if (position.startsWith("hl-labels") || s.reason() != null) {
                            expectedById.merge(s.id(), 1, Integer::sum);
                        }
                    });
            assertThat(outcomesById).isEqualTo(expectedById);
            sent.forEach(
                    (position, s) -> {
                        if (s.reason() != null) {
                            assertThat(reasonByPosition.get(position))
                                    .as(s.id())
                                    .isEqualTo(s.reason());
                        }
                    });
            // The flood: whatever arrived before the request was replaced and dead-lettered, the
            // rest emitted; the newest wins.
            assertThat(latestFlood).isNotNull();
            assertThat(latestFlood.labelledAt()).isEqualTo(FLOOD);
            assertThat(reasonByPosition.entrySet())
                    .filteredOn(e -> sent.get(e.getKey()).id().equals("flood"))
                    .allSatisfy(
                            e -> assertThat(e.getValue()).isEqualTo(DeadLetterReason.STALE_LABEL));
        }
    }

    private static void request(TopicClient client, Map<String, Sent> sent, String id)
            throws Exception {
        RelabelRequest request =
                new RelabelRequest(
                        TestEvents.scored(id, 0.3),
                        "threshold total>0.23",
                        UncertaintySignal.TOTAL);
        send(client, sent, "hl-relabel", id, EventJson.relabelRequest(request), null);
    }

    private static void badRequest(
            TopicClient client, Map<String, Sent> sent, String json, DeadLetterReason reason)
            throws Exception {
        send(
                client,
                sent,
                "hl-relabel",
                "request " + json.substring(0, Math.min(30, json.length())),
                utf8(json),
                reason);
    }

    private static void badLabel(
            TopicClient client,
            Map<String, Sent> sent,
            String name,
            String json,
            DeadLetterReason reason)
            throws Exception {
        send(client, sent, "hl-labels", name, utf8(json), reason);
    }

    private static void send(
            TopicClient client,
            Map<String, Sent> sent,
            String topic,
            String id,
            byte[] value,
            DeadLetterReason reason)
            throws Exception {
        RecordMetadata at = client.send(topic, utf8(id), value);
        sent.put(topic + "-" + at.partition() + "@" + at.offset(), new Sent(id, reason));
    }
}
