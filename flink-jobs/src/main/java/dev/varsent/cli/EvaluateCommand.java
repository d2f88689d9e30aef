package dev.varsent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.data.LabelledJsonl;
import dev.varsent.data.ScaleData;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.train.Evaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code evaluate}: error and uncertainty quality of a model bundle on the scale data or the user's JSON lines. */
public final class EvaluateCommand implements Command {
    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "RMSE (dropout approximation and MC), calibration and uncertainty AUROC of a model";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        CommandLine a = CommandLine.parse(argv, Set.of("--model", "--data", "--scale-data", "--k", "--predictions",
                "--seed", "--threads"), Set.of("--json"));
        if (a.help()) {
            System.out.println("""
                    usage: evaluate --model FILE [--data FILE.jsonl | --scale-data DIR] [--k 10]
                                    [--predictions OUT.jsonl] [--seed 1] [--threads 2] [--json]
                    Without --data: the test segments of the paper's split of the scale data (default
                    ../shared/data/scaledata). --data reads {"id","text","rating"} (rating in [0,1]) or
                    {"id","text","label"} (label pos/neg) records, one per line.""");
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
        String source;
        if (a.value("--data", null) != null) {
            source = a.value("--data", null);
            ex = Evaluation.fromJsonl(model, LabelledJsonl.read(Path.of(source)));
        } else {
            Path dir = a.value("--scale-data", null) == null ? ScaleData.defaultDir() : Path.of(a.value("--scale-data", null));
            source = dir + " (paper split, test segments)";
            ex = Evaluation.scaleTestSet(model, dir);
        }
        String preds = a.value("--predictions", null);
        Map<String, Double> m = Evaluation.evaluate(model, ex, a.intValue("--k", 10), a.longValue("--seed", 1), threads,
                preds == null ? null : Path.of(preds));
        if (a.flag("--json")) {
            var o = new ObjectMapper().createObjectNode().put("metric", "evaluate").put("model_version", model.version())
                    .put("data", source);
            m.forEach(o::put);
            System.out.println(o);
        } else {
            System.out.println("model " + model.version() + " on " + source);
            m.forEach((k, v) -> System.out.printf("  %-32s %.4f%n", k, v));
            if (preds != null) {
                System.out.println("  predictions -> " + preds);
            }
        }
        return 0;
    }
}
