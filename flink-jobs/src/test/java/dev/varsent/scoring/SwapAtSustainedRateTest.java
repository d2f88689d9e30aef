package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.flink.FlinkRestClient;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.TopicClient;
import dev.varsent.registry.BundleInfo;
import dev.varsent.registry.Champion;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.registry.ModelUpdate;
import dev.varsent.registry.ModelUpdatePublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two promotions and one corrupt bundle arrive while the scoring job streams at its sustained rate,
 * whatever this machine's rate is: the feeder keeps between {@link #LOW} and {@link #HIGH} reviews
 * produced but not yet out, far more than one checkpoint interval's worth, so the job never waits
 * for input. Checked, not assumed: that backlog never empties from the first output to the last
 * swap. At the end every review came out exactly once (read_committed), each scored by a version
 * that was served, the corrupt one refused by every subtask, and the job never restarted.
 */
class SwapAtSustainedRateTest {

    private static final String PREFIX = "sustained";
    private static final String MODEL = "sentiment";
    private static final int PARALLELISM = 2;
    private static final int LOW = 1_000;
    private static final int HIGH = 1_500;

    /**
     * Reviews produced and acknowledged at a time, so that the backlog counts only what is on the
     * topic.
     */
    private static final int CHUNK = 100;

    private static final int PER_VERSION = 100;

    /** Keeps the backlog (sent minus visible outputs) between LOW and HIGH until stopped. */
    private static final class Feeder implements Runnable {
        final KeyedStream stream;
        final String bootstrapServers;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger visible = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        volatile Exception failure;

        Feeder(KeyedStream stream, String bootstrapServers) {
            this.stream = stream;
            this.bootstrapServers = bootstrapServers;
        }

