package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class EndToEndBenchCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return EndToEndBenchCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: bench --e2e", "--reviews", "--latency-seconds", "--configs");
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        assertThat(run("--reviews", "many")).isEqualTo(2);
        assertThat(run("--duration", "0")).isEqualTo(2);
        assertThat(run("--frobnicate", "1")).isEqualTo(2);
        assertThat(run("--set", "scoring.batch-size=0")).isEqualTo(2);
        assertThat(run("--configs", "alo:delivery.guarantee=at-most-once")).isEqualTo(2);
        assertThat(run("--configs", "small:scoring.batch-size=8")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--reviews takes a positive whole number", "--duration", "unknown option '--frobnicate'",
                        "scoring.batch-size", "delivery.guarantee", "the model-only side is measured once");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
