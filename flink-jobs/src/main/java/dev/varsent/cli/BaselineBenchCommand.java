package dev.varsent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bench.RidgeBaselineBench;
import dev.varsent.data.ScaleData;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code bench --baseline}: the bag-of-words ridge baseline ({@link RidgeBaselineBench}). */
final class BaselineBenchCommand {

    static final Path DEFAULT_DATA = Path.of("..", "varsent-data");
    static final String USAGE = """
            usage: bench --baseline [--json] [--scale-data DIR] [--data FILE.jsonl|DIR[,...]] [--seed 1]
                                    [--vocab 20000] [--lambdas 0.3,1,3,10]
            A bag-of-words ridge regression trained on the scale data (default ../shared/data/scaledata):
            binary presence of the --vocab most frequent training tokens, rows L2-normalised, lambda chosen
            among --lambdas on a validation split of the training side. Prints "metric":"ridge_baseline" lines:
            test RMSE on the paper's segment split and on whole reviews (80/20 by review), and for each pos/neg
            JSON-lines file in --data (directories are searched for *.jsonl; default ../varsent-data, see
            scripts/review-sets.sh) the AUROC of the score, the accuracy at the training rating mean and the
            AUROC of the closeness to that threshold for flagging the wrong calls.""";

    private BaselineBenchCommand() {
    }

    /** {@code args} without {@code --baseline}. */
    static int run(List<String> args, PrintStream out) throws Exception {
        CommandLine a = CommandLine.parse(args, Set.of("--scale-data", "--data", "--seed", "--vocab", "--lambdas"),
                Set.of("--json"));
        if (a.help()) {
            out.println(USAGE);
            return 0;
        }
        Path scale = a.value("--scale-data").map(Path::of).orElseGet(ScaleData::defaultDir);
        List<Path> sets = a.value("--data").map(BaselineBenchCommand::labelSets)
                .orElseGet(() -> Files.isDirectory(DEFAULT_DATA) ? labelSets(DEFAULT_DATA.toString()) : List.of());
        int vocab = a.intValue("--vocab", RidgeBaselineBench.DEFAULT_VOCABULARY);
        if (vocab < 1) {
            throw new UsageException("--vocab must be positive, got " + vocab);
        }
        RidgeBaselineBench bench = new RidgeBaselineBench(scale, sets, a.longValue("--seed", 1), vocab,
                lambdas(a.value("--lambdas", null)));
        for (ObjectNode line : bench.run()) {
            BenchCommand.print(line, a.flag("--json"), out);
        }
        return 0;
    }

    /** Comma-separated files and directories; a directory stands for every {@code *.jsonl} below it, sorted. */
    static List<Path> labelSets(String spec) {
        List<Path> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            Path p = Path.of(part.strip());
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".jsonl"))
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IllegalArgumentException("--data: no such file or directory: " + p);
            }
        }
        return out;
    }

    private static double[] lambdas(String spec) throws UsageException {
        if (spec == null) {
            return RidgeBaselineBench.DEFAULT_LAMBDAS.clone();
        }
        try {
            double[] v = Arrays.stream(spec.split(",")).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
            if (v.length == 0 || Arrays.stream(v).anyMatch(x -> !(x > 0))) {
                throw new UsageException("--lambdas takes positive numbers, got '" + spec + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--lambdas takes comma-separated numbers, got '" + spec + "'");
        }
    }
}
