package dev.varsent.model;

import dev.varsent.bundle.Provenance;
import dev.varsent.predict.Prediction;
import dev.varsent.text.Tokenizer;
import dev.varsent.uncertainty.ConformalCalibration;
import dev.varsent.uncertainty.OovNovelty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one place a trained model gets its calibration and off-domain signal; every training entry point
 * calls it on a calibration split of the training side (see {@code data.CalibrationSplit}), never on test.
 * Hold the split out of everything the model was fitted on, the vocabulary included: reviews whose words
 * built the vocabulary have fewer unknown words than new in-domain reviews (median OOV share 0.017 against
 * 0.022 on the scale data), and would make ordinary new reviews look novel.
 *
 * <ol>
 *   <li>Novelty: the OOV share of each calibration review (all its tokens) gives the in-domain reference
 *       distribution ({@link OovNovelty}).</li>
 *   <li>Calibration (regression heads): each calibration review is scored whole, with {@code k} MC samples,
 *       and its conformity score |y - score| / sqrt(total std^2 + (novelty * s0)^2), s0 the median total std
 *       of these predictions, enters a split-conformal quantile table ({@link ConformalCalibration}). Use
 *       the K the model will be served with: the MC std shrinks a little with K. A classification head gets
 *       the novelty model only.</li>
 * </ol>
 * Any calibration the model had is replaced.
 */
public final class UncertaintyFit {
    private UncertaintyFit() {
    }

    /**
     * Calibrates {@code model} on these reviews, the texts standing for their ids in the provenance hash.
     *
     * @param calibrationRatings ratings in [0,1], one per text; may be null for a classification head
     */
    public static SentimentModel fit(SentimentModel model, List<String> calibrationTexts, double[] calibrationRatings,
                                     int k, long seed) {
        return fit(model, calibrationTexts, calibrationTexts, calibrationRatings,
                "calibration split of " + calibrationTexts.size() + " training-side reviews", k, seed, 1);
    }

    /**
     * Calibrates {@code model} on these reviews.
     *
     * @param ids     stable review ids, hashed (SHA-256, one per line in this order) into the provenance
     * @param split   how the split was cut, e.g. {@code CalibrationSplit.Split#description()}
     * @param threads scoring threads
     * @return the model with its calibration (null for a classification head) and novelty model
     */
    public static SentimentModel fit(SentimentModel model, List<String> ids, List<String> texts, double[] ratings,
                                     String split, int k, long seed, int threads) {
        Objects.requireNonNull(model, "model");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no calibration reviews: the calibration split is empty");
        }
        if (ids.size() != texts.size()) {
            throw new IllegalArgumentException(ids.size() + " calibration ids for " + texts.size() + " texts");
        }
        boolean regression = model.net().regression();
        if (regression) {
            checkRatings(ratings, texts.size());
        }
        Tokenizer tokenizer = new Tokenizer(model.tokenizer());
        List<List<String>> tokens = new ArrayList<>(texts.size());
        double[] shares = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            tokens.add(tokenizer.tokenize(Objects.requireNonNull(texts.get(i), "calibration text " + i)));
            shares[i] = ReviewSegments.of(tokens.get(i), model.vocabulary(), model.maxLength(), 1).oovShare();
        }
        OovNovelty novelty = OovNovelty.fit(shares);
        SentimentModel withNovelty = model.withCalibration(null, novelty);
        if (!regression) {
            return withNovelty;
        }
        List<Prediction> predictions;
        try (McPredictor predictor = withNovelty.predictor(seed, threads)) {
            predictions = predictor.predictTokens(tokens, k);
        }
        int n = predictions.size();
        double[] scores = new double[n], stds = new double[n], novelties = new double[n];
        for (int i = 0; i < n; i++) {
            Prediction p = predictions.get(i);
            scores[i] = p.score();
            stds[i] = p.totalStd();
            novelties[i] = p.novelty();
        }
        ConformalCalibration calibration = ConformalCalibration.fit(ratings, scores, stds, novelties,
                split + "; K = " + k, Provenance.sha256Lines(ids));
        return model.withCalibration(calibration, novelty);
    }

    private static void checkRatings(double[] ratings, int n) {
        if (ratings == null || ratings.length != n) {
            throw new IllegalArgumentException((ratings == null ? "no" : String.valueOf(ratings.length))
                    + " calibration ratings for " + n + " texts");
        }
        for (int i = 0; i < n; i++) {
            if (!(ratings[i] >= 0 && ratings[i] <= 1)) {
                throw new IllegalArgumentException("calibration rating " + i + " must lie in [0,1], got " + ratings[i]);
            }
        }
    }
}
