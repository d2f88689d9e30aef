package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.DASHBOARD_PORT;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bench.BenchConfiguration;
import dev.varsent.bench.EndToEndBench;
import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentConfig;
import dev.varsent.corpus.HeldOutReviews;
import dev.varsent.local.LocalModel;
import dev.varsent.scoring.BundlePredictorFactory;
import dev.varsent.scoring.ScoringSettings;

/**
 * {@code bench --e2e}: the end-to-end benchmark ({@link EndToEndBench}) on the local model (trained first
 * when missing) and the held-out reviews. Progress goes to stderr, the result to stdout.
 */
final class EndToEndBenchCommand {

    private static final Path DEFAULT_CONF = Path.of("conf", "local.properties");
    static final String USAGE = """
            usage: bench --e2e [--json] [--conf FILE] [--set key=value]... [--warmup SECONDS] [--duration SECONDS]
                               [--model-seconds SECONDS] [--latency-seconds SECONDS] [--reviews N]
                               [--configs NAME[:key=value,...][;NAME...]]
            Kafka -> Flink -> Kafka on this machine with the job's configuration (default: conf/local.properties;
            the dashboard on any free port unless --set dashboard.port=...). Measures, in one run: the model alone
            before and after the streaming phases (--model-seconds each, default 15, after --warmup, default 10);
            the sustained rate of the job working off a backlog of --reviews (default: enough for the window at
            the model-only rate) over whole checkpoint intervals, after --warmup for up to --duration (default
            60); and produce-to-prediction latency at half that rate for --latency-seconds (default 30).
            Prints one "metric":"e2e" line. --configs streams with each named configuration in turn (its keys on
            top of the others; e.g. 'eo-2s:checkpoint.interval-ms=2000;alo:delivery.guarantee=at-least-once'),
            the model alone measured before, between and after them: one line per configuration.""";

    private EndToEndBenchCommand() {
    }

    /** {@code args} without {@code --e2e}. */
    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> rest = new ArrayList<>(args);
        boolean json = rest.remove("--json");
        VarsentConfig config;
        EndToEndBench.Settings settings;
        List<BenchConfiguration> configurations;
        try {
            CommandLine line = CommandLine.parse(rest,
                    Set.of("--warmup", "--duration", "--model-seconds", "--latency-seconds", "--reviews", "--configs"));
            if (line.help()) {
                out.println(USAGE);
                return 0;
            }
            config = line.config(DEFAULT_CONF, Map.of(DASHBOARD_PORT.key(), "0"));
            EndToEndBench.Settings d = EndToEndBench.Settings.DEFAULTS;
            settings = new EndToEndBench.Settings(
                    seconds(line, "--warmup", d.warmup()),
                    seconds(line, "--duration", d.window()),
                    seconds(line, "--model-seconds", d.modelOnly()),
                    seconds(line, "--latency-seconds", d.latency()),
                    reviews(line.value("--reviews")));
            configurations = line.value("--configs").isEmpty() ? List.of(BenchConfiguration.AS_CONFIGURED)
                    : BenchConfiguration.parseList(line.value("--configs").get(), config);
        } catch (UsageException | ConfigException | IllegalArgumentException e) {
            err.println("varsent bench --e2e: " + e.getMessage());
            return 2;
        }

        BundlePredictorFactory model = new BundlePredictorFactory(LocalModel.ensure(config, err).toString(),
                ScoringSettings.from(config));
        for (ObjectNode result : new EndToEndBench(config, configurations, model, HeldOutReviews.load(1), settings, err).run()) {
            BenchCommand.print(result, json, out);
        }
        return 0;
    }

    private static Duration seconds(CommandLine line, String option, Duration otherwise) throws UsageException {
        return line.seconds(option).map(Duration::ofSeconds).orElse(otherwise);
    }

    private static long reviews(Optional<String> text) throws UsageException {
        if (text.isEmpty()) {
            return 0;
        }
        try {
            long n = Long.parseLong(text.get());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--reviews takes a positive whole number, got '" + text.get() + "'");
    }
}
