package dev.varsent.cli;

import dev.varsent.bench.SoakBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench soak}: the local scoring pipeline for a while under periodic hot swaps, and its
 * memory ({@link SoakBench}).
 */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description = {
            "Stream reviews through the local scoring pipeline while the champion is swapped between two"
                    + " versions, and print heap after GC, JavaCPP's bytes and resident memory as JSON lines, then a"
                    + " summary: whether memory stayed on a plateau across the swaps and every review came out once.",
            "Exit code 1 when memory grew or a review was lost. Durations are seconds (60) or with a unit (90s, 2min)."
        })
final class SoakBenchCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            paramLabel = "BUNDLE",
            defaultValue = "models/sentiment.bundle",
            description =
                    "The bundle to serve (a second version of it is made for the swaps; default: ${DEFAULT-VALUE}).")
    Path bundle;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            required = true,
            description = "Where the run's registry and broker data go (outside the repository).")
    Path workDir;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "5min",
            description = "How long to stream (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--rate",
            paramLabel = "RATE",
            defaultValue = "70%",
            description =
                    "Reviews produced per second (40), or a share of the job's sustained rate (70%%),"
                            + " measured first on the same job with a backlog of held-out reviews"
                            + " (default: 70%%).")
    String rate;

    @Option(
            names = "--swap-every",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "Time between hot swaps (default: ${DEFAULT-VALUE}).")
    Duration swapEvery;

    @Option(
            names = "--sample-every",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "Time between memory samples (default: ${DEFAULT-VALUE}).")
    Duration sampleEvery;

    @Override
    public Integer call() throws Exception {
        SoakBench.Rate feed;
        try {
            feed = SoakBench.Rate.parse(rate);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--rate: " + e.getMessage());
        }
        SoakBench.Result result =
                new SoakBench(
                                new SoakBench.Settings(
                                        bundle, workDir, duration, feed, swapEvery, sampleEvery),
                                System.out)
                        .run();
        return result.plateau() && result.outputs() == result.sent()
                ? ExitCodes.OK
                : ExitCodes.FAILED;
    }
}
