package dev.varsent.bench;

import static dev.varsent.bench.BenchFigures.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.baseline.RidgeRegression;
import dev.varsent.baseline.ValidatedRidge;
import dev.varsent.data.LabelledJsonl;
import dev.varsent.data.LabelledReview;
import dev.varsent.data.PaperSplit;
import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import dev.varsent.text.Tokenizer;
import dev.varsent.train.RegressionMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The bag-of-words ridge baseline the model is judged against, on the scale data and on pos/neg
 * review sets from other sources. Features: binary presence of the most frequent training tokens
 * ({@link Tokenizer}), rows L2-normalised; lambda chosen on a validation split of the training side
 * ({@link ValidatedRidge}).
 *
 * <ul>
 *   <li>{@code paper_segments}: the paper's split ({@link PaperSplit}, 200-token segments, 80/20 by
 *       segment);
 *   <li>{@code paper_reviews}: the whole reviews on each side of that split (the test reviews are
 *       those a model's review-level figure on the paper's test split is measured on);
 *   <li>{@code reviews}: whole reviews, shuffled with {@code new Random(seed)}, 80/20 by review;
 *   <li>each labelled set: the score of the {@code paper_reviews} model (trained on the whole
 *       reviews the project's models train on), called positive above the training rating mean (as
 *       {@code evaluate} does). {@code auroc_margin_flags_errors} is the AUROC of the closeness to
 *       that threshold, {@code -|score - mean|}, for flagging the wrong calls.
 * </ul>
 *
 * The labelled sets take no part in fitting or in choosing lambda.
 */
public final class RidgeBaselineBench {
    public static final double[] DEFAULT_LAMBDAS = {0.3, 1, 3, 10};
    public static final int DEFAULT_VOCABULARY = 20_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAPER_REVIEWS = "paper_reviews";

    private final Path scaleDir;
    private final List<Path> labelSets;
    private final long seed;
    private final int vocabulary;
    private final int[] bigramSizes;
    private final double[] lambdas;
    private final Tokenizer tokenizer = new Tokenizer();
    private final RidgeRegression solver = new RidgeRegression();

    /** The baseline: words alone. */
    public RidgeBaselineBench(
            Path scaleDir, List<Path> labelSets, long seed, int vocabulary, double[] lambdas) {
        this(scaleDir, labelSets, seed, vocabulary, new int[] {0}, lambdas);
    }

    /**
     * @param bigramSizes bigram entries beside the words to choose among on validation, as the
     *     product's blend does ({@code {0}}: the baseline)
     */
    public RidgeBaselineBench(
            Path scaleDir,
            List<Path> labelSets,
            long seed,
            int vocabulary,
            int[] bigramSizes,
            double[] lambdas) {
        this.scaleDir = scaleDir;
        this.labelSets = List.copyOf(labelSets);
        this.seed = seed;
        this.vocabulary = vocabulary;
        this.bigramSizes = bigramSizes.clone();
        this.lambdas = lambdas.clone();
    }

    /**
     * One JSON line per measurement, all with {@code "metric":"ridge_baseline"}.
     *
     * @throws IllegalArgumentException if a labelled set holds rating records instead of pos/neg
     *     labels
     */
    public List<ObjectNode> run() {
        List<ObjectNode> out = new ArrayList<>();
        List<Review> reviews = ScaleData.load(scaleDir);
        PaperSplit.Split split = PaperSplit.split(reviews, tokenizer, seed);
        out.add(segments(split));
        Fitted paperReviewModel =
                wholeReviews(
                        PAPER_REVIEWS,
                        paperReviews(reviews, split, true),
                        paperReviews(reviews, split, false));
        out.add(paperReviewModel.report());
        List<Review> shuffled = new ArrayList<>(reviews);
        Collections.shuffle(shuffled, new Random(seed));
        int cut = (int) Math.floor(shuffled.size() * PaperSplit.TRAIN_FRACTION);
        out.add(
                wholeReviews(
                                "reviews",
                                shuffled.subList(0, cut),
                                shuffled.subList(cut, shuffled.size()))
                        .report());
        ValidatedRidge reviewModel = paperReviewModel.ridge();
        for (Path set : labelSets) {
            out.add(labelled(reviewModel, set));
        }
        return out;
    }

    private ObjectNode segments(PaperSplit.Split split) {
        long t0 = System.nanoTime();
        List<List<String>> train = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        double[] y = new double[split.train().size()];
        for (int i = 0; i < y.length; i++) {
            PaperSplit.Segment s = split.train().get(i);
            train.add(s.tokens());
            groups.add(s.reviewId());
            y[i] = s.rating();
        }
        List<List<String>> test = new ArrayList<>();
        double[] testY = new double[split.test().size()];
        for (int i = 0; i < testY.length; i++) {
            test.add(split.test().get(i).tokens());
            testY[i] = split.test().get(i).rating();
        }
        ValidatedRidge ridge =
                ValidatedRidge.fit(train, y, groups, vocabulary, bigramSizes, lambdas, solver);
        return regression("paper_segments", ridge, train.size(), ridge.predict(test), testY, t0);
    }

