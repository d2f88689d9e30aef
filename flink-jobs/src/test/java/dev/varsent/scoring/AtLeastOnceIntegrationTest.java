package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.FreshTopics;
import dev.varsent.kafka.TopicClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The low-latency mode ({@code delivery.guarantee=at-least-once}) through a crash, on a real KRaft
 * broker and a real MiniCluster: the outputs written after the last completed checkpoint are
 * written again when the job replays from it. Every review must come out at least once, every
 * output keyed by its review id, and the copies of a review must be the same prediction by the
 * documented rule: one (id, model_version) per review, with the same review fields (event time,
 * text), so that a consumer keeping the latest record per key (a compacted topic) or the first per
 * (id, model_version) sees each review exactly once.
 */
class AtLeastOnceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REVIEWS = 400;

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

    @Test
    void aCrashRepeatsSomeOutputsButLosesNoneAndTheCopiesAreTheSamePrediction(@TempDir Path dir)
            throws Exception {
        String prefix = "alo";
        VarsentConfig config =
                FreshTopics.scoring(kafka, prefix)
                        .with(
                                "delivery.guarantee", "at-least-once",
                                "execution.checkpointing.interval", "200",
                                "scoring.batch-size", "4",
                                "routing.mode", "threshold",
                                "parallelism.default", "2")
                        .config();
        Path marker = dir.resolve("crashed");
        String modelVersion = TestModels.predictorFactory().create().modelVersion();

        try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            Map<String, String> texts = new HashMap<>();
            for (int i = 0; i < REVIEWS; i++) {
                String id = "r" + i;
                String text = "word ".repeat(1 + i % 12).trim();
                texts.put(id, text);
                client.send(
                        prefix + "-reviews",
                        MixedInput.utf8(id),
                        MixedInput.utf8(
                                "{\"id\":\""
                                        + id
                                        + "\",\"text\":\""
                                        + text
                                        + "\",\"timestamp\":"
                                        + (1_700_000_000_000L + i)
                                        + "}"));
            }
            // The crash comes after several checkpoints, with outputs written since the last one:
            // those are replayed.
            JobResult result =
                    BoundedScoringJob.run(
                            flink,
                            config,
                            BoundedScoringJob.crashingOnce(marker),
                            "scoring-at-least-once");
            assertThat(result.isSuccess()).isTrue();
            assertThat(marker).exists();

            List<ConsumerRecord<byte[], byte[]>> outputs =
                    client.readCommitted(
                            List.of(
                                    prefix + "-predictions",
                                    prefix + "-relabel",
                                    prefix + "-dead-letters"),
                            REVIEWS,
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(2));

            Map<String, List<JsonNode>> copies = new HashMap<>();
            Map<String, String> latestTopicByKey = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : outputs) {
                assertThat(record.topic()).isNotEqualTo(prefix + "-dead-letters");
                JsonNode json = JSON.readTree(record.value());
                String key = new String(record.key(), StandardCharsets.UTF_8);
                assertThat(json.get("id").asText())
                        .as("the record key is the review id")
                        .isEqualTo(key);
                copies.computeIfAbsent(key, k -> new ArrayList<>()).add(json);
                latestTopicByKey.put(key, record.topic());
            }

            // At least once: every review, nothing else.
            assertThat(copies.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, REVIEWS).mapToObj(i -> "r" + i).toList());
            long repeated = copies.values().stream().filter(c -> c.size() > 1).count();
            assertThat(repeated).as("reviews written again after the replay").isPositive();
            assertThat(outputs.size()).isGreaterThan(REVIEWS);

            // The copies of a review are one prediction by the rule: the same (id, model_version)
            // and review fields.
            copies.forEach(
                    (id, sameReview) -> {
                        assertThat(
                                        sameReview.stream()
                                                .map(AtLeastOnceIntegrationTest::modelVersion)
                                                .collect(Collectors.toSet()))
                                .as(id)
                                .containsExactly(modelVersion);
                        assertThat(sameReview)
                                .as(id)
                                .allSatisfy(
                                        json -> {
                                            assertThat(json.get("event_time").asLong())
                                                    .isEqualTo(
                                                            1_700_000_000_000L
                                                                    + Long.parseLong(
                                                                            id.substring(1)));
                                            assertThat(prediction(json).get("k").asInt())
                                                    .isEqualTo(10);
                                            if (json.has("text")) {
                                                assertThat(json.get("text").asText())
                                                        .isEqualTo(texts.get(id));
                                            }
                                        });
                    });
            // What a consumer keeping the latest record per key (a compacted topic) ends with: one
            // per review.
            assertThat(latestTopicByKey).hasSize(REVIEWS);
        }
    }

    /** A relabel request nests its prediction; a predictions record is flat. */
    private static JsonNode prediction(JsonNode output) {
        return output.has("prediction") ? output.get("prediction") : output;
    }

    private static String modelVersion(JsonNode output) {
        return prediction(output).get("model_version").asText();
    }
}
