package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.config.VarsentConfig;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.flink.FlinkRestClient;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.FreshTopics;
import dev.varsent.kafka.TopicClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's headline: no record can stop the scoring job. The hostile corpus ({@link
 * HostileReviews}) mixed into good traffic on a real broker and MiniCluster, with the default
 * limits and Kafka's default 1 MiB request and message sizes: every record comes out exactly once
 * in the output topics (a scored one by its id, a dead letter by its source position, with its
 * reason), and the job never restarts.
 */
class HostileInputIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GOOD = 300;

    @Test
    void everyHostileRecordIsAccountedForExactlyOnceAndTheJobNeverRestarts() throws Exception {
        List<MixedInput.Input> inputs = new ArrayList<>();
        List<MixedInput.Input> hostile = HostileReviews.records();
        for (int i = 0, h = 0; i < GOOD || h < hostile.size(); i++) {
            if (i < GOOD) {
                String id = "g-" + i;
                inputs.add(
                        new MixedInput.Input(
                                id,
                                MixedInput.utf8(id),
                                MixedInput.utf8(
                                        "{\"id\":\""
                                                + id
                                                + "\",\"text\":\""
                                                + "good words ".repeat(1 + i % 9).trim()
                                                + "\"}"),
                                null));
            }
            if (i % 6 == 5 && h < hostile.size() || i >= GOOD) {
                inputs.add(hostile.get(h++));
            }
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                LocalFlinkCluster flink = LocalFlinkCluster.start(0, 2, new Configuration());
                TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            VarsentConfig config =
                    FreshTopics.scoring(kafka, "hostile")
                            .with(
                                    // LengthPredictor's std is 0.3/sqrt(words): 0.12 relabels texts
                                    // of 6 words or fewer.
                                    "routing.threshold", "0.12",
                                    "scoring.batch-size", "8",
                                    "scoring.batch-max-wait", "50",
                                    "parallelism.default", "2")
                            .config();

            Map<String, String> idByPosition = new HashMap<>();
            Map<String, Integer> expectedScored = new HashMap<>();
            Map<String, DeadLetterReason> expectedReason = new HashMap<>();
            for (MixedInput.Input input : inputs) {
                RecordMetadata at = client.send("hostile-reviews", input.key(), input.value());
                String position = at.partition() + "@" + at.offset();
                idByPosition.put(position, input.id());
                if (input.scorable()) {
                    expectedScored.merge(input.id(), 1, Integer::sum);
                } else {
                    expectedReason.put(position, input.expectedReason());
                }
            }

            ScoringJob.checkOutputTopics(config);
            JobID job =
                    flink.submit(
                            ScoringJob.onKafka(config, LengthPredictor::new)
                                    .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                            "scoring-hostile");
            List<ConsumerRecord<byte[], byte[]>> outputs;
            try {
                outputs =
                        client.readCommitted(
                                List.of(
                                        "hostile-predictions",
                                        "hostile-relabel",
                                        "hostile-dead-letters"),
                                inputs.size(),
                                Duration.ofSeconds(180),
                                Duration.ofSeconds(2));
                assertThat(flink.status(job)).isEqualTo(JobStatus.RUNNING);
                FlinkRestClient rest = new FlinkRestClient(flink.restAddress());
                assertThat(rest.numRestarts(job)).as("numRestarts").isZero();
                assertThat(rest.failures(job)).as("failures").isEmpty();
            } finally {
                flink.cancel(job, Duration.ofSeconds(60));
            }

            Map<String, Integer> scored = new HashMap<>();
            Map<String, DeadLetterReason> deadLettered = new HashMap<>();
            Set<String> topics = new java.util.HashSet<>();
            for (ConsumerRecord<byte[], byte[]> record : outputs) {
                assertThat(record.serializedKeySize() + record.serializedValueSize())
                        .isLessThan(1_048_576);
                JsonNode json = JSON.readTree(record.value());
                topics.add(record.topic());
                if (record.topic().equals("hostile-dead-letters")) {
                    String position =
                            json.get("source").get("partition").asInt()
                                    + "@"
                                    + json.get("source").get("offset").asLong();
                    assertThat(
                                    deadLettered.put(
                                            position,
                                            DeadLetterReason.valueOf(json.get("reason").asText())))
                            .as("dead letter of %s written twice", idByPosition.get(position))
                            .isNull();
                    assertThat(json.get("payload_sha256").asText()).hasSize(64);
                } else {
                    scored.merge(json.get("id").asText(), 1, Integer::sum);
                }
            }
            assertThat(outputs).hasSize(inputs.size());
            assertThat(scored).isEqualTo(expectedScored);
            assertThat(deadLettered).isEqualTo(expectedReason);
            assertThat(topics)
                    .containsExactlyInAnyOrder(
                            "hostile-predictions", "hostile-relabel", "hostile-dead-letters");
            Set<DeadLetterReason> reasons = EnumSet.copyOf(expectedReason.values());
            assertThat(reasons)
                    .contains(
                            DeadLetterReason.MALFORMED_JSON,
                            DeadLetterReason.INVALID_UTF8,
                            DeadLetterReason.FIELD_TOO_LONG,
                            DeadLetterReason.INVALID_ID,
                            DeadLetterReason.TEXT_TOO_LARGE,
                            DeadLetterReason.INVALID_RATING,
                            DeadLetterReason.INVALID_TIMESTAMP,
                            DeadLetterReason.WRONG_TYPE);

            JsonNode controls = deadLetterOf(outputs, "h-180k-controls", idByPosition);
            assertThat(controls.get("truncated").asBoolean()).isTrue();
            assertThat(controls.get("payload_bytes").asInt()).isEqualTo(180_000);
            JsonNode hugeKey = deadLetterOf(outputs, "h-huge-key", idByPosition);
            assertThat(hugeKey.get("payload").asText()).isEqualTo("{\"id\":\"h-huge-key\"");
            // No words, so the length model doubts it: the relabel request carries 100 KB of
            // control characters.
            JsonNode controlText =
                    outputs.stream()
                            .filter(r -> r.topic().equals("hostile-relabel"))
                            .map(r -> read(r.value()))
                            .filter(j -> j.get("id").asText().equals("h-control-text-at-limit"))
                            .findFirst()
                            .orElseThrow();
            assertThat(controlText.get("text").asText())
                    .isEqualTo("\u0001".repeat(HostileReviews.MAX_TEXT_BYTES));
        }
    }

    private static JsonNode deadLetterOf(
            List<ConsumerRecord<byte[], byte[]>> outputs,
            String id,
            Map<String, String> idByPosition) {
        return outputs.stream()
                .filter(r -> r.topic().equals("hostile-dead-letters"))
                .map(r -> read(r.value()))
                .filter(
                        j ->
                                id.equals(
                                        idByPosition.get(
                                                j.get("source").get("partition").asInt()
                                                        + "@"
                                                        + j.get("source").get("offset").asLong())))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode read(byte[] value) {
        try {
            return JSON.readTree(new String(value, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
