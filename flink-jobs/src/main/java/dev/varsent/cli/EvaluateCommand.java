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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: error and uncertainty quality of a model bundle on the scale data or the user's
 * JSON lines.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "RMSE, interval coverage, uncertainty AUROCs and decision risk of a model, with a reliability"
                    + " diagram.",
            "Without --data: the test side of the paper's split of the scale data: rmse_* on its segments one by one"
                    + " (the paper's figure), review_rmse_* and every other figure on its whole reviews (those with"
                    + " all segments on the test side). --data reads {\"id\",\"text\",\"rating\"} (rating in [0,1])"
                    + " or {\"id\",\"text\",\"label\"} (label pos/neg) records, one per line, each scored as a whole"
                    + " review."
        })
public final class EvaluateCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            paramLabel = "FILE",
            required = true,
            description = "The model bundle.")
    Path model;

    @Option(
            names = "--data",
            paramLabel = "FILE.jsonl",
            description =
                    "Labelled JSON lines to evaluate on instead"
                            + " of the scale data's test side.")
    Path data;

    @Option(
            names = "--scale-data",
            paramLabel = "DIR",
            description = "The scale data (default: as for train, see" + " varsent doctor).")
    Path scaleData;

    @Mixin McPassesOption passes;

    @Option(
            names = "--predictions",
            paramLabel = "OUT.jsonl",
            description = "Write one JSON line per review.")
    Path predictions;

    @Option(
            names = "--reliability",
            paramLabel = "OUT.png",
            description = "Draw observed against nominal interval coverage (regression models).")
    Path reliability;

    @Option(
            names = "--decision-threshold",
            paramLabel = "R",
            description =
                    "The rating above which a review is"
                            + " called positive (default: the model's training rating mean).")
    Double decisionThreshold;

    @Option(
            names = "--max-segments",
            paramLabel = "N",
            description =
                    "Segments scored per review; a longer review is"
                            + " scored on its first and last (default: the streaming job's scoring.max-segments default).")
    Integer maxSegments;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of the dropout masks" + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "2",
            description = "Scoring threads (default:" + " ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (data != null && scaleData != null) {
            throw new UsageException("--data and --scale-data exclude each other");
        }
        Nd4jThreads.set(1);
        SentimentModel loaded = SentimentModel.load(model);
        Evaluation.Examples ex =
                data != null
                        ? Evaluation.fromJsonl(data.toString(), LabelledJsonl.read(data))
                        : Evaluation.scaleTestSet(
                                loaded, scaleData != null ? scaleData : ScaleData.defaultDir());
        ScoringOptions options =
                ScoringOptions.defaults()
                        .withMaxSegments(
                                maxSegments != null
                                        ? maxSegments
                                        : ScoringSettings.DEFAULTS.maxSegments())
                        .withThreshold(decisionThreshold != null ? decisionThreshold : Double.NaN);
        Evaluation.Report report =
                Evaluation.evaluate(loaded, ex, passes.k, seed, threads, options, predictions);
        if (reliability != null) {
            if (report.reliability() == null) {
                throw new UsageException(
                        "--reliability needs a regression model; "
                                + loaded.version()
                                + " has a classification head");
            }
            report.reliability().writePng(reliability);
        }
        if (json) {
            var o =
                    new ObjectMapper()
                            .createObjectNode()
                            .put("metric", "evaluate")
                            .put("model_version", loaded.version());
            report.notes().forEach(o::put);
            // JSON has no NaN: a figure the model cannot give (a signal it lacks) is left out.
            report.metrics()
                    .forEach(
                            (key, v) -> {
                                if (Double.isFinite(v)) {
                                    o.put(key, v);
                                }
                            });
            System.out.println(o);
        } else {
            System.out.println("model " + loaded.version());
            report.notes().forEach((key, v) -> System.out.printf("  %-32s %s%n", key, v));
            report.metrics().forEach((key, v) -> System.out.printf("  %-32s %.4f%n", key, v));
            if (predictions != null) {
                System.out.println("  predictions -> " + predictions);
            }
            if (reliability != null) {
                System.out.println("  reliability diagram -> " + reliability);
            }
        }
        return ExitCodes.OK;
    }
}
