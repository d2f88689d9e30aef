package dev.varsent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.data.LabelledJsonl;
import dev.varsent.data.ScaleData;
import dev.varsent.model.ScoringOptions;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.scoring.ScoringSettings;
import dev.varsent.train.Evaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code evaluate}: error and uncertainty quality of a model bundle on the scale data or the user's JSON lines. */
public final class EvaluateCommand implements Command {
    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "RMSE, interval coverage, uncertainty AUROCs and decision risk of a model, with a reliability diagram";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        CommandLine a = CommandLine.parse(argv, Set.of("--model", "--data", "--scale-data", "--k", "--predictions",
                "--seed", "--threads", "--reliability", "--decision-threshold", "--max-segments"), Set.of("--json"));
        if (a.help()) {
            System.out.println("""
                    usage: evaluate --model FILE [--data FILE.jsonl | --scale-data DIR] [--k 10]
                                    [--predictions OUT.jsonl] [--reliability OUT.png] [--decision-threshold R]
                                    [--max-segments N] [--seed 1] [--threads 2] [--json]
                    Without --data: the test side of the paper's split of the scale data (default
                    ../shared/data/scaledata): rmse_* on its segments one by one (the paper's figure), review_rmse_*
                    and every other figure on its whole reviews (those with all segments on the test side).
                    --data reads {"id","text","rating"} (rating in [0,1]) or {"id","text","label"} (label pos/neg)
                    records, one per line, each scored as a whole review. --reliability writes a PNG of observed
                    against nominal interval coverage. --decision-threshold: the rating above which a review is
                    called positive (default the model's training rating mean); --max-segments: segments scored
                    per review (default the streaming job's scoring.max-segments default, 11; a longer review is
                    scored on its first and last).""");
            return 0;
        }
        String modelPath = a.value("--model", null);
        if (modelPath == null) {
            throw new UsageException("--model FILE is required");
        }
        int threads = a.intValue("--threads", 2);
        Nd4jThreads.set(1);
        SentimentModel model = SentimentModel.load(Path.of(modelPath));
        Evaluation.Examples ex;
        if (a.value("--data", null) != null) {
            String source = a.value("--data", null);
            ex = Evaluation.fromJsonl(source, LabelledJsonl.read(Path.of(source)));
        } else {
            Path dir = a.value("--scale-data", null) == null ? ScaleData.defaultDir() : Path.of(a.value("--scale-data", null));
            ex = Evaluation.scaleTestSet(model, dir);
        }
        String preds = a.value("--predictions", null);
        String reliability = a.value("--reliability", null);
        ScoringOptions options;
        try {
            options = ScoringOptions.defaults()
                    .withMaxSegments(a.intValue("--max-segments", ScoringSettings.DEFAULTS.maxSegments()))
                    .withThreshold(a.doubleValue("--decision-threshold", Double.NaN));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Evaluation.Report report = Evaluation.evaluate(model, ex, a.intValue("--k", 10), a.longValue("--seed", 1),
                threads, options, preds == null ? null : Path.of(preds));
        if (reliability != null) {
            if (report.reliability() == null) {
                throw new UsageException("--reliability needs a regression model; " + model.version()
                        + " has a classification head");
            }
            report.reliability().writePng(Path.of(reliability));
        }
        if (a.flag("--json")) {
            var o = new ObjectMapper().createObjectNode().put("metric", "evaluate").put("model_version", model.version());
            report.notes().forEach(o::put);
            // JSON has no NaN: a figure the model cannot give (a signal it lacks) is left out.
            report.metrics().forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    o.put(k, v);
                }
            });
            System.out.println(o);
        } else {
            System.out.println("model " + model.version());
            report.notes().forEach((k, v) -> System.out.printf("  %-32s %s%n", k, v));
            report.metrics().forEach((k, v) -> System.out.printf("  %-32s %.4f%n", k, v));
            if (preds != null) {
                System.out.println("  predictions -> " + preds);
            }
            if (reliability != null) {
                System.out.println("  reliability diagram -> " + reliability);
            }
        }
        return 0;
    }
}
