package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bench e2e}'s command line: bad options are usage errors, found before anything starts. */
class EndToEndBenchCommandTest {

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        String errors = "";
        for (String[] args :
                new String[][] {
                    {"--latency-rate", "many"},
                    {"--latency-rate", "0"},
                    {"--duration", "0"},
                    {"--frobnicate", "1"},
                    {"--set", "scoring.batch-size=0"},
                    {"--configs", "alo:delivery.guarantee=at-most-once"},
                    {"--configs", "small:scoring.batch-size=8"}
                }) {
            String[] line = new String[args.length + 2];
            line[0] = "bench";
            line[1] = "e2e";
            System.arraycopy(args, 0, line, 2, args.length);
            Cli.Run run = Cli.run(line);
            assertThat(run.code()).as(String.join(" ", line)).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            errors += run.err();
        }
        assertThat(errors)
                .contains(
                        "varsent bench e2e: Invalid value for option '--latency-rate': 'many' is not a",
                        "--latency-rate takes a positive number of reviews per second",
                        "the duration must be positive",
                        "Unknown options: '--frobnicate', '1'",
                        "scoring.batch-size",
                        "delivery.guarantee",
                        "the model-only side is measured once");
    }

    @Test
    void theDefaultsAreTheBenchmarksAndDurationsTakeUnits() {
        EndToEndBenchCommand command =
                Cli.parse("bench", "e2e", "--duration", "2min", "--warmup", "5");
        assertThat(command.window).hasMinutes(2);
        assertThat(command.warmup).hasSeconds(5);
        assertThat(command.latency).isNull();
    }
}
