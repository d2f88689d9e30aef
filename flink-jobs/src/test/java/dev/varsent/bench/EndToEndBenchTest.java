package dev.varsent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.config.VarsentConfig;
import dev.varsent.corpus.ReviewText;
import dev.varsent.scoring.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EndToEndBenchTest {

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    @Test
    void aShortRunReportsEveryFigureOfEachConfigurationAndShutsDownCleanly() throws Exception {
        List<ReviewText> reviews = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reviews.add(
                    new ReviewText(
                            "review-" + i,
                            "a fine film with a dull middle ".repeat(1 + i % 5).trim()));
        }
        VarsentConfig config =
                VarsentConfig.load(Path.of("..", "conf", "local.properties"))
                        .with(
                                Map.of(
                                        "dashboard.port", "0",
                                        "execution.checkpointing.interval", "300",
                                        "scoring.batch-size", "16"));
        List<BenchConfiguration> configurations =
                BenchConfiguration.parseList(
                        "eo-300ms;alo:delivery.guarantee=at-least-once,delivery.low-latency-max-wait=10",
                        config);
        EndToEndBench.Settings settings =
                new EndToEndBench.Settings(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(3));
        Set<Thread> before = liveNonDaemonThreads();
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        List<ObjectNode> lines;
        try {
            lines =
                    new EndToEndBench(
                                    config,
                                    configurations,
                                    TestModels.predictorFactory(),
                                    reviews,
                                    settings,
                                    new PrintStream(log, true, StandardCharsets.UTF_8))
                            .run();
        } catch (Exception e) {
            throw new AssertionError(
                    "the bench failed; its log:\n" + log.toString(StandardCharsets.UTF_8), e);
        }

        assertThat(lines)
                .extracting(line -> line.get("configuration").asText())
                .containsExactly("eo-300ms", "alo");
        for (ObjectNode result : lines) {
            assertThat(result.get("metric").asText()).isEqualTo("e2e");
            assertThat(result.get("reviews_per_s").asDouble()).isPositive();
            assertThat(result.get("model_only_reviews_per_s").asDouble()).isPositive();
            assertThat(result.get("ratio").asDouble()).isPositive();
            assertThat(result.get("p50_ms").asLong())
                    .isPositive()
                    .isLessThanOrEqualTo(result.get("p99_ms").asLong());
            assertThat(result.get("p99_ms").asLong())
                    .isLessThanOrEqualTo(result.get("max_ms").asLong());
            assertThat(result.get("rate_for_latency").asDouble())
                    .isCloseTo(result.get("reviews_per_s").asDouble() / 2, within(0.02));
            assertThat(result.get("latency_samples").asInt()).isPositive();
            assertThat(result.get("k").asInt()).isEqualTo(10);
            assertThat(result.get("batch_size").asInt()).isEqualTo(16);
            assertThat(result.get("parallelism").asInt()).isEqualTo(1);
            assertThat(result.get("checkpoint_interval_ms").asLong()).isEqualTo(300);
            assertThat(result.get("window_checkpoints").asInt()).isPositive();
            assertThat(result.get("backlog_reviews").asLong())
                    .as("the probe's backlog, all of it scored")
                    .isGreaterThanOrEqualTo(2_000);
            JsonNode scorer = result.get("scorer_in_sustained_window");
            assertThat(scorer.get("model_in_job_reviews_per_s").asDouble()).isPositive();
            assertThat(
                            scorer.get("scoring_share").asDouble()
                                    * scorer.get("model_in_job_to_model_only").asDouble())
                    .as("the ratio, split into the share of time in the model and its speed")
                    .isCloseTo(result.get("ratio").asDouble(), within(0.02));
            assertThat(result.get("model_only_reviews_per_s").asDouble())
                    .isCloseTo(
                            (result.get("model_only_before_reviews_per_s").asDouble()
                                            + result.get("model_only_after_reviews_per_s")
                                                    .asDouble())
                                    / 2,
                            within(0.02));
            assertThat(result.get("load_average").get("start").asDouble())
                    .as("the machine's load average (negative where it is not known)")
                    .isNotNull();
            // Every latency output carried the scorer's times, and the parts add up.
            JsonNode breakdown = result.get("breakdown");
            assertThat(breakdown.get("samples").asInt())
                    .isEqualTo(result.get("latency_samples").asInt());
            assertThat(breakdown.get("batch_size").get("p99").asInt()).isBetween(1, 16);
            assertThat(breakdown.get("scoring_ms").get("p50").asLong()).isNotNegative();
            JsonNode slowest = breakdown.get("slowest_1pct_mean");
            assertThat(
                            slowest.get("to_scorer_ms").asDouble()
                                    + slowest.get("in_buffer_ms").asDouble()
                                    + slowest.get("scoring_ms").asDouble()
                                    + slowest.get("to_sink_ms").asDouble()
                                    + slowest.get("to_visible_ms").asDouble())
                    .isCloseTo(slowest.get("total_ms").asDouble(), within(0.5));
        }
        ObjectNode exactlyOnce = lines.get(0);
        ObjectNode atLeastOnce = lines.get(1);
        assertThat(exactlyOnce.get("delivery").asText()).isEqualTo("exactly-once");
        assertThat(exactlyOnce.get("batch_max_wait_ms").asLong()).isEqualTo(200);
        assertThat(exactlyOnce.get("p99_per_checkpoint_interval").asDouble())
                .isCloseTo(exactlyOnce.get("p99_ms").asDouble() / 300, within(0.01));
        assertThat(exactlyOnce.get("settings").isEmpty()).isTrue();
        assertThat(exactlyOnce.get("checkpoints_in_latency_phase").get("completed").asInt())
                .isPositive();
        assertThat(atLeastOnce.get("delivery").asText()).isEqualTo("at-least-once");
        assertThat(atLeastOnce.get("batch_max_wait_ms").asLong()).isEqualTo(10);
        assertThat(atLeastOnce.has("p99_per_checkpoint_interval")).isFalse();
        assertThat(atLeastOnce.get("settings").get("delivery.guarantee").asText())
                .isEqualTo("at-least-once");
        // One model-only measurement between the two configurations, shared by both.
        assertThat(atLeastOnce.get("model_only_before_reviews_per_s"))
                .isEqualTo(exactlyOnce.get("model_only_after_reviews_per_s"));
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains(
                        "model only (before eo-300ms):",
                        "sustained:",
                        "latency phase:",
                        "model only (after eo-300ms):",
                        "model only (after alo):");

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Set<Thread> stray = liveNonDaemonThreads();
        stray.removeAll(before);
        while (!stray.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            stray = liveNonDaemonThreads();
            stray.removeAll(before);
        }
        assertThat(stray).as("non-daemon threads left running").isEmpty();
    }
}
