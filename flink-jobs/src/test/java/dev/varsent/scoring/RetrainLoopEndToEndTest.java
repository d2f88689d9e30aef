package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.FlinkRestClient;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.FreshTopics;
import dev.varsent.kafka.TopicClient;
import dev.varsent.kafka.TopicRecordCounter;
import dev.varsent.labels.GroundTruth;
import dev.varsent.labels.LabelsJob;
import dev.varsent.labels.OracleLabeler;
import dev.varsent.labels.OracleSettings;
import dev.varsent.local.LocalStack;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.registry.BundleInfo;
import dev.varsent.registry.Champion;
import dev.varsent.registry.HistoryEvent;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.registry.ModelUpdate;
import dev.varsent.registry.ModelUpdatePublisher;
import dev.varsent.retrain.RetrainJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole retraining loop on a real KRaft broker and MiniCluster: the scoring job starts on the
 * registry's champion and streams reviews; the labels job and the oracle turn its relabel requests
 * into labelled examples; the batch retrain job trains a challenger on them, promotes it and
 * announces it; the running scoring job's later predictions carry the new version without a
 * restart. Then a bundle damaged on disk after its promotion is announced, refused by every subtask
 * (read through the REST API), and scoring goes on with the retrained version; then a second
 * promotion is announced and served. Two promotions and a corrupt bundle while reviews stream:
 * every review comes out exactly once across the three output topics throughout, and every
 * prediction names a version that was served. (The same swaps with the job saturated, at its
 * sustained rate: {@link SwapAtSustainedRateTest}.)
 *
 * <p>The promotion margin is -1 (any trained challenger wins): this test is about the loop's
 * mechanics; the promotion rule is PromotionPolicyTest's and RetrainJobIntegrationTest's.
 */
class RetrainLoopEndToEndTest {

    private static final String PREFIX = "loop";
    private static final String MODEL = "sentiment";
    private static final List<String> OUTPUTS =
            List.of(PREFIX + "-predictions", PREFIX + "-relabel", PREFIX + "-dead-letters");
    private static final List<String> TEXTS =
            List.of(
                    "a wonderful film with brilliant acting",
                    "dull, slow and far too long",
                    "not bad, the ending is weak",
                    "the worst movie of the year",
                    "charming and funny from start to finish",
                    "an average thriller");

    /** The oracle's answer for each text, by index. */
    private static final double[] RATINGS = {0.9, 0.1, 0.4, 0.0, 0.8, 0.5};

    private static final int PARALLELISM = 2;
    private static final int LABELS_BEFORE_RETRAIN = 20;

    private static EmbeddedKafka kafka;
    private static LocalFlinkCluster flink;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        TestModels.trainedBundle();
        kafka = EmbeddedKafka.start();
        // Slots for the scoring job, the labels job and the retrain job side by side.
        flink = LocalFlinkCluster.start(0, 3 * PARALLELISM, new Configuration());
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

    /** Streams reviews r0, r1, ... at about 50 per second until stopped. */
    private static final class Feeder implements Runnable {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        volatile Exception failure;

        @Override
        public void run() {
            try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
                while (!stop.get()) {
                    int i = sent.get();
                    String id = "r" + i;
                    String value =
                            "{\"id\":\""
                                    + id
                                    + "\",\"text\":\""
                                    + TEXTS.get(i % TEXTS.size())
                                    + "\"}";
                    client.send(
                            PREFIX + "-reviews",
                            id.getBytes(StandardCharsets.UTF_8),
                            value.getBytes(StandardCharsets.UTF_8));
                    sent.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                failure = e;
            }
        }
    }

