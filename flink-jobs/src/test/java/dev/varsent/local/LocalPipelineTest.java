package dev.varsent.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.varsent.config.VarsentConfig;
import dev.varsent.scoring.TestModels;
import org.junit.jupiter.api.Test;

class LocalPipelineTest {

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    @Test
    void streamsScoresSummarizesAndShutsDownCleanly() throws Exception {
        List<ReviewText> reviews = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reviews.add(new ReviewText("review-" + i, "great phone ".repeat(1 + i % 6).trim()));
        }
        VarsentConfig config = VarsentConfig.load(java.nio.file.Path.of("..", "conf", "local.properties")).with(Map.of(
                "dashboard.port", "0",
                "checkpoint.interval-ms", "500",
                "local.feed-rate", "40",
                "local.malformed-fraction", "0.1",
                "local.summary-interval-s", "2",
                "routing.mode", "threshold",
                "routing.threshold", Double.toString(TestModels.medianUncertainty(
                        reviews.stream().map(ReviewText::text).toList()))));
        Set<Thread> before = liveNonDaemonThreads();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LocalPipeline pipeline = new LocalPipeline(config, TestModels.predictorFactory(), reviews,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        LocalPipeline.Summary summary = pipeline.run(Duration.ofSeconds(6));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Flink dashboard: http://127.0.0.1:");
        assertThat(output.lines().filter(l -> l.matches("\\[\\s*\\d+s\\] sent \\d+ \\| scored .*records/s"))).hasSizeGreaterThanOrEqualTo(2);
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
}
