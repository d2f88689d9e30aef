package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.LOCAL_FEED_RATE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentConfig;
import dev.varsent.local.LocalPipeline;
import dev.varsent.corpus.ReviewText;
import dev.varsent.scoring.PredictorFactory;

/**
 * {@code varsent local [--conf FILE] [--set key=value]... [--duration SECONDS] [--rate PER_SECOND]}:
 * the whole pipeline on this machine (see {@link LocalPipeline}), until the duration is over or Ctrl-C.
 */
public final class LocalCommand implements Command {

    private static final Path DEFAULT_CONF = Path.of("conf", "local.properties");

    private final Function<VarsentConfig, PredictorFactory> models;
    private final Function<VarsentConfig, List<ReviewText>> reviews;

    /**
     * {@code models} gives the factory of the model to score with; {@code reviews} the reviews to
     * stream (both may prepare what they need, e.g. train a model that is missing).
     */
    public LocalCommand(Function<VarsentConfig, PredictorFactory> models, Function<VarsentConfig, List<ReviewText>> reviews) {
        this.models = models;
        this.reviews = reviews;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String summary() {
        return "run the whole loop on this machine: Kafka, Flink (dashboard), scoring, labels, oracle, retrains";
    }

    @Override
    public int run(List<String> args) throws Exception {
        VarsentConfig config;
        Duration duration;
        try {
            CommandLine line = CommandLine.parse(args, Set.of("--duration", "--rate"));
            if (line.help()) {
                System.out.println("usage: varsent local [--conf FILE] [--set key=value]... [--duration SECONDS] [--rate PER_SECOND]");
                System.out.println("Default configuration: " + DEFAULT_CONF + " when present. Stops at the end of --duration or on Ctrl-C.");
                return 0;
            }
            config = line.config(DEFAULT_CONF);
            if (line.value("--rate").isPresent()) {
                config = config.with(LOCAL_FEED_RATE, line.value("--rate").get());
            }
            duration = line.seconds("--duration").map(Duration::ofSeconds).orElse(null);
        } catch (UsageException | ConfigException e) {
            System.err.println("varsent local: " + e.getMessage());
            return 2;
        }

        LocalPipeline pipeline = new LocalPipeline(config, models.apply(config), reviews.apply(config), System.out);
        Thread onCtrlC = new Thread(() -> {
            pipeline.stop();
            try {
                pipeline.awaitStopped(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "varsent-local-shutdown");
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
        return summary.jobFailed() ? 1 : 0;
    }
}
