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
import dev.varsent.predict.UncertaintySignal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring job end to end on a real KRaft broker and a real MiniCluster, exactly-once: a mixed
 * batch of good and bad records goes in, and every record must come out exactly once, in the right
 * topic, as seen by a {@code read_committed} consumer.
 */
class ScoringJobIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The median total uncertainty (the default routing signal) of the scorable inputs, so both
     * routes get reviews.
     */
    private static double threshold;

    /**
     * The same for the MC std alone, which the scoring operator's uncertainty histogram records.
     */
    private static double epistemicMedian;

    private static EmbeddedKafka kafka;
    private static LocalFlinkCluster flink;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        for (MixedInput.Input input : MixedInput.records()) {
            if (input.scorable()) {
                texts.add(JSON.readTree(input.value()).get("text").asText());
            }
        }
        threshold = TestModels.medianUncertainty(texts, UncertaintySignal.TOTAL);
        epistemicMedian = TestModels.medianUncertainty(texts, UncertaintySignal.EPISTEMIC);
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
     * A configuration on fresh topics (named with {@code prefix}), created on the embedded broker.
     */
    static VarsentConfig freshTopics(String prefix, Map<String, String> extra) {
        return FreshTopics.scoring(kafka, prefix)
                .with(
                        "scoring.batch-size", "4",
                        "scoring.batch-max-wait", "50",
                        "routing.mode", "threshold",
                        "routing.threshold", Double.toString(threshold),
                        "parallelism.default", "2")
                .with(extra)
                .config();
    }

    private static double max(Map<String, String> metrics, String suffix) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .map(e -> Double.parseDouble(e.getValue()))
                .reduce(Double::max)
                .orElse(Double.NaN);
    }

    /** How the REST API spells an operator name in metric ids. */
    private static String metricName(String operatorName) {
        return operatorName.replace(' ', '_');
    }

    static Map<String, RecordMetadata> produce(
            TopicClient client, String topic, List<MixedInput.Input> inputs) throws Exception {
        Map<String, RecordMetadata> positions = new HashMap<>();
        for (MixedInput.Input input : inputs) {
            positions.put(input.id(), client.send(topic, input.key(), input.value()));
        }
        return positions;
    }

    @Test
    void customMetricsAreReadableThroughTheRestApiOfTheDashboard() throws Exception {
        VarsentConfig config = freshTopics("metrics", Map.of());
        List<MixedInput.Input> inputs = MixedInput.records();
        long scorable = inputs.stream().filter(MixedInput.Input::scorable).count();
        FlinkRestClient rest = new FlinkRestClient(flink.restAddress());

        try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            produce(client, "metrics-reviews", inputs);
            JobID jobId =
                    flink.submit(
                            ScoringJob.onKafka(config, TestModels.predictorFactory())
                                    .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                            "scoring-metrics");
            try {
                Map<String, String> metrics = Map.of();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (System.nanoTime() < deadline) {
                    metrics = rest.metrics(jobId, ".varsent.");
                    // The routing operator's counters are fetched separately and may trail the
                    // scorer's.
                    if (FlinkRestClient.sum(metrics, ".varsent.recordsScored") == scorable
                            && FlinkRestClient.sum(metrics, ".varsent.routedToRelabel")
                                            + FlinkRestClient.sum(
                                                    metrics, ".varsent.routedToPredictions")
                                    == scorable
                            && FlinkRestClient.sum(metrics, ".varsent.deadLettersTotal")
                                    == inputs.size() - scorable) {
                        break;
                    }
                    Thread.sleep(500);
                }

                assertThat(
                                FlinkRestClient.sum(
                                        metrics,
                                        metricName(ScoringJob.SCORE_NAME)
                                                + ".varsent.recordsScored"))
                        .isEqualTo(scorable);
                for (DeadLetterReason reason : DeadLetterReason.values()) {
                    long expected =
                            inputs.stream().filter(i -> i.expectedReason() == reason).count();
                    assertThat(
                                    FlinkRestClient.sum(
                                            metrics,
                                            metricName(ScoringJob.COUNT_DEAD_LETTERS_NAME)
                                                    + ".varsent.reason."
                                                    + reason.name()
                                                    + ".deadLetters"))
                            .as(reason.name())
                            .isEqualTo(expected);
                }
                assertThat(metrics)
                        .containsEntry(
                                "0." + metricName(ScoringJob.SCORE_NAME) + ".varsent.modelVersion",
                                TestModels.predictorFactory().create().modelVersion());
                double routedToRelabel = FlinkRestClient.sum(metrics, ".varsent.routedToRelabel");
                assertThat(routedToRelabel).isPositive();
                assertThat(
                                routedToRelabel
                                        + FlinkRestClient.sum(
                                                metrics, ".varsent.routedToPredictions"))
                        .isEqualTo(scorable);
                assertThat(FlinkRestClient.sum(metrics, ".varsent.relabelRate")).isPositive();
                // Histograms appear as one REST metric per statistic (_min, _max, _mean, _median,
                // _p99, ...).
                // Uncertainties (MC std) are recorded in thousandths; half the reviews are above
                // their median.
                assertThat(max(metrics, ".varsent.uncertaintyMilli_max"))
                        .isGreaterThan(epistemicMedian * 1000);
                assertThat(metrics.entrySet())
                        .filteredOn(e -> e.getKey().endsWith(".varsent.uncertaintyMilli_min"))
                        .isNotEmpty()
                        .allSatisfy(
                                e ->
                                        assertThat(Double.parseDouble(e.getValue()))
                                                .isGreaterThanOrEqualTo(0.0));
                assertThat(max(metrics, ".varsent.batchSize_max")).isBetween(1.0, 4.0);
                assertThat(metrics.keySet())
                        .anyMatch(id -> id.endsWith(".varsent.batchLatencyMs_p99"));
                assertThat(FlinkRestClient.sum(metrics, ".varsent.scoringTimeUs"))
                        .as("time in the model's predict calls")
                        .isGreaterThan(0.0);

                var dashboard = rest.get("/");
                assertThat(dashboard.statusCode()).isEqualTo(200);
                assertThat(dashboard.body()).contains("<html");
            } finally {
                flink.cancel(jobId, Duration.ofSeconds(60));
            }
        }
    }

    @Test
    void aCrashAndRestoreNeitherLosesNorDuplicatesRecords(@TempDir Path dir) throws Exception {
        VarsentConfig config =
                freshTopics("crash", Map.of("execution.checkpointing.interval", "200"));
        Path marker = dir.resolve("crashed");
        int reviews = 400;
        try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            for (int i = 0; i < reviews; i++) {
                String id = "r" + i;
                String text = "word ".repeat(1 + i % 12).trim();
                client.send(
                        "crash-reviews",
                        MixedInput.utf8(id),
                        MixedInput.utf8("{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}"));
            }
            // The crash comes after several checkpoints have committed output, so recovery has to
            // restore source offsets, the scoring buffer and the sinks' transactions together.
            JobResult result =
                    BoundedScoringJob.run(
                            flink, config, BoundedScoringJob.crashingOnce(marker), "scoring-crash");
            assertThat(result.isSuccess()).isTrue();
            assertThat(marker).exists();

            List<ConsumerRecord<byte[], byte[]>> outputs =
                    client.readCommitted(
                            List.of("crash-predictions", "crash-relabel", "crash-dead-letters"),
                            reviews,
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(1));
            Map<String, Integer> copies = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : outputs) {
                assertThat(record.topic()).isNotEqualTo("crash-dead-letters");
                copies.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
            assertThat(copies).hasSize(reviews);
            assertThat(copies.values()).containsOnly(1);
        }
    }

    @Test
    void everyRecordEndsUpExactlyOnceInTheRightTopic() throws Exception {
        VarsentConfig config = freshTopics("eo", Map.of());
        List<MixedInput.Input> inputs = MixedInput.records();
        String modelVersion = TestModels.predictorFactory().create().modelVersion();

        try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            Map<String, RecordMetadata> positions = produce(client, "eo-reviews", inputs);

            JobResult result =
                    BoundedScoringJob.run(
                            flink, config, TestModels.predictorFactory(), "scoring-exactly-once");
            assertThat(result.getSerializedThrowable()).isEmpty();
            assertThat(result.isSuccess()).isTrue();

            List<ConsumerRecord<byte[], byte[]>> outputs =
                    client.readCommitted(
                            List.of("eo-predictions", "eo-relabel", "eo-dead-letters"),
                            inputs.size(),
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(1));

            Map<String, List<String>> destinationsById = new HashMap<>();
            Map<String, JsonNode> outputById = new HashMap<>();
            Map<String, String> idByPosition = new HashMap<>();
            positions.forEach(
                    (id, metadata) ->
                            idByPosition.put(metadata.partition() + "@" + metadata.offset(), id));
            for (ConsumerRecord<byte[], byte[]> record : outputs) {
                JsonNode json = JSON.readTree(record.value());
                String id =
                        record.topic().equals("eo-dead-letters")
                                ? idByPosition.get(
                                        json.get("source").get("partition").asInt()
                                                + "@"
                                                + json.get("source").get("offset").asLong())
                                : json.get("id").asText();
                destinationsById.computeIfAbsent(id, k -> new ArrayList<>()).add(record.topic());
                outputById.put(id, json);
            }

            // Exactly once: every input in one output, nothing else.
            assertThat(outputs).hasSize(inputs.size());
            for (MixedInput.Input input : inputs) {
                assertThat(destinationsById.get(input.id())).as(input.id()).hasSize(1);
            }

            int relabelled = 0;
            for (MixedInput.Input input : inputs) {
                String topic = destinationsById.get(input.id()).get(0);
                JsonNode json = outputById.get(input.id());
                if (input.scorable()) {
                    assertThat(topic).as(input.id()).isIn("eo-predictions", "eo-relabel");
                    JsonNode prediction =
                            topic.equals("eo-relabel") ? json.get("prediction") : json;
                    double uncertainty = prediction.get("uncertainty").asDouble();
                    assertThat(prediction.get("k").asInt()).isEqualTo(10);
                    assertThat(prediction.get("model_version").asText()).isEqualTo(modelVersion);
                    assertThat(prediction.get("score").asDouble()).isBetween(0.0, 1.0);
                    // the total signal: the calibrated std when the model is calibrated, else the
                    // total std
                    assertThat(uncertainty)
                            .as(input.id())
                            .isEqualTo(
                                    prediction.has("calibrated_std")
                                            ? prediction.get("calibrated_std").asDouble()
                                            : prediction.get("total_std").asDouble());
                    assertThat(prediction.get("total_std").asDouble())
                            .as(input.id())
                            .isGreaterThanOrEqualTo(prediction.get("epistemic_std").asDouble());
                    assertThat(prediction.get("segments").asInt()).as(input.id()).isPositive();
                    assertThat(prediction.get("truncated").isBoolean()).as(input.id()).isTrue();
                    if (topic.equals("eo-relabel")) {
                        relabelled++;
                        assertThat(uncertainty).as(input.id()).isGreaterThan(threshold);
                        assertThat(json.get("rule").asText()).startsWith("threshold total>");
                        assertThat(json.get("signal").asText()).isEqualTo("total");
                        assertThat(json.get("text").asText()).isNotBlank();
                    } else {
                        assertThat(uncertainty).as(input.id()).isLessThanOrEqualTo(threshold);
                    }
                } else {
                    assertThat(topic).as(input.id()).isEqualTo("eo-dead-letters");
                    assertThat(json.get("reason").asText())
                            .as(input.id())
                            .isEqualTo(input.expectedReason().name());
                    assertThat(json.get("message").asText()).isNotBlank();
                    RecordMetadata position = positions.get(input.id());
                    assertThat(json.get("source").get("topic").asText()).isEqualTo("eo-reviews");
                    assertThat(json.get("source").get("partition").asInt())
                            .isEqualTo(position.partition());
                    assertThat(json.get("source").get("offset").asLong())
                            .isEqualTo(position.offset());
                }
            }
            assertThat(relabelled).as("relabelled reviews").isPositive();
            assertThat(relabelled)
                    .as("relabelled reviews")
                    .isLessThan((int) inputs.stream().filter(MixedInput.Input::scorable).count());

            JsonNode full = outputById.get("g-full");
            assertThat(full.get("event_time").asLong()).isEqualTo(1_709_294_400_000L);
            assertThat(full.get("product").asText()).isEqualTo("phone-x");
            assertThat(full.get("rating").asDouble()).isEqualTo(4.0);

            JsonNode invalidUtf8 = outputById.get("b-utf8");
            assertThat(invalidUtf8.get("encoding").asText()).isEqualTo("base64");
            byte[] original =
                    inputs.stream()
                            .filter(i -> i.id().equals("b-utf8"))
                            .findFirst()
                            .orElseThrow()
                            .value();
            assertThat(Base64.getDecoder().decode(invalidUtf8.get("payload").asText()))
                    .isEqualTo(original);

            JsonNode oversize = outputById.get("b-oversize");
            assertThat(oversize.get("id").asText()).isEqualTo("b-oversize");
            assertThat(oversize.get("encoding").asText()).isEqualTo("utf-8");
            assertThat(oversize.get("truncated").asBoolean()).isFalse();
            assertThat(oversize.get("payload").asText().getBytes(StandardCharsets.UTF_8))
                    .hasSize(
                            inputs.stream()
                                    .filter(i -> i.id().equals("b-oversize"))
                                    .findFirst()
                                    .orElseThrow()
                                    .value()
                                    .length);
        }
    }
}
