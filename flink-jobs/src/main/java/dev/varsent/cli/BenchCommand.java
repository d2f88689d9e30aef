package dev.varsent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bench.AdaptiveMcBench;
import dev.varsent.bench.ModelBench;
import dev.varsent.config.VarsentOptions;
import dev.varsent.data.ScaleData;
import dev.varsent.model.AdaptiveSampling;
import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.train.Evaluation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code bench}: throughput of MC inference and training against DL4J's LSTM, measured in one run;
 * {@code bench --e2e}: the end-to-end benchmark of the streaming job ({@link EndToEndBenchCommand});
 * {@code bench --baseline}: the bag-of-words ridge baseline ({@link BaselineBenchCommand}).
 */
public final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "MC inference and training throughput against DL4J's built-in LSTM; --e2e: Kafka -> Flink -> Kafka"
                + " throughput and latency (--json for JSON lines)";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        if (argv.contains("--e2e")) {
            List<String> rest = new ArrayList<>(argv);
            rest.remove("--e2e");
            return EndToEndBenchCommand.run(rest, System.out, System.err);
        }
        if (argv.contains("--baseline")) {
            List<String> rest = new ArrayList<>(argv);
            rest.remove("--baseline");
            return BaselineBenchCommand.run(rest, System.out);
        }
        CommandLine a = CommandLine.parse(argv, Set.of("--k", "--steps", "--batch", "--vocab", "--workers",
                "--iterations", "--model", "--data", "--min-samples", "--error-rate", "--threshold"),
                Set.of("--json", "--adaptive-only"));
        if (a.help()) {
            System.out.println("""
                    usage: bench [--json] [--k 10] [--steps 200] [--batch 128] [--vocab 20000] [--workers 2]
                                 [--iterations 3]
                    Prints one line per metric: mc_inference (reviews/s, the DL4J peer run K times with dropout
                    on, their ratio, the fraction of the FLOP bound), gate_kernels (fused Vector API against
                    plain ND4J ops) and train (sequences/s against DL4J's LSTM training).
                    With a trained bundle (--model, default models/sentiment.bundle) and the scale data (--data):
                    mc_inference adds whole-review throughput on the test reviews' mix of lengths, and
                    adaptive_mc compares adaptive MC sampling (--min-samples 2, --error-rate 0.2, routing
                    --threshold 0.23 on the total signal) with all K samples on those reviews
                    (--adaptive-only: that line alone).
                    bench --e2e --help: the end-to-end benchmark of the streaming job.
                    bench --baseline --help: the bag-of-words ridge baseline.""");
            return 0;
        }
        int k = a.intValue("--k", 10), workers = a.intValue("--workers", 2), iterations = a.intValue("--iterations", 3);
        Path bundle = Path.of(a.value("--model", VarsentOptions.MODEL_LOCATION.defaultValue()));
        SentimentModel model = null;
        List<String> texts = List.of();
        List<int[]> lengths = new ArrayList<>();
        if (Files.isRegularFile(bundle)) {
            model = SentimentModel.load(bundle);
            Path data = a.value("--data").map(Path::of).orElseGet(ScaleData::defaultDir);
            texts = Evaluation.scaleTestSet(model, data).texts();
            try (McPredictor p = model.predictor(1, 1)) {
                for (String text : texts) {
                    lengths.add(p.segmentLengths(text));
                }
            }
        } else {
            System.err.println("bench: no model bundle at " + bundle + " (--model): adaptive_mc and the review-level"
                    + " figures are left out");
        }
        if (!a.flag("--adaptive-only")) {
            ModelBench bench = new ModelBench(a.intValue("--batch", 128), a.intValue("--steps", 200),
                    a.intValue("--vocab", 20_000), k, workers, iterations, lengths);
            for (ObjectNode line : bench.run()) {
                print(line, a.flag("--json"), System.out);
            }
        }
        if (model != null) {
            AdaptiveSampling sampling = new AdaptiveSampling(
                    a.intValue("--min-samples", AdaptiveSampling.DEFAULT_MIN_SAMPLES),
                    a.doubleValue("--error-rate", AdaptiveSampling.DEFAULT_ERROR_RATE), UncertaintySignal.TOTAL,
                    a.doubleValue("--threshold", Double.parseDouble(VarsentOptions.ROUTING_THRESHOLD.defaultValue())));
            int reviewBatch = Integer.parseInt(VarsentOptions.BATCH_SIZE.defaultValue());
            print(new AdaptiveMcBench(model, texts, k, sampling, reviewBatch, workers, iterations).run(),
                    a.flag("--json"), System.out);
        }
        return 0;
    }

    /** One metric: as a JSON line, or its name and one indented line per field. */
    static void print(ObjectNode line, boolean json, PrintStream out) {
        if (json) {
            out.println(line);
            return;
        }
        out.println(line.get("metric").asText() + ":");
        line.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("metric")) {
                out.printf("  %-28s %s%n", e.getKey(), e.getValue());
            }
        });
    }
}