        @Override
        public void run() {
            try (TopicClient client = new TopicClient(bootstrapServers)) {
                while (!stop.get()) {
                    int from = sent.get();
                    if (from - visible.get() < LOW) {
                        int to = Math.min(visible.get() + HIGH, from + CHUNK);
                        stream.produce(client, from, to);
                        sent.set(to);
                    } else {
                        Thread.sleep(5);
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }
    }

    @Test
    void twoPromotionsAndACorruptBundleAtTheSustainedRateEveryReviewOnceNoRestart(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                LocalFlinkCluster flink =
                        LocalFlinkCluster.start(0, PARALLELISM, new Configuration())) {
            ModelRegistry registry = ModelRegistry.at(dir.resolve("registry").toUri().toString());
            BundleInfo first = registry.publish(TestModels.trainedBundle());
            registry.promote(first.version(), Map.of("holdout_rmse", 0.40), "first champion");
            KeyedStream stream =
                    KeyedStream.on(
                            kafka,
                            PREFIX,
                            Map.of(
                                    "registry.uri", registry.root().toString(),
                                    "registry.model-name", MODEL,
                                    "model.location", TestModels.trainedBundle().toString()));
            JobID job =
                    flink.submit(
                            ScoringJob.onKafka(
                                            stream.config(),
                                            ChampionPredictorFactory.fromConfig(stream.config()))
                                    .build(StreamExecutionEnvironment.getExecutionEnvironment()),
                            "scoring-sustained-swaps");
            flink.awaitRunning(job, Duration.ofMinutes(2));
            FlinkRestClient rest = new FlinkRestClient(flink.restAddress());
            String scorer = ScoringJob.SCORE_NAME.replace(' ', '_') + ".varsent.";
            Feeder feeder = new Feeder(stream, kafka.bootstrapServers());
            Thread feederThread = new Thread(feeder, "sustained-feeder");
            int[] smallestBacklog = {Integer.MAX_VALUE};
            try (ModelUpdatePublisher publisher =
                            new ModelUpdatePublisher(
                                    kafka.bootstrapServers(),
                                    new Properties(),
                                    PREFIX + "-model-updates");
                    VersionedOutputs outputs =
                            VersionedOutputs.of(kafka.bootstrapServers(), stream.outputTopics())) {
                feederThread.start();
                Runnable track =
                        () -> {
                            feeder.visible.set(outputs.size());
                            if (outputs.size() > 0) {
                                smallestBacklog[0] =
                                        Math.min(
                                                smallestBacklog[0],
                                                feeder.sent.get() - outputs.size());
                            }
                        };
                awaitTracked(outputs, track, () -> outputs.count(first.version()) >= PER_VERSION);
                long start = System.nanoTime();
                int outputsAtStart = outputs.size();

                BundleInfo second = promoteAndAnnounce(registry, publisher, dir, "swap-2", false);
                awaitTracked(outputs, track, () -> outputs.count(second.version()) >= PER_VERSION);

                promoteAndAnnounce(registry, publisher, dir, "corrupt-3", true);
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
                int secondBefore = outputs.count(second.version());
                awaitTracked(
                        outputs,
                        track,
                        () -> outputs.count(second.version()) >= secondBefore + PER_VERSION);

                BundleInfo fourth = promoteAndAnnounce(registry, publisher, dir, "swap-4", false);
                awaitTracked(outputs, track, () -> outputs.count(fourth.version()) >= PER_VERSION);
                double seconds = (System.nanoTime() - start) / 1e9;
                int streamed = outputs.size() - outputsAtStart;

                feeder.stop.set(true);
                feederThread.join();
                assertThat(feeder.failure).isNull();
                assertThat(smallestBacklog[0])
                        .as(
                                "the job never waited for input from its first output to the last"
                                        + " swap (%.0f reviews/s over %.1f s)",
                                streamed / seconds, seconds)
                        .isGreaterThan(0);
                int sent = feeder.sent.get();
                awaitTracked(outputs, () -> {}, () -> outputs.size() >= sent);
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
                Map<String, String> metrics =
                        rest.awaitMetrics(
                                job,
                                ".varsent.",
                                m ->
                                        FlinkRestClient.sum(
                                                        m,
                                                        scorer
                                                                + MicroBatchScoringOperator
                                                                        .MODEL_SWAPS)
                                                == 2 * PARALLELISM,
                                Duration.ofMinutes(1));
                assertThat(
                                FlinkRestClient.sum(
                                        metrics,
                                        scorer + MicroBatchScoringOperator.MODEL_UPDATES_REFUSED))
                        .isEqualTo(PARALLELISM);
                assertThat(flink.status(job)).isEqualTo(JobStatus.RUNNING);
                assertThat(rest.numRestarts(job)).isZero();
                System.out.printf(
                        "swaps at the sustained rate: %d reviews, %.0f reviews/s over the swaps"
                                + " (%.1f s), smallest backlog %d%n",
                        sent, streamed / seconds, seconds, smallestBacklog[0]);
            } finally {
                feeder.stop.set(true);
                if (feederThread.isAlive()) {
                    feederThread.join();
                }
                flink.cancel(job, Duration.ofSeconds(60));
            }
        }
    }

    /** Polls the outputs, updating the feeder and the smallest backlog, until {@code done}. */
    private static void awaitTracked(
            VersionedOutputs outputs, Runnable track, java.util.function.BooleanSupplier done)
            throws Exception {
        track.run();
        outputs.await(
                () -> {
                    track.run();
                    return done.getAsBoolean();
                },
                "the stream to reach its next step");
    }

    /**
     * Publishes a copy of the test model as {@code version}, promotes it and announces it; {@code
     * corrupt} damages the bundle on disk between the promotion and the announcement.
     */
    private static BundleInfo promoteAndAnnounce(
            ModelRegistry registry,
            ModelUpdatePublisher publisher,
            Path dir,
            String version,
            boolean corrupt)
            throws Exception {
        BundleInfo info =
                registry.publish(SwapFixtures.renamed(TestModels.trainedBundle(), dir, version));
        Champion champion =
                registry.promote(
                        info.version(), Map.of("holdout_rmse", 0.30), "promoted " + version);
        if (corrupt) {
            Path onDisk = Path.of(info.uri());
            byte[] bytes = Files.readAllBytes(onDisk);
            bytes[bytes.length / 2] ^= (byte) 0xff;
            Files.write(onDisk, bytes);
        }
        publisher.announce(ModelUpdate.of(MODEL, champion, info));
        return info;
    }
}
