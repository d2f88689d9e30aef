package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code varsent config}: every key with its meaning, type and default, as a file that loads again.
 */
class ConfigCommandTest {

    @Test
    void printsEveryKeyWithItsTypeDefaultAndMeaningAndReadsOldKeys(@TempDir Path dir)
            throws Exception {
        Path conf =
                Files.writeString(
                        dir.resolve("old.properties"),
                        "job.parallelism=2\ncheckpoint.interval-ms=30000\nkafka.transaction-timeout-ms=900000\n");
        Cli.Run run =
                Cli.run("config", "--conf", conf.toString(), "--set", "routing.mode=target-rate");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "# integer in [1, 4096]; default 1; formerly job.parallelism, flink.parallelism.default\n"
                                + "parallelism.default=2\n",
                        "execution.checkpointing.interval=30 s\n",
                        "kafka.transaction-timeout=15 min\n",
                        "# threshold or target-rate\n# one of threshold, target-rate; default threshold\nrouting.mode=target-rate\n");
        for (var option : VarsentOptions.ALL) {
            assertThat(run.out()).contains("\n" + option.key() + "=");
        }
        Path printed = Files.writeString(dir.resolve("printed.properties"), run.out());
        VarsentConfig again = VarsentConfig.load(printed);
        assertThat(again.get(VarsentOptions.PARALLELISM)).isEqualTo(2);
        assertThat(again.text(VarsentOptions.ROUTING_MODE)).isEqualTo("target-rate");
    }

    @Test
    void anInvalidConfigurationExitsWithTwoAndSaysWhy() throws Exception {
        Cli.Run run = Cli.run("config", "--set", "scoring.batch-max-wait=forever");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("scoring.batch-max-wait=forever: expected a duration in [1 ms, 1 min]");
    }
}
