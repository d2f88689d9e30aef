package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.DASHBOARD_PORT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bench.BenchConfiguration;
import dev.varsent.bench.EndToEndBench;
import dev.varsent.config.VarsentConfig;
import dev.varsent.corpus.HeldOutReviews;
import dev.varsent.local.LocalModel;
import dev.varsent.scoring.BundlePredictorFactory;
import dev.varsent.scoring.ScoringSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench e2e}: the end-to-end benchmark ({@link EndToEndBench}) on the local model (trained
 * first when missing) and the held-out reviews. Progress goes to stderr, the result to stdout.
 */
@Command(
        name = "e2e",
        mixinStandardHelpOptions = true,
        description = {
            "Kafka -> Flink -> Kafka on this machine: throughput and latency of the streaming job.",
            "With the job's configuration (default: conf/local.properties; the dashboard on any free port unless"
                    + " --set dashboard.port=...). Measures, in one run: the model alone before and after the"
                    + " streaming phases; the sustained rate of the job working off a backlog over whole checkpoint"
                    + " intervals; and produce-to-prediction latency at half that rate. Prints one \"metric\":\"e2e\""
                    + " entry; progress goes to stderr.",
            "Durations are seconds (60) or with a unit (90s, 2min)."
        })
final class EndToEndBenchCommand implements Callable<Integer> {

    private static final Path DEFAULT_CONF = Path.of("conf", "local.properties");

    @Option(names = "--json", description = "The result as one JSON line.")
    boolean json;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            description = "Warm-up before each measured phase" + " (default: 10).")
    Duration warmup;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "The longest sustained-rate window" + " (default: 60).")
    Duration window;

    @Option(
            names = "--model-seconds",
            paramLabel = "DURATION",
            description = "Each model-only phase (default: 15).")
    Duration modelOnly;

    @Option(
            names = "--latency-seconds",
            paramLabel = "DURATION",
            description = "The latency phase (default: 30).")
    Duration latency;

    @Option(
            names = "--latency-rate",
            paramLabel = "REVIEWS_PER_S",
            description =
                    "Produce the latency phase at this rate for every configuration (default: half of"
                            + " each one's sustained rate), to compare configurations at the same load.")
    Double latencyRate;

    @Option(
            names = "--configs",
            paramLabel = "NAME[:key=value,...][;NAME...]",
            description =
                    "Stream with each named configuration in turn (its keys on top of the others), the model"
                            + " alone measured before, between and after them; one entry per configuration. E.g."
                            + " 'eo-2s:execution.checkpointing.interval=2 s;alo:delivery.guarantee=at-least-once'.")
    String configs;

    @Mixin ConfigurationOptions configuration;

    @Override
    public Integer call() throws Exception {
        if (latencyRate != null && !(latencyRate > 0 && latencyRate < 1e6)) {
            throw new UsageException(
                    "--latency-rate takes a positive number of reviews per second, got "
                            + latencyRate);
        }
        VarsentConfig config =
                configuration.config(DEFAULT_CONF, Map.of(DASHBOARD_PORT.key(), "0"), Map.of());
        EndToEndBench.Settings d = EndToEndBench.Settings.DEFAULTS;
        EndToEndBench.Settings settings =
                new EndToEndBench.Settings(
                        or(warmup, d.warmup()),
                        or(window, d.window()),
                        or(modelOnly, d.modelOnly()),
                        or(latency, d.latency()),
                        latencyRate != null ? latencyRate : d.latencyRate());
        List<BenchConfiguration> configurations =
                configs == null
                        ? List.of(BenchConfiguration.AS_CONFIGURED)
                        : BenchConfiguration.parseList(configs, config);
        PrintStream progress = System.err;
        BundlePredictorFactory model =
                new BundlePredictorFactory(
                        LocalModel.ensure(config, progress).toString(),
                        ScoringSettings.from(config));
        for (ObjectNode result :
                new EndToEndBench(
                                config,
                                configurations,
                                model,
                                HeldOutReviews.load(1),
                                settings,
                                progress)
                        .run()) {
            BenchCommand.print(result, json, System.out);
        }
        return ExitCodes.OK;
    }

    private static Duration or(Duration given, Duration otherwise) {
        return given != null ? given : otherwise;
    }
}
