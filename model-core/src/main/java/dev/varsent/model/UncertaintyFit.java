package dev.varsent.model;

import dev.varsent.bundle.Provenance;
import dev.varsent.predict.Prediction;
import dev.varsent.text.Tokenizer;
import dev.varsent.uncertainty.ConformalCalibration;
import dev.varsent.uncertainty.DecisionRisk;
import dev.varsent.uncertainty.ErrorScale;
import dev.varsent.uncertainty.OovNovelty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one place a trained model gets its calibration and off-domain signal; every training entry
 * point calls it on a calibration split of the training side (see {@code data.CalibrationSplit}),
 * never on test. Hold the split out of everything the model was fitted on, the vocabulary included:
 * reviews whose words built the vocabulary have fewer unknown words than new in-domain reviews
 * (median OOV share 0.017 against 0.022 on the scale data), and would make ordinary new reviews
 * look novel.
 *
 * <ol>
 *   <li>Novelty: the OOV share of each calibration example (all its tokens) gives the in-domain
 *       reference distribution ({@link OovNovelty}).
 *   <li>Calibration (regression heads), on what is served ({@link ConformityExamples}): the
 *       examples of one review joined into the whole review and scored as the streaming job scores
 *       a review (same segmenting, same mixture, {@code k} MC samples), and each segment of a
 *       review of several scored alone, as a stream of single segments is scored. On these
 *       conformity examples an {@link ErrorScale} of |y - score| is fitted, and split-conformal
 *       tables of |y - score| / sqrt(errorScale^2 + (max(0, novelty - 2) * s0)^2), s0 the median
 *       error scale, one per band of segment counts ({@link ConformalCalibration}), so that the
 *       coverage holds for whole reviews and single segments alike. Use the K the model will be
 *       served with: the MC std shrinks a little with K. A classification head gets the novelty
 *       model only.
 * </ol>
 *
 * The error scale is fitted on the same conformity examples as the quantiles: three coefficients on
 * some thousand examples, so the guarantee is approximate (the validation in {@code
 * docs/results/calibration.md} measures it). Any calibration the model had is replaced.
 */
public final class UncertaintyFit {
    private UncertaintyFit() {}

    /**
     * Calibrates {@code model} on these reviews, the texts standing for their ids in the provenance
     * hash.
     *
     * @param calibrationRatings ratings in [0,1], one per text; may be null for a classification
     *     head
     */
    public static SentimentModel fit(
            SentimentModel model,
            List<String> calibrationTexts,
            double[] calibrationRatings,
            int k,
            long seed) {
        return fit(
                model,
                calibrationTexts,
                calibrationTexts,
                calibrationRatings,
                "calibration split of " + calibrationTexts.size() + " training-side reviews",
                k,
                seed,
                1);
    }

    /**
     * Calibrates {@code model} on these reviews.
     *
     * @param ids stable review ids, hashed (SHA-256, one per line in this order) into the
     *     provenance
     * @param split how the split was cut, e.g. {@code CalibrationSplit.Split#description()}
     * @param threads scoring threads
     * @return the model with its calibration (null for a classification head) and novelty model
     */
    public static SentimentModel fit(
            SentimentModel model,
            List<String> ids,
            List<String> texts,
            double[] ratings,
            String split,
            int k,
            long seed,
            int threads) {
        return fit(model, ids, texts, ratings, split, k, seed, threads, examples -> {});
    }

