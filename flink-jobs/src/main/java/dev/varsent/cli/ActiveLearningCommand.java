package dev.varsent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.active.ActiveLearningConfig;
import dev.varsent.active.ActiveLearningExperiment;
import dev.varsent.active.ActiveLearningResult;
import dev.varsent.active.LabelEfficiency;
import dev.varsent.active.ReplayData;
import dev.varsent.active.Strategy;
import dev.varsent.data.ScaleData;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.nn.Readout;
import dev.varsent.retrain.RetrainSettings;
import dev.varsent.train.TrainingOptions;
import java.io.PrintStream;
import java.nio.file.Files;
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
    public static final String JSON_FILE = "active-learning.json";
    public static final String CHART_FILE = "active-learning.png";

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
            names = "--k",
            paramLabel = "K",
            defaultValue = "5",
            description = "MC dropout passes (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "2",
            description = "Epochs of each retrain (default: ${DEFAULT-VALUE}).")
    int epochs;

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

    @Option(
            names = "--embedding",
            paramLabel = "N",
            defaultValue = "32",
            description = "Embedding size (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(
            names = "--hidden",
            paramLabel = "N",
            defaultValue = "32",
            description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(
            names = "--vocab",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(
            names = "--segment",
            paramLabel = "TOKENS",
            defaultValue = "200",
            description = "Segment length (default: ${DEFAULT-VALUE}).")
    int segment;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "32",
            description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--lr",
            paramLabel = "RATE",
            defaultValue = "1e-3",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--p",
            paramLabel = "P",
            defaultValue = "0.25",
            description = "Drop probability of all four sites (default: ${DEFAULT-VALUE}).")
    double p;

    @Option(
            names = "--weight-decay",
            paramLabel = "WD",
            defaultValue = "1e-4",
            description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(
            names = "--readout",
            paramLabel = "READOUT",
            description = "last, mean or mean-max (default: the product's," + " mean-max).")
    Readout readout;

    @Option(
            names = "--head",
            paramLabel = "HEAD",
            defaultValue = "gaussian",
            description = "gaussian or heteroscedastic (default: ${DEFAULT-VALUE}).")
    Head head;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        ActiveLearningConfig config = config();
        PrintStream progress = System.err;
        Nd4jThreads.set(1);
        ReplayData replay = ReplayData.of(ScaleData.load(config.training().dataDir()), config);
        ActiveLearningResult result = new ActiveLearningExperiment(config, progress).run(replay);
        ObjectNode resultJson = result.toJson();
        Files.createDirectories(out);
        Files.writeString(
                out.resolve(JSON_FILE),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(resultJson)
                        + System.lineSeparator());
        result.writeChart(out.resolve(CHART_FILE));
        LabelEfficiency e = result.efficiency();
        progress.printf("random: %d labels -> RMSE %.4f%n", e.labelsRandom(), e.randomFinalRmse());
        for (Strategy s : config.strategies()) {
            if (s.needsScores()) {
                LabelEfficiency se = result.efficiency(s);
                progress.printf(
                        "%s reached it with %s labels (ratio %s, target <= %.1f)%n",
                        s.key(),
                        se.labelsUncertainty() == null
                                ? "no number of"
                                : se.labelsUncertainty().toString(),
                        se.ratio() == null ? "none" : String.format("%.3f", se.ratio()),
                        LabelEfficiency.TARGET_RATIO);
            }
        }
        progress.printf("wrote %s and %s%n", out.resolve(JSON_FILE), out.resolve(CHART_FILE));
        if (json) {
            System.out.println(resultJson);
        }
        return ExitCodes.OK;
    }

    ActiveLearningConfig config() {
        TrainingOptions training =
                new TrainingOptions(
                        scaleData.dir(),
                        Path.of("unused"),
                        "active-learning",
                        seed,
                        epochs,
                        batch,
                        lr,
                        5.0,
                        vocab,
                        segment,
                        embedding,
                        hidden,
                        CellType.LSTM,
                        DropoutMode.VARIATIONAL_UNTIED,
                        p,
                        p,
                        p,
                        p,
                        weightDecay,
                        readout != null ? readout : RetrainSettings.DEFAULT_READOUT,
                        head,
                        k,
                        1,
                        threads,
                        0);
        return new ActiveLearningConfig(
                training,
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
