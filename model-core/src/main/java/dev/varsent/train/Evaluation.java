package dev.varsent.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.data.LabelledReview;
import dev.varsent.data.PaperSplit;
import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Prediction;
import dev.varsent.text.Tokenizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores labelled reviews with a model and reports error and uncertainty quality. */
public final class Evaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Labelled examples to evaluate: ids and texts or encoded sequences, with ratings or pos/neg labels. */
    public record Examples(List<String> ids, List<int[]> sequences, double[] ratings, int[] labels) {
        public boolean classification() {
            return labels != null;
        }
    }

    private Evaluation() {
    }

    /** The test segments of the paper's split of the scale data, with the model's seed and vocabulary. */
    public static Examples scaleTestSet(SentimentModel model, Path dataDir) {
        List<Review> reviews = ScaleData.load(dataDir);
        PaperSplit.Split split = PaperSplit.split(reviews, new Tokenizer(model.tokenizer()), model.provenance().seed(),
                model.maxLength() - 1);
        var encoder = model.encoder();
        List<String> ids = new ArrayList<>();
        List<int[]> seqs = new ArrayList<>();
        double[] y = new double[split.test().size()];
        for (int i = 0; i < y.length; i++) {
            PaperSplit.Segment s = split.test().get(i);
            ids.add(s.reviewId() + "#" + s.index());
            seqs.add(encoder.encodeTokens(s.tokens()));
            y[i] = s.rating();
        }
        return new Examples(ids, seqs, y, null);
    }

    public static Examples fromJsonl(SentimentModel model, List<LabelledReview> records) {
        var encoder = model.encoder();
        List<String> ids = new ArrayList<>();
        List<int[]> seqs = new ArrayList<>();
        boolean cls = !records.isEmpty() && records.get(0).isClassification();
        double[] y = new double[records.size()];
        int[] labels = cls ? new int[records.size()] : null;
        for (int i = 0; i < records.size(); i++) {
            LabelledReview r = records.get(i);
            ids.add(r.id());
            seqs.add(encoder.encode(r.text()));
            y[i] = r.rating();
            if (cls) {
                labels[i] = r.label();
            }
        }
        return new Examples(ids, seqs, y, labels);
    }

    /**
     * Metrics with the dropout approximation and with MC dropout (K samples); writes one JSON line per
     * example with the MC prediction when {@code predictionsOut} is set.
     */
    public static Map<String, Double> evaluate(SentimentModel model, Examples ex, int k, long seed, int threads,
                                               Path predictionsOut) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        try (McPredictor predictor = model.predictor(seed, threads)) {
            List<Prediction> approx = predictor.predictEncoded(ex.sequences(), 1);
            List<Prediction> mc = predictor.predictEncoded(ex.sequences(), k);
            out.put("examples", (double) ex.sequences().size());
            if (ex.classification()) {
                boolean[] pos = new boolean[ex.labels().length];
                for (int i = 0; i < pos.length; i++) {
                    pos[i] = ex.labels()[i] == 1;
                }
                out.put("accuracy_approx", accuracy(approx, ex.labels(), model.targetMean()));
                out.put("accuracy_mc", accuracy(mc, ex.labels(), model.targetMean()));
                out.put("auroc_score_mc", RegressionMetrics.auroc(scores(mc), pos));
                boolean[] wrong = new boolean[pos.length];
                for (int i = 0; i < pos.length; i++) {
                    wrong[i] = predictedPositive(mc.get(i), model.targetMean()) != pos[i];
                }
                out.put("auroc_uncertainty_flags_errors", RegressionMetrics.auroc(uncertainties(mc), wrong));
            } else {
                out.put("rmse_approx", RegressionMetrics.rmse(approx, ex.ratings()));
                out.put("rmse_mc", RegressionMetrics.rmse(mc, ex.ratings()));
                out.put("coverage_95", RegressionMetrics.coverage95(mc, ex.ratings(), true));
                out.put("coverage_95_mc_std_only", RegressionMetrics.coverage95(mc, ex.ratings(), false));
                out.put("auroc_uncertainty_worst_20pct", RegressionMetrics.errorDetectionAuroc(mc, ex.ratings()));
                out.put("mean_mc_std", mean(uncertainties(mc)));
            }
            out.put("k", (double) k);
            if (predictionsOut != null) {
                writePredictions(predictionsOut, ex, mc, model.version());
            }
        }
        return out;
    }

    /**
     * A regression model calls a review positive when its predicted rating is above the training mean;
     * a classification model when P(pos) > 0.5.
     */
    private static boolean predictedPositive(Prediction p, double ratingMean) {
        return p.isClassification() ? p.score() > 0.5 : p.score() > ratingMean;
    }

    private static double accuracy(List<Prediction> p, int[] labels, double ratingMean) {
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predictedPositive(p.get(i), ratingMean) == (labels[i] == 1)) {
                ok++;
            }
        }
        return (double) ok / labels.length;
    }

    private static double[] scores(List<Prediction> p) {
        double[] v = new double[p.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = p.get(i).score();
        }
        return v;
    }

    private static double[] uncertainties(List<Prediction> p) {
        double[] v = new double[p.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = p.get(i).uncertainty();
        }
        return v;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x / v.length;
        }
        return s;
    }

    private static void writePredictions(Path file, Examples ex, List<Prediction> mc, String version) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < mc.size(); i++) {
                w.write(JSON.writeValueAsString(predictionJson(ex.ids().get(i), mc.get(i), version)));
                w.newLine();
            }
        }
    }

    /** One line of {@code evaluate --predictions}: the MC prediction of one labelled review. */
    public static ObjectNode predictionJson(String id, Prediction p, String version) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("score", p.score());
        o.put("std", p.std());
        if (!Double.isNaN(p.aleatoricStd())) {
            o.put("aleatoric_std", p.aleatoricStd());
        }
        if (p.isClassification()) {
            var probs = o.putArray("probabilities");
            for (double q : p.probabilities()) {
                probs.add(q);
            }
            o.put("entropy", p.entropy());
            o.put("bald", p.mutualInformation());
            o.put("variation_ratio", p.variationRatio());
        }
        o.put("k", p.samples());
        o.put("model_version", version);
        return o;
    }
}
