package dev.varsent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bench.RidgeBaselineBench;
import dev.varsent.data.ScaleData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench baseline}: the bag-of-words ridge baseline ({@link RidgeBaselineBench}). */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = {
            "The bag-of-words ridge baseline on the scale data and on labelled review sets.",
            "Binary presence of the --vocab most frequent training tokens, rows L2-normalised, lambda chosen among"
                    + " --lambdas on a validation split of the training side. Prints \"metric\":\"ridge_baseline\""
                    + " entries: test RMSE on the paper's segment split and on whole reviews (80/20 by review), and"
                    + " for each pos/neg JSON-lines file of --data the AUROC of the score, the accuracy at the training"
                    + " rating mean and the AUROC of the closeness to that threshold for flagging the wrong calls."
        })
final class BaselineBenchCommand implements Callable<Integer> {

    static final Path DEFAULT_DATA = Path.of("..", "varsent-data");

    @Option(names = "--json", description = "One JSON line per entry.")
    boolean json;

    @Option(
            names = "--scale-data",
            paramLabel = "DIR",
            description = "The scale data (default: as for train).")
    Path scaleData;

    @Option(
            names = "--data",
            paramLabel = "FILE.jsonl|DIR",
            split = ",",
            description =
                    "Labelled sets; a directory"
                            + " stands for every *.jsonl below it (default: ../varsent-data when present, see scripts/review-sets.sh).")
    List<Path> data;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of the splits (default:" + " ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--vocab",
            paramLabel = "N",
            defaultValue = "" + RidgeBaselineBench.DEFAULT_VOCABULARY,
            description = "Vocabulary size (default:" + " ${DEFAULT-VALUE}).")
    int vocab;

    @Option(
            names = "--lambdas",
            paramLabel = "LAMBDA",
            split = ",",
            description = "Ridge penalties to choose among (default: 0.3,1,3,10).")
    double[] lambdas = RidgeBaselineBench.DEFAULT_LAMBDAS.clone();

    @Option(
            names = "--bigrams",
            paramLabel = "N",
            split = ",",
            description =
                    "Bigram entries beside the words to choose among on validation, as the blend"
                            + " does (default: 0, the words-only baseline; the blend's: 0,"
                            + " 20000).")
    int[] bigrams = {0};

    @Override
    public Integer call() throws Exception {
        if (vocab < 1) {
            throw new UsageException("--vocab must be positive, got " + vocab);
        }
        if (lambdas.length == 0 || Arrays.stream(lambdas).anyMatch(x -> !(x > 0))) {
            throw new UsageException(
                    "--lambdas takes positive numbers, got " + Arrays.toString(lambdas));
        }
        if (bigrams.length == 0 || Arrays.stream(bigrams).anyMatch(n -> n < 0)) {
            throw new UsageException(
                    "--bigrams takes numbers >= 0, got " + Arrays.toString(bigrams));
        }
        Path scale = scaleData != null ? scaleData : ScaleData.defaultDir();
        List<Path> sets =
                data != null
                        ? labelSets(data)
                        : Files.isDirectory(DEFAULT_DATA)
                                ? labelSets(List.of(DEFAULT_DATA))
                                : List.of();
        RidgeBaselineBench bench =
                new RidgeBaselineBench(scale, sets, seed, vocab, bigrams, lambdas);
        for (ObjectNode line : bench.run()) {
            BenchCommand.print(line, json, System.out);
        }
        return ExitCodes.OK;
    }

    /** Files and directories; a directory stands for every {@code *.jsonl} below it, sorted. */
    static List<Path> labelSets(List<Path> given) {
        List<Path> out = new ArrayList<>();
        for (Path p : given) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.filter(
                                    f ->
                                            Files.isRegularFile(f)
                                                    && f.getFileName()
                                                            .toString()
                                                            .endsWith(".jsonl"))
                            .sorted()
                            .forEach(out::add);
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
}