    /**
     * As {@link #fit(SentimentModel, List, List, double[], String, int, long, int)}, handing the
     * scored conformity examples ({@link ConformityExamples}) to {@code examplesOut} (to inspect or
     * validate them).
     */
    public static SentimentModel fit(
            SentimentModel model,
            List<String> ids,
            List<String> texts,
            double[] ratings,
            String split,
            int k,
            long seed,
            int threads,
            Consumer<List<ConformityExamples.Example>> examplesOut) {
        Objects.requireNonNull(model, "model");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(
                    "no calibration reviews: the calibration split is empty");
        }
        if (ids.size() != texts.size()) {
            throw new IllegalArgumentException(
                    ids.size() + " calibration ids for " + texts.size() + " texts");
        }
        boolean regression = model.net().regression();
        if (regression) {
            checkRatings(ratings, texts.size());
        }
        Tokenizer tokenizer = new Tokenizer(model.tokenizer());
        List<List<String>> tokens = new ArrayList<>(texts.size());
        double[] shares = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            tokens.add(
                    tokenizer.tokenize(
                            Objects.requireNonNull(texts.get(i), "calibration text " + i)));
            shares[i] =
                    ReviewSegments.of(tokens.get(i), model.vocabulary(), model.maxLength(), 1)
                            .oovShare();
        }
        OovNovelty novelty = OovNovelty.fit(shares);
        SentimentModel withNovelty = model.withCalibration(null, novelty);
        if (!regression) {
            return withNovelty;
        }
        List<ConformityExamples.Example> conformity =
                ConformityExamples.score(withNovelty, ids, texts, ratings, k, seed, threads);
        examplesOut.accept(conformity);
        int n = conformity.size();
        int wholeReviews =
                (int) conformity.stream().filter(ConformityExamples.Example::wholeReview).count();
        String provenance =
                String.format(
                        Locale.ROOT,
                        "%s; K = %d; conformity examples: %d whole reviews as served"
                                + " and %d of their segments alone",
                        split,
                        k,
                        wholeReviews,
                        n - wholeReviews);
        ConformalCalibration calibration =
                tables(
                        conformity.stream().map(ConformityExamples.Example::prediction).toList(),
                        conformity.stream()
                                .mapToDouble(ConformityExamples.Example::rating)
                                .toArray(),
                        null,
                        texts.size(),
                        provenance,
                        Provenance.sha256Lines(ids),
                        model.targetMean()); // the default decision threshold
        return model.withCalibration(calibration, novelty);
    }

    /**
     * The calibration fitted on scored conformity examples and their ratings: the error scale
     * (|error| on score, aleatoric std and word error), then split-conformal tables per band of
     * segment counts with the novelty fence. {@code examples} is the number of calibration examples
     * they came from.
     *
     * <p>Last, the decision factor of the wrong-side probability ({@link DecisionRisk#fitFactor})
     * on the same predictions, with their band's one-sd factor times their base scale as the sd, as
     * the served predictor computes it, at the default decision {@code threshold}.
     *
     * @param wordErrors a blend's word error of each prediction ({@code blend.ErrorRidge}); null
     *     for the network alone or a blend without an error ridge
     */
    public static ConformalCalibration tables(
            List<Prediction> predictions,
            double[] ratings,
            double[] wordErrors,
            int examples,
            String provenance,
            String idsSha256,
            double threshold) {
        int n = predictions.size();
        double[] scores = new double[n],
                absErrors = new double[n],
                aleatoric = new double[n],
                novelties = new double[n];
        int[] segments = new int[n];
        for (int i = 0; i < n; i++) {
            Prediction p = predictions.get(i);
            scores[i] = p.score();
            absErrors[i] = Math.abs(ratings[i] - p.score());
            aleatoric[i] = p.aleatoricStd();
            novelties[i] = p.novelty();
            segments[i] = p.segments();
        }
        double[] words = wordErrors != null ? wordErrors : new double[n];
        if (words.length != n) {
            throw new IllegalArgumentException(
                    words.length + " word errors for " + n + " conformity examples");
        }
        if (wordErrors == null) {
            Arrays.fill(words, Double.NaN);
        }
        ErrorScale errorScale = ErrorScale.fit(absErrors, scores, aleatoric, words);
        double[] base = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = errorScale.of(scores[i], aleatoric[i], words[i]);
        }
        ConformalCalibration c =
                ConformalCalibration.fit(
                        ratings,
                        scores,
                        base,
                        novelties,
                        segments,
                        errorScale,
                        ConformalCalibration.NOVELTY_FENCE,
                        examples,
                        ConformalCalibration.DEFAULT_LEVELS,
                        provenance,
                        idsSha256);
        double[] decisionSds = new double[n];
        for (int i = 0; i < n; i++) {
            decisionSds[i] = c.halfWidth(ConformalCalibration.ONE_SD, segments[i], base[i]);
        }
        return c.withDecisionFactor(
                DecisionRisk.fitFactor(scores, ratings, decisionSds, threshold));
    }

    private static void checkRatings(double[] ratings, int n) {
        if (ratings == null || ratings.length != n) {
            throw new IllegalArgumentException(
                    (ratings == null ? "no" : String.valueOf(ratings.length))
                            + " calibration ratings for "
                            + n
                            + " texts");
        }
        for (int i = 0; i < n; i++) {
            if (!(ratings[i] >= 0 && ratings[i] <= 1)) {
                throw new IllegalArgumentException(
                        "calibration rating " + i + " must lie in [0,1], got " + ratings[i]);
            }
        }
    }
}
