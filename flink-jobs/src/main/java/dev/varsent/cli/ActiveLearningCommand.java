package dev.varsent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.active.ActiveLearningConfig;
import dev.varsent.active.ActiveLearningExperiment;
import dev.varsent.active.ActiveLearningResult;
import dev.varsent.active.ReplayData;
import dev.varsent.active.Strategy;
import dev.varsent.data.ScaleData;
import dev.varsent.nn.Nd4jThreads;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code active-learning}: replays labelling rounds on the scale data and compares routing the most
 * uncertain reviews to the oracle (by epistemic or by total uncertainty) against routing random
 * ones (issue 4's benchmark, rerun for issue 8).
 */
@Command(
        name = "active-learning",
        mixinStandardHelpOptions = true,
        description = {
            "Active-learning benchmark on the scale data: epistemic and total uncertainty routing against"
                    + " random labels.",
            "The paper's split (seeded) gives the pool (training segments) and the test segments. Every strategy"
                    + " starts from the same seed set; each round labels --budget pool segments: random ones, or the"
                    + " ones with the largest epistemic uncertainty (MC-dropout std) or total uncertainty (epistemic"
                    + " and aleatoric; with the gaussian head the aleatoric part is one constant, so total ranks as"
                    + " epistemic does); it then retrains for --epochs and evaluates the RMSE of the MC mean. The"
                    + " defaults (a small, strongly regularised net, warm start) were chosen on the validation split"
                    + " and take about 15-25 minutes on two shared cores.",
            "Writes active-learning.json and active-learning.png into --out; progress goes to stderr."
        })
public final class ActiveLearningCommand implements Callable<Integer> {
    /** Whether each round continues from the previous round's model or trains from scratch. */
    enum Start {
        WARM,
        SCRATCH
    }

    /**
     * Where the RMSE is measured: the test segments, or segments cut from the training part for
     * choosing settings.
     */
    enum EvaluateOn {
        TEST,
        VALIDATION
    }

    @Option(names = "--json", description = "Also print the result as one JSON object on stdout.")
    boolean json;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "active-learning",
            description = "Where the JSON and the chart go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin ScaleDataOption scaleData;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--pool",
            paramLabel = "N",
            defaultValue = "0",
            description = "Training segments in the pool; 0 = all (default: ${DEFAULT-VALUE}).")
    int pool;

    @Option(
            names = "--eval-limit",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Test segments evaluated on (default: ${DEFAULT-VALUE}).")
    int evalLimit;

    @Option(
            names = "--seed-fraction",
            paramLabel = "F",
            defaultValue = "0.1",
            description =
                    "Share of the pool labelled before the first round, the same for every strategy (default: ${DEFAULT-VALUE}).")
    double seedFraction;

    @Option(
            names = "--budget",
            paramLabel = "N",
            defaultValue = "500",
            description = "Pool segments labelled per round (default: ${DEFAULT-VALUE}).")
    int budget;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "6",
            description = "Rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--strategies",
            paramLabel = "STRATEGY",
            split = ",",
            defaultValue = "random,epistemic,total",
            description =
                    "random (required), epistemic, total; the first uncertainty strategy gives"
                            + " labels_uncertainty and ratio (default: ${DEFAULT-VALUE}).")
    List<Strategy> strategies;

    @Option(
            names = "--max-per-review",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "At most this many segments of one review per round when above 0 (default: ${DEFAULT-VALUE}).")
    int maxPerReview;

    @Option(
            names = "--start",
            paramLabel = "START",
            defaultValue = "warm",
            description =
                    "warm (continue from the previous round's model) or scratch (default: ${DEFAULT-VALUE}).")
    Start start;

    @Option(
            names = "--evaluate",
            paramLabel = "SPLIT",
            defaultValue = "test",
            description =
                    "test, or validation"
                            + " (segments cut from the training part, for choosing settings; default: ${DEFAULT-VALUE}).")
    EvaluateOn evaluate;

    @Mixin ActiveLearningNetFlags net;

    @Override
    public Integer call() throws Exception {
        ActiveLearningConfig config = config();
        PrintStream progress = System.err;
        Nd4jThreads.set(1);
        ReplayData replay = ReplayData.of(ScaleData.load(config.training().dataDir()), config);
        ActiveLearningResult result = new ActiveLearningExperiment(config, progress).run(replay);
        ObjectNode resultJson = ActiveLearningReport.write(result, out);
        ActiveLearningReport.summarize(result, config.strategies(), progress);
        progress.printf(
                "wrote %s and %s%n",
                out.resolve(ActiveLearningReport.JSON_FILE),
                out.resolve(ActiveLearningReport.CHART_FILE));
        if (json) {
            System.out.println(resultJson);
        }
        return ExitCodes.OK;
    }

    ActiveLearningConfig config() {
        return new ActiveLearningConfig(
                net.training(scaleData.dir(), seed),
                pool,
                evalLimit,
                seedFraction,
                budget,
                rounds,
                start == Start.WARM,
                maxPerReview,
                evaluate == EvaluateOn.VALIDATION,
                strategies);
    }
}
