package dev.varsent.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.bundle.Provenance;
import dev.varsent.config.VarsentConfig;
import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.TopicClient;
import dev.varsent.labels.LabelledExample;
import dev.varsent.model.SentimentModel;
import dev.varsent.registry.HistoryEvent;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.scoring.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrain job on the embedded broker and a MiniCluster, with a really trained champion: a base
 * corpus file plus labelled examples on Kafka (with a relabel, a label over a base example and a
 * record that does not parse) go in; the decision, the registry and the model-updates topic come
 * out.
 */
class RetrainJobIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BASE_REVIEWS = 120;
    private static final int LABELLED_IDS = 30;

    private static EmbeddedKafka kafka;
    private static LocalFlinkCluster flink;
    private static List<Review> reviews;

    @TempDir Path dir;

    @BeforeAll
    static void start() throws Exception {
        TestModels.trainedBundle();
        reviews = ScaleData.load(ScaleData.defaultDir()).subList(0, BASE_REVIEWS + LABELLED_IDS);
        kafka = EmbeddedKafka.start();
        flink = LocalFlinkCluster.start(0, 2, new Configuration());
    }

    @AfterAll
    static void stop() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aBetterChallengerIsPromotedAnnouncedAndRecorded() throws Exception {
        Fixture f = fixture("promote", "-1.0");
        HistoryEvent.Retrained decision = f.job().runOn(flink, Duration.ofMinutes(5));

        assertTrue(decision.promoted(), decision.reason());
        assertEquals("champion-v1", decision.championVersion());
        // Labelled ids: LABELLED_IDS new ones plus one that overrides a base example; the relabel
        // and the bad record add none.
        assertEquals(LABELLED_IDS + 1, decision.counts().get("labelled"));
        assertEquals(
                BASE_REVIEWS + LABELLED_IDS,
                decision.counts().get("train") + decision.counts().get("holdout"));
        assertTrue(decision.counts().get("holdout") > 0);
        assertTrue(decision.scores().get("challenger_holdout_rmse") > 0);
        assertTrue(decision.scores().get("champion_holdout_rmse") > 0);

        ModelRegistry registry = ModelRegistry.at(f.registry().toString());
        assertEquals(decision.challengerVersion(), registry.champion().orElseThrow().version());
        SentimentModel challenger = registry.load(decision.challengerVersion());
        assertTrue(
                challenger
                        .provenance()
                        .notes()
                        .get("retrain_start")
                        .startsWith("warm from champion-v1"));
        assertEquals(
                SentimentModel.load(TestModels.trainedBundle()).vocabulary().size(),
                challenger.vocabulary().size());
        // A calibration split of the training side was held out of training and calibrated the
        // challenger.
        int calibrationExamples =
                Integer.parseInt(challenger.provenance().notes().get("calibration_examples"));
        assertTrue(
                calibrationExamples >= CalibratedTraining.MIN_CALIBRATION_EXAMPLES,
                challenger.provenance().notes().toString());
        assertEquals(
                Integer.toString((int) (decision.counts().get("train") - calibrationExamples)),
                challenger.provenance().notes().get("train_examples"));
        assertTrue(challenger.calibrated(), "the challenger carries its conformal calibration");
        assertEquals(calibrationExamples, challenger.calibration().n());
        assertTrue(
                challenger
                        .provenance()
                        .notes()
                        .get("calibration")
                        .contains("held out of training"));

        List<ConsumerRecord<byte[], byte[]>> updates =
                f.topics()
                        .readCommitted(
                                List.of(
                                        f.config()
                                                .get(
                                                        dev.varsent.config.VarsentOptions
                                                                .TOPIC_MODEL_UPDATES)),
                                1,
                                Duration.ofSeconds(30),
                                Duration.ofSeconds(1));
        assertEquals(1, updates.size());
        JsonNode update = JSON.readTree(updates.get(0).value());
        assertEquals(decision.challengerVersion(), update.get("version").asText());
        assertEquals("champion-v1", update.get("previous_version").asText());
    }

    @Test
    void theChampionIsKeptWhenTheChallengerDoesNotWinByTheMargin() throws Exception {
        Fixture f = fixture("keep", "1.0");
        HistoryEvent.Retrained decision = f.job().runOn(flink, Duration.ofMinutes(5));

        assertFalse(decision.promoted(), decision.reason());
        assertTrue(decision.reason().startsWith("champion kept"), decision.reason());
        ModelRegistry registry = ModelRegistry.at(f.registry().toString());
        assertEquals("champion-v1", registry.champion().orElseThrow().version());
        assertFalse(
                registry.info(decision.challengerVersion()).isPresent(),
                "a losing challenger is not published");
        assertTrue(
                f.topics()
                        .readCommitted(
                                List.of(
                                        f.config()
                                                .get(
                                                        dev.varsent.config.VarsentOptions
                                                                .TOPIC_MODEL_UPDATES)),
                                1,
                                Duration.ofSeconds(3),
                                Duration.ZERO)
                        .isEmpty());
    }

    @Test
    void aBadBaseCorpusLineFailsTheRetrainWithItsProblem() throws Exception {
        Fixture f = fixture("bad-base", "0.0");
        Files.writeString(
                f.baseCorpus(),
                "{\"id\":\"x\",\"text\":\"fine\",\"rating\":1.5}\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> f.job().runOn(flink, Duration.ofMinutes(5)));
        assertTrue(e.getMessage().contains("rating"), e.getMessage());
        assertEquals(
                "champion-v1",
                ModelRegistry.at(f.registry().toString()).champion().orElseThrow().version());
    }

    private record Fixture(
            VarsentConfig config,
            Path registry,
            Path baseCorpus,
            TopicClient topics,
            RetrainJob job) {}

    private Fixture fixture(String prefix, String margin) throws Exception {
        Path registryDir = dir.resolve("registry");
        ModelRegistry registry = ModelRegistry.at(registryDir.toString());
        SentimentModel trained = SentimentModel.load(TestModels.trainedBundle());
        Provenance p = trained.provenance();
        registry.publish(trained.withProvenance("champion-v1", p));
        registry.promote("champion-v1", Map.of("holdout_rmse", 0.3), "the first model");

        Map<String, String> settings =
                new HashMap<>(
                        Map.of(
                                "kafka.bootstrap-servers",
                                kafka.bootstrapServers(),
                                "topic.labelled-examples",
                                prefix + "-labelled",
                                "topic.model-updates",
                                prefix + "-model-updates",
                                "registry.uri",
                                registryDir.toString(),
                                "registry.model-name",
                                "sentiment",
                                "retrain.epochs",
                                "1",
                                "retrain.mc-samples",
                                "3",
                                "retrain.batch-size",
                                "32",
                                "retrain.promotion-margin",
                                margin,
                                "retrain.threads",
                                "1"));
        VarsentConfig config = VarsentConfig.of(settings);
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), List.of(prefix + "-labelled"));
        kafka.createTopics(1, prefix + "-model-updates");

        Path base = dir.resolve("base.jsonl");
        StringBuilder lines = new StringBuilder();
        for (Review r : reviews.subList(0, BASE_REVIEWS)) {
            lines.append(
                            JSON.createObjectNode()
                                    .put("id", r.id())
                                    .put("text", firstWords(r.text(), 80))
                                    .put("rating", r.rating()))
                    .append('\n');
        }
        Files.writeString(base, lines, StandardCharsets.UTF_8);

        TopicClient topics = new TopicClient(kafka.bootstrapServers());
        String topic = prefix + "-labelled";
        Set<String> ids = new HashSet<>();
        List<LabelledExample> labelled = new ArrayList<>();
        for (Review r : reviews.subList(BASE_REVIEWS, BASE_REVIEWS + LABELLED_IDS)) {
            labelled.add(
                    new LabelledExample(
                            r.id(),
                            firstWords(r.text(), 80),
                            r.rating(),
                            "oracle",
                            1_000,
                            "champion-v1",
                            0.2));
        }
        Review relabelled = reviews.get(BASE_REVIEWS);
        labelled.add(
                new LabelledExample(
                        relabelled.id(),
                        firstWords(relabelled.text(), 80),
                        1 - relabelled.rating(),
                        "oracle",
                        2_000,
                        "champion-v1",
                        0.2));
        Review overridden = reviews.get(0);
        labelled.add(
                new LabelledExample(
                        overridden.id(),
                        firstWords(overridden.text(), 80),
                        0.5,
                        "person",
                        3_000,
                        null,
                        Double.NaN));
        for (LabelledExample e : labelled) {
            ids.add(e.id());
            topics.send(topic, e.key(), e.toJson());
        }
        topics.send(
                topic,
                "broken".getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(0, ids.size());

        RetrainJob job =
                new RetrainJob(
                        config,
                        FileSource.forRecordStreamFormat(
                                        new TextLineInputFormat(),
                                        new org.apache.flink.core.fs.Path(base.toUri()))
                                .build(),
                        RetrainJob.labelledExamplesSource(config),
                        new DiscardingSink<>(),
                        "test base corpus + " + topic);
        return new Fixture(config, registryDir, base, topics, job);
    }

    private static String firstWords(String text, int words) {
        String[] tokens = text.split("\\s+");
        return String.join(
                " ", java.util.Arrays.asList(tokens).subList(0, Math.min(words, tokens.length)));
    }
}