    @Test
    void
            labelsRetrainAPromotionAndAHotSwapWithoutRestartThenACorruptedBundleIsRefusedAndASecondPromotionServed(
                    @TempDir Path dir) throws Exception {
        ModelRegistry registry = ModelRegistry.at(dir.resolve("registry").toUri().toString());
        BundleInfo first = registry.publish(TestModels.trainedBundle());
        Champion firstChampion =
                registry.promote(first.version(), Map.of("holdout_rmse", 0.40), "first champion");

        VarsentConfig config = config(registry);
        FlinkRestClient rest = new FlinkRestClient(flink.restAddress());
        String scorer = ScoringJob.SCORE_NAME.replace(' ', '_') + ".varsent.";
        Feeder feeder = new Feeder();
        Thread feederThread = new Thread(feeder, "swap-test-feeder");

        Map<String, Double> truth = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            truth.put("r" + i, RATINGS[i % RATINGS.length]);
        }
        try (ModelUpdatePublisher publisher =
                        new ModelUpdatePublisher(
                                kafka.bootstrapServers(),
                                new Properties(),
                                PREFIX + "-model-updates");
                VersionedOutputs outputs = VersionedOutputs.of(kafka.bootstrapServers(), OUTPUTS);
                OracleLabeler oracle =
                        new OracleLabeler(OracleSettings.from(config), GroundTruth.of(truth))
                                .start();
                TopicRecordCounter labelled =
                        new TopicRecordCounter(
                                        kafka.bootstrapServers(),
                                        new Properties(),
                                        PREFIX + "-labelled")
                                .start()) {
            // The champion's own announcement is already on the topic when the job starts: it must
            // be skipped.
            publisher.announce(ModelUpdate.of(MODEL, firstChampion, first));
            JobID job =
                    flink.submit(
                            ScoringJob.onKafka(config, ChampionPredictorFactory.fromConfig(config))
                                    .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                            "scoring-loop");
            JobID labelsJob =
                    flink.submit(
                            LabelsJob.onKafka(config)
                                    .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                            "labels-loop");
            try {
                flink.awaitRunning(job, Duration.ofMinutes(2));
                flink.awaitRunning(labelsJob, Duration.ofMinutes(2));
                feederThread.start();
                outputs.await(
                        () -> outputs.count(first.version()) >= 20,
                        "predictions of " + first.version());

                awaitLabels(labelled, LABELS_BEFORE_RETRAIN);
                HistoryEvent.Retrained decision =
                        RetrainJob.onKafka(config).runOn(flink, Duration.ofMinutes(5));
                assertThat(decision.promoted()).as(decision.reason()).isTrue();
                assertThat(decision.championVersion()).isEqualTo(first.version());
                assertThat(decision.counts().get("labelled"))
                        .isGreaterThanOrEqualTo(LABELS_BEFORE_RETRAIN);
                BundleInfo second = registry.info(decision.challengerVersion()).orElseThrow();
                assertThat(registry.champion().orElseThrow().version()).isEqualTo(second.version());
                assertThat(
                                registry.load(second.version())
                                        .provenance()
                                        .notes()
                                        .get("retrain_start"))
                        .isEqualTo("warm from " + first.version());
                outputs.await(
                        () -> outputs.count(second.version()) >= 20,
                        "predictions of " + second.version());

                // Published and promoted intact, then damaged on disk, then announced.
                BundleInfo third =
                        registry.publish(
                                SwapFixtures.renamed(
                                        TestModels.trainedBundle(), dir, "corrupted-3"));
                Champion thirdChampion =
                        registry.promote(
                                third.version(),
                                Map.of("holdout_rmse", 0.30),
                                "best on the holdout");
                Path onDisk = Path.of(third.uri());
                byte[] bytes = Files.readAllBytes(onDisk);
                bytes[bytes.length / 2] ^= (byte) 0xff;
                Files.write(onDisk, bytes);
                publisher.announce(ModelUpdate.of(MODEL, thirdChampion, third));

                Map<String, String> metrics =
                        rest.awaitMetrics(
                                job,
                                ".varsent.",
                                m ->
                                        FlinkRestClient.sum(
                                                        m,
                                                        scorer
                                                                + MicroBatchScoringOperator
                                                                        .MODEL_UPDATES_REFUSED)
                                                == PARALLELISM,
                                Duration.ofMinutes(2));
                int secondBeforeRefusal = outputs.count(second.version());
                outputs.await(
                        () -> outputs.count(second.version()) >= secondBeforeRefusal + 20,
                        "predictions of " + second.version() + " after the refusal");

                // A second promotion under the same load, after the refused bundle: served in turn.
                BundleInfo fourth =
                        registry.publish(
                                SwapFixtures.renamed(
                                        TestModels.trainedBundle(), dir, "promoted-4"));
                Champion fourthChampion =
                        registry.promote(
                                fourth.version(), Map.of("holdout_rmse", 0.29), "second promotion");
                publisher.announce(ModelUpdate.of(MODEL, fourthChampion, fourth));
                outputs.await(
                        () -> outputs.count(fourth.version()) >= 20,
                        "predictions of " + fourth.version());

                feeder.stop.set(true);
                feederThread.join();
                assertThat(feeder.failure).isNull();
                int sent = feeder.sent.get();
                outputs.await(
                        () -> outputs.size() >= sent, "an output for each of " + sent + " reviews");
                outputs.drain(Duration.ofSeconds(2));

                Map<String, Integer> copies = outputs.copiesById();
                assertThat(copies).hasSize(sent);
                assertThat(copies.values()).containsOnly(1);
                for (int i = 0; i < sent; i++) {
                    assertThat(copies).containsKey("r" + i);
                }
                assertThat(outputs.all())
                        .allSatisfy(
                                o -> {
                                    assertThat(o.topic()).isNotEqualTo(PREFIX + "-dead-letters");
                                    assertThat(o.modelVersion())
                                            .isIn(
                                                    first.version(),
                                                    second.version(),
                                                    fourth.version());
                                });
                assertThat(outputs.all())
                        .anySatisfy(o -> assertThat(o.topic()).isEqualTo(PREFIX + "-relabel"));

                assertThat(flink.status(job))
                        .isEqualTo(org.apache.flink.api.common.JobStatus.RUNNING);
                assertThat(
                                rest.getJson("/jobs/" + job + "/metrics?get=numRestarts")
                                        .get(0)
                                        .get("value")
                                        .asText())
                        .as("the scoring job swapped models without a restart")
                        .isEqualTo("0");
                String received =
                        ScoringJob.PARSE_MODEL_UPDATES_NAME.replace(' ', '_')
                                + ".varsent."
                                + ParseModelUpdates.RECEIVED;
                // The REST server refreshes metrics every second or so: wait for the last
                // announcement's count.
                metrics =
                        rest.awaitMetrics(
                                job,
                                ".varsent.",
                                m -> FlinkRestClient.sum(m, received) == 4,
                                Duration.ofMinutes(2));
                assertThat(
                                FlinkRestClient.sum(
                                        metrics, scorer + MicroBatchScoringOperator.MODEL_SWAPS))
                        .isEqualTo(2 * PARALLELISM);
                assertThat(
                                FlinkRestClient.sum(
                                        metrics,
                                        scorer + MicroBatchScoringOperator.MODEL_UPDATES_REFUSED))
                        .isEqualTo(PARALLELISM);
                // The first champion's announcement and the second's re-reading after it: skipped,
                // not loaded.
                assertThat(
                                FlinkRestClient.sum(
                                        metrics,
                                        scorer + MicroBatchScoringOperator.MODEL_UPDATES_SKIPPED))
                        .isEqualTo(PARALLELISM);
                for (int subtask = 0; subtask < PARALLELISM; subtask++) {
                    assertThat(metrics)
                            .containsEntry(
                                    subtask
                                            + "."
                                            + scorer
                                            + MicroBatchScoringOperator.MODEL_VERSION,
                                    fourth.version());
                }
                assertThat(
                                FlinkRestClient.sum(
                                        metrics,
                                        ScoringJob.PARSE_MODEL_UPDATES_NAME.replace(' ', '_')
                                                + ".varsent."
                                                + ParseModelUpdates.RECEIVED))
                        .isEqualTo(4);
                assertThat(metrics.keySet())
                        .anyMatch(
                                id ->
                                        id.endsWith(
                                                scorer
                                                        + MicroBatchScoringOperator.MODEL_LOAD_MS
                                                        + "_max"));
            } finally {
                feeder.stop.set(true);
                if (feederThread.isAlive()) {
                    feederThread.join();
                }
                flink.cancel(labelsJob, Duration.ofSeconds(60));
                flink.cancel(job, Duration.ofSeconds(60));
            }
        }
    }

    private static VarsentConfig config(ModelRegistry registry) {
        kafka.createTopics(PARALLELISM, PREFIX + "-labels");
        kafka.createTopics(PARALLELISM, LocalStack.COMPACTED, List.of(PREFIX + "-labelled"));
        double threshold = TestModels.medianUncertainty(TEXTS, UncertaintySignal.TOTAL);
        return FreshTopics.scoring(kafka, PREFIX)
                .with(
                        "topic.labels", PREFIX + "-labels",
                        "topic.labelled-examples", PREFIX + "-labelled",
                        "labels.group-id", PREFIX + "-labels",
                        "labels.transactional-id-prefix", PREFIX + "-labels",
                        "oracle.delay", "0",
                        "retrain.epochs", "1",
                        "retrain.mc-samples", "3",
                        "retrain.threads", "1",
                        "retrain.promotion-margin", "-1.0")
                .with(
                        "scoring.batch-size",
                        "4",
                        "scoring.batch-max-wait",
                        "50",
                        "routing.mode",
                        "threshold",
                        "routing.threshold",
                        Double.toString(threshold),
                        "parallelism.default",
                        Integer.toString(PARALLELISM),
                        "registry.uri",
                        registry.root().toString(),
                        "registry.model-name",
                        MODEL,
                        "model.location",
                        TestModels.trainedBundle().toString())
                .config();
    }

    private static void awaitLabels(TopicRecordCounter labelled, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (labelled.count() < count) {
            assertThat(System.nanoTime())
                    .as(
                            "waiting for "
                                    + count
                                    + " labelled examples; "
                                    + labelled.count()
                                    + " so far")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
