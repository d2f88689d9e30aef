package dev.varsent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bench.ModelBench;
import java.io.PrintStream;
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
                "--iterations"), Set.of("--json"));
        if (a.help()) {
            System.out.println("""
                    usage: bench [--json] [--k 10] [--steps 200] [--batch 128] [--vocab 20000] [--workers 2]
                                 [--iterations 3]
                    Prints one line per metric: mc_inference (reviews/s, the DL4J peer run K times with dropout
                    on, their ratio, the fraction of the FLOP bound), gate_kernels (fused Vector API against
                    plain ND4J ops) and train (sequences/s against DL4J's LSTM training).
                    bench --e2e --help: the end-to-end benchmark of the streaming job.
                    bench --baseline --help: the bag-of-words ridge baseline.""");
            return 0;
        }
        ModelBench bench = new ModelBench(a.intValue("--batch", 128), a.intValue("--steps", 200),
                a.intValue("--vocab", 20_000), a.intValue("--k", 10), a.intValue("--workers", 2),
                a.intValue("--iterations", 3));
        for (ObjectNode line : bench.run()) {
            print(line, a.flag("--json"), System.out);
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
