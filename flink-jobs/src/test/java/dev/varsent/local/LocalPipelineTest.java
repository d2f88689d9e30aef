package dev.varsent.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentConfig;
import dev.varsent.corpus.ReviewText;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.scoring.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPipelineTest {

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    @TempDir Path dir;

    /**
     * The local configuration with everything it writes under {@code dir}, and a fast retrain of
     * labels only.
     */
    private VarsentConfig localConfig(List<ReviewText> reviews, Map<String, String> extra)
            throws Exception {
        StringBuilder truth = new StringBuilder();
        for (int i = 0; i < reviews.size(); i++) {
            truth.append("{\"id\":\"")
                    .append(reviews.get(i).id())
                    .append("\",\"rating\":")
                    .append(i % 6 / 5.0)
                    .append("}\n");
        }
        Path truthFile = Files.writeString(dir.resolve("truth.jsonl"), truth);
        Map<String, String> settings =
                new HashMap<>(
                        Map.of(
                                "dashboard.port", "0",
                                "execution.checkpointing.interval", "500",
                                "local.feed-rate", "40",
                                "local.malformed-fraction", "0.1",
                                "local.summary-interval", "2 s",
                                "routing.mode", "threshold",
                                // The loop relabels what teaches the model most. A fixed threshold
                                // on the total signal, taken
                                // from the first model, can send every prediction of a retrained
                                // model (with its own noise
                                // estimate) to relabelling, and the predictions topic would never
                                // show it serving.
                                "routing.signal", "epistemic",
                                "routing.threshold",
                                        Double.toString(
                                                TestModels.medianUncertainty(
                                                        reviews.stream()
                                                                .map(ReviewText::text)
                                                                .toList(),
                                                        UncertaintySignal.EPISTEMIC))));
        settings.putAll(
                Map.of(
                        "model.location", TestModels.trainedBundle().toString(),
                        "registry.uri", dir.resolve("registry").toString(),
                        "retrain.base-corpus", "",
                        "retrain.epochs", "1",
                        "retrain.mc-samples", "2",
                        "retrain.threads", "1",
                        "oracle.truth", truthFile.toString(),
                        "oracle.delay", "0"));
        settings.putAll(extra);
        return VarsentConfig.load(Path.of("..", "conf", "local.properties")).with(settings);
    }

    private static List<ReviewText> reviews() {
        List<ReviewText> reviews = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reviews.add(new ReviewText("review-" + i, "great phone ".repeat(1 + i % 6).trim()));
        }
        return reviews;
    }

    @Test
    void streamsScoresSummarizesAndShutsDownCleanly() throws Exception {
        List<ReviewText> reviews = reviews();
        VarsentConfig config =
                localConfig(
                        reviews, Map.of("retrain.min-new-labels", "0", "retrain.interval", "0"));
        Set<Thread> before = liveNonDaemonThreads();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LocalPipeline pipeline =
                new LocalPipeline(
                        config,
                        TestModels.predictorFactory(),
                        reviews,
                        new PrintStream(printed, true, StandardCharsets.UTF_8));

        LocalPipeline.Summary summary = pipeline.run(Duration.ofSeconds(6));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Flink dashboard: http://127.0.0.1:");
        assertThat(
                        output.lines()
                                .filter(
                                        l ->
                                                l.matches(
                                                        "\\[\\s*\\d+s\\] sent \\d+ \\| scored .*records/s")))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(output).contains("| final");
        assertThat(summary.sent()).isBetween(150L, 300L);
        assertThat(summary.outputs()).isEqualTo(summary.sent());
        assertThat(summary.deadLetters()).isEqualTo(summary.sent() / 10);
        assertThat(summary.relabelRequests()).isPositive();
        assertThat(summary.predictions()).isPositive();
        assertThat(summary.jobFailed()).isFalse();
        assertThat(pipeline.awaitStopped(Duration.ZERO)).isTrue();

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

    @Test
    void theLoopLabelsRetrainsAndPromotesByItself() throws Exception {
        List<ReviewText> reviews = reviews();
        VarsentConfig config =
                localConfig(
                        reviews,
                        Map.of(
                                "retrain.min-new-labels", "15",
                                "retrain.promotion-margin", "-1.0"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LocalPipeline pipeline =
                new LocalPipeline(
                        config,
                        TestModels.predictorFactory(),
                        reviews,
                        new PrintStream(printed, true, StandardCharsets.UTF_8));

        LocalPipeline.Summary summary = pipeline.run(Duration.ofSeconds(25));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("published and promoted");
        assertThat(output).contains("Retrain: PROMOTED");
        assertThat(summary.labels()).isGreaterThanOrEqualTo(15);
        assertThat(summary.retrains()).isPositive();
        assertThat(summary.promotions()).isPositive();
        assertThat(summary.outputs()).isEqualTo(summary.sent());
        assertThat(summary.jobFailed()).isFalse();
        String champion =
                ModelRegistry.at(dir.resolve("registry").toString())
                        .champion()
                        .orElseThrow()
                        .version();
        assertThat(champion).startsWith("sentiment-");
        assertThat(output.lines().filter(l -> l.contains("| serving " + champion))).isNotEmpty();
    }
}
