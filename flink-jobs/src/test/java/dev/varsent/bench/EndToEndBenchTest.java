package dev.varsent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            // Each figure is rounded to 0.01: the ratio is the rounded rates' ratio within that.
            double modelOnly = result.get("model_only_reviews_per_s").asDouble();
            double rates = result.get("reviews_per_s").asDouble() / modelOnly;
            assertThat(result.get("ratio").asDouble())
                    .isPositive()
                    .isCloseTo(rates, within(0.0051 + 0.0051 * (1 + rates) / modelOnly));
            assertThat(result.get("p50_ms").asLong())
                    .isPositive()
                    .isLessThanOrEqualTo(result.get("p99_ms").asLong());
            assertThat(result.get("p99_ms").asLong())
                    .isLessThanOrEqualTo(result.get("max_ms").asLong());
            assertThat(result.get("rate_for_latency").asDouble())
                    .isCloseTo(result.get("reviews_per_s").asDouble() / 2, within(0.0076));
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
            double share = scorer.get("scoring_share").asDouble();
            double speed = scorer.get("model_in_job_to_model_only").asDouble();
            assertThat(share * speed)
                    .as("the ratio, split into the share of time in the model and its speed")
                    .isCloseTo(
                            result.get("ratio").asDouble(),
                            within(0.0051 * (share + speed) + 0.0051));
            assertThat(result.get("model_only_reviews_per_s").asDouble())
                    .isCloseTo(
                            (result.get("model_only_before_reviews_per_s").asDouble()
                                            + result.get("model_only_after_reviews_per_s")
                                                    .asDouble())
                                    / 2,
                            within(0.0101));
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
                    .as("five parts and the total, each rounded to 0.1 ms")
                    .isCloseTo(slowest.get("total_ms").asDouble(), within(0.3001));
        }
        ObjectNode exactlyOnce = lines.get(0);
        ObjectNode atLeastOnce = lines.get(1);
        assertThat(exactlyOnce.get("delivery").asText()).isEqualTo("exactly-once");
        assertThat(exactlyOnce.get("batch_max_wait_ms").asLong()).isEqualTo(200);
        assertThat(exactlyOnce.get("p99_per_checkpoint_interval").asDouble())
                .isEqualTo(BenchFigures.round(exactlyOnce.get("p99_ms").asDouble() / 300, 2));
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

    /** A result line recomputed by hand from the figures its phases measured. */
    @Test
    void theLineOfAConfigurationIsComputedFromWhatItsPhasesMeasured() {
        long[] latencies = new long[10];
        List<LatencyTrace> traces = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            latencies[i] = 100L * (i + 1);
            traces.add(LatencyTrace.of(0, 10, 30, 80, 90, latencies[i], 4));
        }
        ObjectNode scorer = new ObjectMapper().createObjectNode();
        scorer.put("model_in_job_reviews_per_s", 125.0);
        EndToEndBench.StreamFigures stream =
                new EndToEndBench.StreamFigures(
                        2_000,
                        new SustainedRate(100, 12.5, 1_250, 5, 0, 12_500_000_000L),
                        scorer,
                        50,
                        new Percentiles(latencies),
                        traces,
                        new EndToEndBench.LoadAverages(0.5, 0.754, -1),
                        null);
        VarsentConfig streamed =
                VarsentConfig.defaults()
                        .with(
                                Map.of(
                                        "execution.checkpointing.interval", "300",
                                        "scoring.batch-size", "16"));
        // The model alone at 90 before and 150 after: 120 on average, against which the job's
        // 100 is 0.83 (not 1.11 against the first, nor 0.67 against the second).
        ObjectNode line =
                EndToEndBench.line(
                        BenchConfiguration.AS_CONFIGURED,
                        streamed,
                        stream,
                        new ModelOnlyThroughput.Result(90, "v1"),
                        new ModelOnlyThroughput.Result(150, "v1"),
                        Duration.ofSeconds(10));

        assertThat(line.get("reviews_per_s").asDouble()).isEqualTo(100.0);
        assertThat(line.get("model_only_reviews_per_s").asDouble()).isEqualTo(120.0);
        assertThat(line.get("ratio").asDouble()).isEqualTo(0.83);
        assertThat(line.get("model_only_before_reviews_per_s").asDouble()).isEqualTo(90.0);
        assertThat(line.get("model_only_after_reviews_per_s").asDouble()).isEqualTo(150.0);
        // Nearest rank of 100, 200, ..., 1000 ms.
        assertThat(line.get("p50_ms").asLong()).isEqualTo(500);
        assertThat(line.get("p99_ms").asLong()).isEqualTo(1000);
        assertThat(line.get("max_ms").asLong()).isEqualTo(1000);
        assertThat(line.get("p99_per_checkpoint_interval").asDouble()).isEqualTo(3.33);
        assertThat(line.get("latency_samples").asInt()).isEqualTo(10);
        assertThat(line.get("rate_for_latency").asDouble()).isEqualTo(50.0);
        assertThat(line.get("delivery").asText()).isEqualTo("exactly-once");
        assertThat(line.get("checkpoint_interval_ms").asLong()).isEqualTo(300);
        assertThat(line.get("batch_size").asInt()).isEqualTo(16);
        assertThat(line.get("backlog_reviews").asLong()).isEqualTo(2_000);
        assertThat(line.get("window_s").asDouble()).isEqualTo(12.5);
        assertThat(line.get("window_checkpoints").asInt()).isEqualTo(5);
        assertThat(line.get("warmup_s").asLong()).isEqualTo(10);
        assertThat(line.get("model_version").asText()).isEqualTo("v1");
        assertThat(line.get("load_average").get("latency_phase").asDouble()).isEqualTo(0.75);
        assertThat(line.get("load_average").get("end").asDouble()).isEqualTo(-1.0);
        // 100 / 125 of the time in the model, which ran at 125 / 120 of its speed alone.
        JsonNode inJob = line.get("scorer_in_sustained_window");
        assertThat(inJob.get("model_in_job_reviews_per_s").asDouble()).isEqualTo(125.0);
        assertThat(inJob.get("scoring_share").asDouble()).isEqualTo(0.8);
        assertThat(inJob.get("model_in_job_to_model_only").asDouble()).isEqualTo(1.04);
        assertThat(inJob.get("scoring_share").asDouble() * 1.04)
                .isCloseTo(line.get("ratio").asDouble(), withinPercentage(0.5));
        assertThat(scorer.has("scoring_share")).as("the scorer's own summary is kept").isFalse();
        assertThat(line.get("breakdown").get("samples").asInt()).isEqualTo(10);
        assertThat(line.has("checkpoints_in_latency_phase")).isFalse();

        ObjectNode atLeastOnce =
                EndToEndBench.line(
                        BenchConfiguration.AS_CONFIGURED,
                        streamed.with(Map.of("delivery.guarantee", "at-least-once")),
                        stream,
                        new ModelOnlyThroughput.Result(90, "v1"),
                        new ModelOnlyThroughput.Result(150, "v1"),
                        Duration.ofSeconds(10));
        assertThat(atLeastOnce.get("delivery").asText()).isEqualTo("at-least-once");
        assertThat(atLeastOnce.has("p99_per_checkpoint_interval")).isFalse();
        assertThat(atLeastOnce.get("ratio").asDouble()).isEqualTo(0.83);
    }
}
