package dev.varsent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bench.AdaptiveMcBench;
import dev.varsent.bench.ModelBench;
import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.data.ScaleData;
import dev.varsent.model.AdaptiveSampling;
import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.train.Evaluation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: throughput of MC inference and training against DL4J's LSTM, measured in one run;
 * {@code bench e2e}: the end-to-end benchmark of the streaming job ({@link EndToEndBenchCommand});
 * {@code bench baseline}: the bag-of-words ridge baseline ({@link BaselineBenchCommand}).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {
            EndToEndBenchCommand.class,
            BaselineBenchCommand.class,
            SoakBenchCommand.class
        },
        description = {
            "MC inference and training throughput against DL4J's built-in LSTM; 'bench e2e': Kafka ->"
                    + " Flink -> Kafka throughput and latency; 'bench baseline': the ridge baseline.",
            "Prints one entry per metric: mc_inference (reviews/s, the DL4J peer run K times with dropout on, their"
                    + " ratio, the fraction of the FLOP bound), gate_kernels (fused Vector API against plain ND4J"
                    + " ops) and train (sequences/s against DL4J's LSTM training).",
            "With a trained bundle (--model) and the scale data (--data): mc_inference adds whole-review throughput"
                    + " on the test reviews' mix of lengths, and adaptive_mc compares adaptive MC sampling with all K"
                    + " samples on those reviews. 'bench soak': memory over hot swaps."
        })
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON line per metric.")
    boolean json;

    @Mixin McPassesOption passes;

    /**
     * adaptive_mc's routing and batch settings ({@code routing.signal}, {@code routing.threshold},
     * {@code scoring.batch-size}, {@code scoring.mc.*}): {@code --conf conf/local.properties}
     * measures the shipped ones.
     */
    @Mixin ConfigurationOptions configuration;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "200",
            description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "128",
            description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--vocab",
            paramLabel = "N",
            defaultValue = "20000",
            description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "2",
            description = "Inference threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            defaultValue = "3",
            description = "Measured iterations of each figure (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(
            names = "--model",
            paramLabel = "BUNDLE",
            defaultValue = "models/sentiment.bundle",
            description =
                    "A trained bundle for the review-level and adaptive_mc figures, left out when it is"
                            + " missing (default: ${DEFAULT-VALUE}).")
    Path bundle;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "The scale data (default: $VARSENT_DATA_DIR or ../shared/data/scaledata).")
    Path data;

    @Option(
            names = "--min-samples",
            paramLabel = "N",
            description =
                    "adaptive_mc: samples of the first round (default: scoring.mc.min-samples's).")
    Integer minSamples;

    @Option(
            names = "--error-rate",
            paramLabel = "P",
            description =
                    "adaptive_mc: the stopping rule's error rate (default: scoring.mc.error-rate's).")
    Double errorRate;

    @Option(
            names = "--threshold",
            paramLabel = "T",
            description =
                    "adaptive_mc: the routing threshold on routing.signal (default: routing.threshold's).")
    Double threshold;

    @Option(names = "--adaptive-only", description = "Print the adaptive_mc figure alone.")
    boolean adaptiveOnly;

    @Override
    public Integer call() throws Exception {
        SentimentModel model = null;
        List<String> texts = List.of();
        List<int[]> lengths = new ArrayList<>();
        if (Files.isRegularFile(bundle)) {
            model = SentimentModel.load(bundle);
            texts =
                    Evaluation.scaleTestSet(model, data != null ? data : ScaleData.defaultDir())
                            .texts();
            try (McPredictor p = model.predictor(1, 1)) {
                for (String text : texts) {
                    lengths.add(p.segmentLengths(text));
                }
            }
        } else {
            System.err.println(
                    "bench: no model bundle at "
                            + bundle
                            + " (--model): adaptive_mc and the review-level"
                            + " figures are left out");
        }
        if (!adaptiveOnly) {
            ModelBench bench =
                    new ModelBench(batch, steps, vocab, passes.k, workers, iterations, lengths);
            for (ObjectNode line : bench.run()) {
                print(line, json, System.out);
            }
        }
        if (model != null) {
            VarsentConfig config = configuration.config();
            AdaptiveSampling sampling =
                    new AdaptiveSampling(
                            minSamples != null
                                    ? minSamples
                                    : config.get(VarsentOptions.SCORING_MC_MIN_SAMPLES),
                            errorRate != null
                                    ? errorRate
                                    : config.get(VarsentOptions.SCORING_MC_ERROR_RATE),
                            config.get(VarsentOptions.ROUTING_SIGNAL),
                            threshold != null
                                    ? threshold
                                    : config.get(VarsentOptions.ROUTING_THRESHOLD));
            print(
                    new AdaptiveMcBench(
                                    model,
                                    texts,
                                    passes.k,
                                    sampling,
                                    config.get(VarsentOptions.BATCH_SIZE),
                                    workers,
                                    iterations)
                            .run(),
                    json,
                    System.out);
        }
        return ExitCodes.OK;
    }

    /** One metric: as a JSON line, or its name and one indented line per field. */
    static void print(ObjectNode line, boolean json, PrintStream out) {
        if (json) {
            out.println(line);
            return;
        }
        out.println(line.get("metric").asText() + ":");
        line.fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getKey().equals("metric")) {
                                out.printf("  %-28s %s%n", e.getKey(), e.getValue());
                            }
                        });
    }
}
