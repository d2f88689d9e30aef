package dev.varsent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bench.ModelBench;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: throughput of MC inference and training against DL4J's LSTM, measured in one run;
 * {@code bench e2e}: the end-to-end benchmark of the streaming job ({@link EndToEndBenchCommand});
 * {@code bench baseline}: the bag-of-words ridge baseline ({@link BaselineBenchCommand}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {EndToEndBenchCommand.class, BaselineBenchCommand.class},
        description = {"MC inference and training throughput against DL4J's built-in LSTM; 'bench e2e': Kafka ->"
                + " Flink -> Kafka throughput and latency; 'bench baseline': the ridge baseline.",
            "Prints one entry per metric: mc_inference (reviews/s, the DL4J peer run K times with dropout on, their"
                    + " ratio, the fraction of the FLOP bound), gate_kernels (fused Vector API against plain ND4J"
                    + " ops) and train (sequences/s against DL4J's LSTM training)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON line per metric.")
    boolean json;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "MC dropout passes (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--vocab", paramLabel = "N", defaultValue = "20000", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2", description = "Inference threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "3",
            description = "Measured iterations of each figure (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() throws Exception {
        ModelBench bench = new ModelBench(batch, steps, vocab, k, workers, iterations);
        for (ObjectNode line : bench.run()) {
            print(line, json, System.out);
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
        line.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("metric")) {
                out.printf("  %-28s %s%n", e.getKey(), e.getValue());
            }
        });
    }
}
