package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @Test
    void confFileThenSetOverridesInOrder(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("a.properties");
        Files.writeString(conf, "scoring.batch-size=8\ntopic.reviews=in\n");
        CommandLine line = CommandLine.parse(List.of("--conf", conf.toString(), "--set", "scoring.batch-size=16",
                "--set", "routing.threshold=0.2", "--duration", "30"), Set.of("--duration"));
        var config = line.config(null);
        assertThat(config.get(VarsentOptions.BATCH_SIZE)).isEqualTo(16);
        assertThat(config.get(VarsentOptions.ROUTING_THRESHOLD)).isEqualTo(0.2);
        assertThat(config.get(VarsentOptions.TOPIC_REVIEWS)).isEqualTo("in");
        assertThat(line.seconds("--duration")).contains(30L);
    }

    @Test
    void theDefaultFileIsUsedOnlyWhenItExists(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("local.properties");
        CommandLine line = CommandLine.parse(List.of(), Set.of());
        assertThat(line.config(conf).get(VarsentOptions.BATCH_SIZE)).isEqualTo(32);
        Files.writeString(conf, "scoring.batch-size=4\n");
        assertThat(line.config(conf).get(VarsentOptions.BATCH_SIZE)).isEqualTo(4);
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("--sett", "a=b"), Set.of()))
                .isInstanceOf(UsageException.class).hasMessage("unknown option '--sett'");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--set"), Set.of()))
                .hasMessage("--set needs a value");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--set", "novalue"), Set.of()))
                .hasMessage("--set takes key=value, got 'novalue'");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--duration", "soon"), Set.of("--duration")).seconds("--duration"))
                .hasMessage("--duration takes a positive whole number of seconds, got 'soon'");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--set", "scoring.k=3"), Set.of()).config(null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'scoring.k'");
    }

    @Test
    void configCommandPrintsAReusablePropertiesFileOrFailsWithExitCode2() throws Exception {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(new ConfigCommand().run(List.of("--set", "routing.mode=target-rate"))).isZero();
            assertThat(new ConfigCommand().run(List.of("--set", "routing.mode=sometimes"))).isEqualTo(2);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("routing.mode=target-rate\n", "scoring.mc-samples=10\n", "# K: MC dropout passes");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("routing.mode=sometimes: expected one of threshold, target-rate");
    }
}
