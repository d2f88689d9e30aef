package dev.varsent.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.data.LabelledReview;
import dev.varsent.data.PaperSplit;
import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import dev.varsent.model.McPredictor;
import dev.varsent.model.ScoringOptions;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.text.Tokenizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores labelled reviews with a model and reports error and uncertainty quality. Reviews are
 * scored whole, through the same review-level {@code predict(texts, k)} as the streaming job; on
 * the scale data the test segments of the paper's split are also scored one by one for the paper's
 * segment-level RMSE.
 */
public final class Evaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Labelled reviews to evaluate, with ratings or pos/neg labels ({@code ratings} NaN then).
     *
     * @param paperSegments the paper split's test segments when the reviews are the scale test set,
     *     else null
     */
    public record Examples(
            String description,
            List<String> ids,
            List<String> texts,
            double[] ratings,
            int[] labels,
            PaperSegments paperSegments) {
        public boolean classification() {
            return labels != null;
        }
    }

    /** The paper split's test segments, encoded, with their reviews' ratings. */
    public record PaperSegments(List<int[]> sequences, double[] ratings) {}

    /**
     * What {@code evaluate} found.
     *
     * @param metrics figures by name (NaN where a signal is missing or a figure undefined)
     * @param notes what the figures are computed on
     * @param reliability observed against nominal coverage, null for a classification head
     */
    public record Report(
            Map<String, Double> metrics,
            Map<String, String> notes,
            ReliabilityDiagram reliability) {}

    private Evaluation() {}

    /**
     * The test side of the paper's split of the scale data, with the model's seed, tokenizer and
     * segment length: its segments, and the review-level test set, the reviews all of whose
     * segments are on the test side (all but at most the one review that straddles the 80 % cut),
     * each scored as a whole review.
     */
    public static Examples scaleTestSet(SentimentModel model, Path dataDir) {
        List<Review> reviews = ScaleData.load(dataDir);
        PaperSplit.Split split =
                PaperSplit.split(
                        reviews,
                        new Tokenizer(model.tokenizer()),
                        model.provenance().seed(),
                        model.maxLength() - 1);
        var encoder = model.encoder();
        List<int[]> seqs = new ArrayList<>();
        double[] segmentRatings = new double[split.test().size()];
        Set<String> testIds = new HashSet<>();
        for (int i = 0; i < segmentRatings.length; i++) {
            PaperSplit.Segment s = split.test().get(i);
            seqs.add(encoder.encodeTokens(s.tokens()));
            segmentRatings[i] = s.rating();
            testIds.add(s.reviewId());
        }
        for (PaperSplit.Segment s : split.train()) {
            testIds.remove(s.reviewId());
        }
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Double> ratings = new ArrayList<>();
        for (Review r : reviews) {
            if (testIds.contains(r.id())) {
                ids.add(r.id());
                texts.add(r.text());
                ratings.add(r.rating());
            }
        }
        return new Examples(
                dataDir
                        + " (paper split, test side: "
                        + segmentRatings.length
                        + " segments, "
                        + ids.size()
                        + " whole reviews)",
                ids,
                texts,
                ratings.stream().mapToDouble(Double::doubleValue).toArray(),
                null,
                new PaperSegments(seqs, segmentRatings));
    }

    public static Examples fromJsonl(String description, List<LabelledReview> records) {
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        boolean cls = !records.isEmpty() && records.get(0).isClassification();
        double[] y = new double[records.size()];
        int[] labels = cls ? new int[records.size()] : null;
        for (int i = 0; i < records.size(); i++) {
            LabelledReview r = records.get(i);
            ids.add(r.id());
            texts.add(r.text());
            y[i] = r.rating();
            if (cls) {
                labels[i] = r.label();
            }
        }
        return new Examples(description, ids, texts, y, labels, null);
    }

    /**
     * Metrics with the dropout approximation and with MC dropout (K samples); writes one JSON line
     * per review with its MC prediction when {@code predictionsOut} is set.
     */
    public static Report evaluate(
            SentimentModel model, Examples ex, int k, long seed, int threads, Path predictionsOut)
            throws IOException {
        return evaluate(model, ex, k, seed, threads, ScoringOptions.defaults(), predictionsOut);
    }

    /**
     * As {@link #evaluate(SentimentModel, Examples, int, long, int, Path)}, scoring with {@code
     * options}: its segment cap, and its decision threshold both for the wrong-side probability and
     * for the pos/neg calls.
     */
    public static Report evaluate(
            SentimentModel model,
            Examples ex,
            int k,
            long seed,
            int threads,
            ScoringOptions options,
            Path predictionsOut)
            throws IOException {
        if (ex.texts().isEmpty()) {
            throw new IllegalArgumentException("no reviews to evaluate in " + ex.description());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        IntervalRule rule = intervalRule(model);
        double threshold =
                Double.isNaN(options.threshold()) ? model.targetMean() : options.threshold();
        notes.put("data", ex.description());
        notes.put("intervals", rule.description());
        notes.put(
                "decision_threshold",
                threshold
                        + (Double.isNaN(options.threshold())
                                ? " (the model's training rating mean)"
                                : " (given)"));
        ReliabilityDiagram reliability = null;
        try (McPredictor predictor = model.predictor(seed, threads, options)) {
            out.put("max_segments", (double) predictor.segmentCap());
            if (ex.paperSegments() != null) {
                PaperSegments seg = ex.paperSegments();
                out.put("segments", (double) seg.sequences().size());
                out.put(
                        "rmse_approx",
                        RegressionMetrics.rmse(
                                predictor.predictEncoded(seg.sequences(), 1), seg.ratings()));
                List<Prediction> segmentMc = predictor.predictEncoded(seg.sequences(), k);
                out.put("rmse_mc", RegressionMetrics.rmse(segmentMc, seg.ratings()));
                if (model.net().regression()) {
                    for (double level : EvaluationMetrics.LEVELS) {
                        out.put(
                                "segment_" + EvaluationMetrics.coverageKey(level),
                                UncertaintyMetrics.coverage(segmentMc, seg.ratings(), rule, level));
                    }
                }
                notes.put(
                        "segment_figures",
                        "rmse_approx, rmse_mc, segment_coverage_*: the paper's test segments,"
                                + " one by one"
                                + (model.blended()
                                        ? " (the network alone, without the bundle's bag-of-words blend)"
                                        : ""));
                notes.put("review_figures", "every other figure: the test reviews, scored whole");
            }
            Predictor served = model.serving(predictor, options);
            List<Prediction> approx = served.predict(ex.texts(), 1);
            List<Prediction> mc = served.predict(ex.texts(), k);
            out.put("examples", (double) ex.texts().size());
            out.put("k", (double) k);
            out.put(
                    "truncated_reviews",
                    (double) mc.stream().filter(Prediction::truncated).count());
            out.put(
                    "mean_segments",
                    mc.stream().mapToInt(Prediction::segments).average().orElse(Double.NaN));
            boolean regressionHead = model.net().regression();
            if (ex.classification()) {
                boolean[] pos = new boolean[ex.labels().length];
                for (int i = 0; i < pos.length; i++) {
                    pos[i] = ex.labels()[i] == LabelledReview.POSITIVE;
                }
                out.put(
                        "accuracy_approx",
                        1
                                - UncertaintyMetrics.shareTrue(
                                        UncertaintyMetrics.differ(
                                                UncertaintyMetrics.calls(approx, threshold), pos)));
                out.put("auroc_score_mc", RegressionMetrics.auroc(scores(mc), pos));
                out.putAll(EvaluationMetrics.labels(mc, pos, threshold, rule));
                if (regressionHead) {
                    reliability =
                            ReliabilityDiagram.ofLabels(ex.description(), mc, pos, threshold, rule);
                }
            } else {
                String prefix = ex.paperSegments() != null ? "review_" : "";
                out.put(prefix + "rmse_approx", RegressionMetrics.rmse(approx, ex.ratings()));
                out.put(prefix + "rmse_mc", RegressionMetrics.rmse(mc, ex.ratings()));
                out.putAll(EvaluationMetrics.ratings(mc, ex.ratings(), threshold, rule));
                if (regressionHead) {
                    reliability =
                            ReliabilityDiagram.ofRatings(ex.description(), mc, ex.ratings(), rule);
                }
            }
            if (predictionsOut != null) {
                writePredictions(predictionsOut, ex, mc, model.version());
            }
        }
        return new Report(out, notes, reliability);
    }

    /**
     * The model's calibrated intervals when its bundle has a calibration, else mean +- z * total
     * std.
     */
    static IntervalRule intervalRule(SentimentModel model) {
        return model.calibrated()
                ? IntervalRule.conformal(model.calibration())
                : IntervalRule.gaussianTotalStd();
    }

    private static double[] scores(List<Prediction> p) {
        double[] v = new double[p.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = p.get(i).score();
        }
        return v;
    }

    private static void writePredictions(
            Path file, Examples ex, List<Prediction> mc, String version) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < mc.size(); i++) {
                w.write(
                        JSON.writeValueAsString(
                                predictionJson(ex.ids().get(i), mc.get(i), version)));
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
        if (p.isClassification()) {
            var probs = o.putArray("probabilities");
            for (double q : p.probabilities()) {
                probs.add(q);
            }
            o.put("entropy", p.entropy());
            o.put("bald", p.mutualInformation());
            o.put("variation_ratio", p.variationRatio());
        } else {
            putFinite(o, "epistemic_std", p.epistemicStd());
            putFinite(o, "aleatoric_std", p.aleatoricStd());
            putFinite(o, "total_std", p.totalStd());
            putFinite(o, "calibrated_std", p.calibratedStd());
            putFinite(o, "segment_std", p.segmentStd());
            putFinite(o, "lower", p.lower());
            putFinite(o, "upper", p.upper());
            putFinite(o, "interval_level", p.intervalLevel());
            putFinite(o, "wrong_side_probability", p.wrongSideProbability());
        }
        putFinite(o, "novelty", p.novelty());
        o.put("segments", p.segments());
        o.put("truncated", p.truncated());
        o.put("k", p.samples());
        o.put("model_version", version);
        return o;
    }

    private static void putFinite(ObjectNode o, String field, double value) {
        if (Double.isFinite(value)) {
            o.put(field, value);
        }
    }
}