    private record Fitted(ValidatedRidge ridge, ObjectNode report) {}

    /**
     * The whole reviews of the paper's split: a test review has a segment among the test segments
     * (at most one review straddles the cut; it counts as test), a training review has segments
     * only among the training ones; both in the split's shuffled order.
     */
    private static List<Review> paperReviews(
            List<Review> reviews, PaperSplit.Split split, boolean train) {
        Set<String> testIds = new HashSet<>();
        split.test().forEach(s -> testIds.add(s.reviewId()));
        Map<String, Review> byId = new HashMap<>();
        reviews.forEach(r -> byId.put(r.id(), r));
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (PaperSplit.Segment s : train ? split.train() : split.test()) {
            if (train != testIds.contains(s.reviewId())) {
                ids.add(s.reviewId());
            }
        }
        return ids.stream().map(byId::get).toList();
    }

    private Fitted wholeReviews(String name, List<Review> trainReviews, List<Review> testReviews) {
        long t0 = System.nanoTime();
        List<List<String>> train = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        double[] y = new double[trainReviews.size()];
        for (int i = 0; i < y.length; i++) {
            train.add(tokenizer.tokenize(trainReviews.get(i).text()));
            ids.add(trainReviews.get(i).id());
            y[i] = trainReviews.get(i).rating();
        }
        List<List<String>> test = new ArrayList<>();
        double[] testY = new double[testReviews.size()];
        for (int i = 0; i < testY.length; i++) {
            test.add(tokenizer.tokenize(testReviews.get(i).text()));
            testY[i] = testReviews.get(i).rating();
        }
        ValidatedRidge ridge =
                ValidatedRidge.fit(train, y, ids, vocabulary, bigramSizes, lambdas, solver);
        return new Fitted(
                ridge, regression(name, ridge, train.size(), ridge.predict(test), testY, t0));
    }

    private ObjectNode regression(
            String split,
            ValidatedRidge ridge,
            int trainRows,
            double[] predicted,
            double[] y,
            long t0) {
        double[] meanPrediction = new double[y.length];
        Arrays.fill(meanPrediction, ridge.trainMean());
        ObjectNode o =
                JSON.createObjectNode()
                        .put("metric", "ridge_baseline")
                        .put("split", split)
                        .put("train", trainRows)
                        .put("validation", ridge.validationRows())
                        .put("test", y.length)
                        .put("vocabulary", ridge.words().size())
                        .put("bigrams", ridge.bigrams())
                        .put("lambda", ridge.lambda());
        ObjectNode validation = o.putObject("validation_rmse");
        ridge.validationRmse().forEach((c, rmse) -> validation.put(c.label(), round(rmse, 4)));
        return o.put("test_rmse", round(ValidatedRidge.rmse(predicted, y), 4))
                .put("mean_predictor_test_rmse", round(ValidatedRidge.rmse(meanPrediction, y), 4))
                .put("cg_iterations", ridge.model().iterations())
                .put("seconds", round((System.nanoTime() - t0) / 1e9, 4));
    }

    private ObjectNode labelled(ValidatedRidge ridge, Path file) {
        List<LabelledReview> records = LabelledJsonl.read(file);
        List<List<String>> texts = new ArrayList<>();
        boolean[] positive = new boolean[records.size()];
        for (int i = 0; i < positive.length; i++) {
            LabelledReview r = records.get(i);
            if (!r.isClassification()) {
                throw new IllegalArgumentException(
                        file
                                + ": the baseline takes pos/neg records, got a rating at record "
                                + (i + 1));
            }
            texts.add(tokenizer.tokenize(r.text()));
            positive[i] = r.label() == LabelledReview.POSITIVE;
        }
        double[] score = ridge.predict(texts);
        double threshold = ridge.trainMean();
        boolean[] wrong = new boolean[score.length];
        double[] closeness = new double[score.length];
        int correct = 0;
        for (int i = 0; i < score.length; i++) {
            wrong[i] = (score[i] > threshold) != positive[i];
            correct += wrong[i] ? 0 : 1;
            closeness[i] = -Math.abs(score[i] - threshold);
        }
        return JSON.createObjectNode()
                .put("metric", "ridge_baseline")
                .put("data", file.toString())
                .put("model", PAPER_REVIEWS)
                .put("examples", score.length)
                .put("threshold", round(threshold, 4))
                .put("auroc_score", round(RegressionMetrics.auroc(score, positive), 4))
                .put("accuracy", round((double) correct / Math.max(1, score.length), 4))
                .put(
                        "auroc_margin_flags_errors",
                        round(RegressionMetrics.auroc(closeness, wrong), 4));
    }
}
