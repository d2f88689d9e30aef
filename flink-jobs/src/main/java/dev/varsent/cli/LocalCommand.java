package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.LOCAL_FEED_RATE;

import dev.varsent.config.VarsentConfig;
import dev.varsent.corpus.ReviewText;
import dev.varsent.local.LocalPipeline;
import dev.varsent.scoring.PredictorFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varsent local [--conf FILE] [--set key=value]... [--duration D] [--rate PER_SECOND]}: the
 * whole pipeline on this machine (see {@link LocalPipeline}), until the duration is over or Ctrl-C.
 */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole loop on this machine: Kafka, Flink (dashboard), scoring, labels, oracle,"
                    + " retrains.",
            "The configuration is conf/local.properties when present and --conf is not given."
                    + " Stops at the end of --duration or on Ctrl-C."
        })
public final class LocalCommand implements Callable<Integer> {

    static final Path DEFAULT_CONF = Path.of("conf", "local.properties");

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description =
                    "Stop after this long: seconds (600) or with a unit (10min); default: until Ctrl-C.")
    Duration duration;

    @Option(
            names = "--rate",
            paramLabel = "PER_SECOND",
            description = "Reviews streamed per second (shorthand of local.feed-rate).")
    Double rate;

    @Mixin ConfigurationOptions configuration;

    private final Function<VarsentConfig, PredictorFactory> models;
    private final Function<VarsentConfig, List<ReviewText>> reviews;

    /**
     * {@code models} gives the factory of the model to score with; {@code reviews} the reviews to
     * stream (both may prepare what they need, e.g. train a model that is missing).
     */
    public LocalCommand(
            Function<VarsentConfig, PredictorFactory> models,
            Function<VarsentConfig, List<ReviewText>> reviews) {
        this.models = models;
        this.reviews = reviews;
    }

    @Override
    public Integer call() throws Exception {
        VarsentConfig config =
                configuration.config(
                        DEFAULT_CONF,
                        Map.of(),
                        rate == null ? Map.of() : Map.of(LOCAL_FEED_RATE.key(), rate.toString()));
        LocalPipeline pipeline =
                new LocalPipeline(config, models.apply(config), reviews.apply(config), System.out);
        Thread onCtrlC =
                new Thread(
                        () -> {
                            pipeline.stop();
                            try {
                                pipeline.awaitStopped(Duration.ofMinutes(1));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "varsent-local-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        LocalPipeline.Summary summary;
        try {
            summary = pipeline.run(duration);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting on Ctrl-C and the hook is already running.
            }
        }
        return summary.jobFailed() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
