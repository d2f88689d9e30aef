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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code active-learning}: replays labelling rounds on the scale data and compares routing the most uncertain
 * reviews to the oracle (by epistemic or by total uncertainty) against routing random ones (issue 4's benchmark,
 * rerun for issue 8).
 */
public final class ActiveLearningCommand implements Command {
    public static final String JSON_FILE = "active-learning.json";
    public static final String CHART_FILE = "active-learning.png";
    static final Set<String> VALUED = Set.of("--data", "--out", "--seed", "--pool", "--eval-limit", "--seed-fraction",
            "--budget", "--rounds", "--max-per-review", "--k", "--epochs", "--start", "--evaluate", "--embedding", "--hidden", "--vocab",
            "--segment", "--batch", "--lr", "--p", "--weight-decay", "--threads",
            "--strategies", "--readout", "--head");

    @Override
    public String name() {
        return "active-learning";
    }

    @Override
    public String summary() {
        return "active-learning benchmark on the scale data: epistemic and total uncertainty routing against random"
                + " labels"
                + " (--json for one JSON object)";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        return run(argv, System.out, System.err);
    }

    /** Runs with the JSON (and help) on {@code out} and progress on {@code progress}. */
    static int run(List<String> argv, PrintStream out, PrintStream progress) throws Exception {
        CommandLine a = CommandLine.parse(argv, VALUED, Set.of("--json"));
        if (a.help()) {
            out.println("""
                    usage: active-learning [--json] [--out DIR] [--data DIR] [--seed 1]
                                 [--pool 0] [--eval-limit 1000] [--seed-fraction 0.1] [--budget 500] [--rounds 6]
                                 [--strategies random,epistemic,total]
                                 [--max-per-review 0] [--k 5] [--epochs 2] [--start warm|scratch]
                                 [--evaluate test|validation]
                                 [--embedding 32] [--hidden 32] [--vocab 2000] [--segment 200] [--batch 32]
                                 [--lr 1e-3] [--p 0.25] [--weight-decay 1e-4] [--readout last|mean|mean-max]
                                 [--head gaussian|heteroscedastic] [--threads 1]
                    The paper's split (seeded) gives the pool (training segments, --pool of them, 0 = all) and the test
                    segments (--eval-limit of them). Every strategy starts from the same seed set; each round
                    labels --budget pool segments: random ones, or the ones with the largest epistemic uncertainty
                    (MC-dropout std) or total uncertainty (epistemic and aleatoric; with the gaussian head the
                    aleatoric part is one constant, so total ranks as epistemic does), at most --max-per-review of
                    one review when it is above 0. --strategies lists them (random is required; the first
                    uncertainty strategy gives labels_uncertainty and ratio). The default readout is the
                    product's (mean-max); it then retrains with
                    --epochs epochs and evaluates the RMSE of the MC mean (K = --k). --evaluate validation
                    evaluates on segments cut from the training part instead, for choosing settings. The defaults
                    (a small, strongly regularised net, warm start) were chosen on that validation split and take
                    about 15-25 minutes on two shared cores.
                    Writes active-learning.json and active-learning.png into --out; progress goes to stderr.""");
            return 0;
        }
        ActiveLearningConfig config = config(a);
        Path dir = Path.of(a.value("--out", "active-learning"));
        Nd4jThreads.set(1);
        ReplayData data = ReplayData.of(ScaleData.load(config.training().dataDir()), config);
        ActiveLearningResult result = new ActiveLearningExperiment(config, progress).run(data);
        ObjectNode json = result.toJson();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON_FILE), new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(json) + System.lineSeparator());
        result.writeChart(dir.resolve(CHART_FILE));
        LabelEfficiency e = result.efficiency();
        progress.printf("random: %d labels -> RMSE %.4f%n", e.labelsRandom(), e.randomFinalRmse());
        for (Strategy s : config.strategies()) {
            if (s.needsScores()) {
                LabelEfficiency se = result.efficiency(s);
                progress.printf("%s reached it with %s labels (ratio %s, target <= %.1f)%n", s.key(),
                        se.labelsUncertainty() == null ? "no number of" : se.labelsUncertainty().toString(),
                        se.ratio() == null ? "none" : String.format("%.3f", se.ratio()), LabelEfficiency.TARGET_RATIO);
            }
        }
        progress.printf("wrote %s and %s%n", dir.resolve(JSON_FILE), dir.resolve(CHART_FILE));
        if (a.flag("--json")) {
            out.println(json);
        }
        return 0;
    }

    static ActiveLearningConfig config(CommandLine a) throws UsageException {
        Path dataDir = a.value("--data", null) == null ? ScaleData.defaultDir() : Path.of(a.value("--data", null));
        String start = a.value("--start", "warm");
        if (!start.equals("warm") && !start.equals("scratch")) {
            throw new UsageException("--start takes warm or scratch, got '" + start + "'");
        }
        String evaluate = a.value("--evaluate", "test");
        if (!evaluate.equals("test") && !evaluate.equals("validation")) {
            throw new UsageException("--evaluate takes test or validation, got '" + evaluate + "'");
        }
        double p = a.doubleValue("--p", 0.25);
        TrainingOptions training = new TrainingOptions(dataDir, Path.of("unused"), "active-learning",
                a.longValue("--seed", 1),
                a.intValue("--epochs", 2),
                a.intValue("--batch", 32),
                a.doubleValue("--lr", 1e-3),
                5.0,
                a.intValue("--vocab", 2000),
                a.intValue("--segment", 200),
                a.intValue("--embedding", 32),
                a.intValue("--hidden", 32),
                CellType.LSTM,
                DropoutMode.VARIATIONAL_UNTIED,
                p, p, p, p,
                a.doubleValue("--weight-decay", 1e-4),
                enumValue(a, "--readout", Readout.class, RetrainSettings.DEFAULT_READOUT),
                enumValue(a, "--head", Head.class, Head.GAUSSIAN),
                a.intValue("--k", 5),
                1,
                a.intValue("--threads", 1),
                0);
        return new ActiveLearningConfig(training, a.intValue("--pool", 0), a.intValue("--eval-limit", 1000),
                a.doubleValue("--seed-fraction", 0.1), a.intValue("--budget", 500), a.intValue("--rounds", 6),
                start.equals("warm"), a.intValue("--max-per-review", 0), evaluate.equals("validation"),
                strategies(a.value("--strategies", "random,epistemic,total")));
    }

    private static List<Strategy> strategies(String list) throws UsageException {
        List<Strategy> out = new ArrayList<>();
        try {
            for (String key : list.split(",")) {
                out.add(Strategy.of(key));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--strategies: " + e.getMessage());
        }
        return out;
    }

    private static <E extends Enum<E>> E enumValue(CommandLine a, String flag, Class<E> type, E fallback)
            throws UsageException {
        String v = a.value(flag, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " takes " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList() + ", got '" + v + "'");
        }
    }
}
