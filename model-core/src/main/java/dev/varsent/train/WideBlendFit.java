package dev.varsent.train;

import dev.varsent.baseline.RidgeRegression;
import dev.varsent.baseline.ValidatedRidge;
import dev.varsent.blend.BlendSelection;
import dev.varsent.blend.ErrorRidge;
import dev.varsent.blend.WideBlend;
import dev.varsent.bundle.Provenance;
import dev.varsent.data.CalibrationSplit;
import dev.varsent.model.McPredictor;
import dev.varsent.model.ScoringOptions;
import dev.varsent.model.SentimentModel;
import dev.varsent.model.UncertaintyFit;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.text.Tokenizer;
import dev.varsent.uncertainty.ConformalCalibration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Makes a trained network a wide-and-deep model ({@link WideBlend}), without retraining it:
 *
 * <ol>
 *   <li>a bag-of-words ridge ({@link ValidatedRidge}: {@value #VOCABULARY} words of the model's
 *       tokenizer, with or without bigrams ({@link #BIGRAMS}), and lambda among {@link #LAMBDAS},
 *       chosen on a validation cut of these texts) is fitted on the network's training examples,
 *       their segments joined back into whole reviews;
 *   <li>an {@link ErrorRidge} of that ridge's out-of-fold errors is fitted on the same reviews and
 *       vocabulary: its word error is an input of the blend's error scale;
 *   <li>the split held out of the network's training (its calibration split, {@link
 *       CalibrationSplit}), as whole reviews, is cut in two halves by SHA-256({@value
 *       #SELECTION_SALT} + review id): the network (K MC samples) and the ridge score the selection
 *       half, which chooses the weight, bias and aleatoric scale ({@link BlendSelection});
 *   <li>the blended predictor scores the other half, which refits the split-conformal calibration
 *       ({@link ConformalCalibration#fit}) on the blended predictions. The model's novelty model is
 *       kept.
 * </ol>
 *
 * Neither half is anything the network or the ridge trained on; no test data is read.
 */
public final class WideBlendFit {
    public static final int VOCABULARY = 20_000;

    /**
     * Bigram entries beside the words, or none; the ridge's validation cut chooses (on the paper
     * split's training reviews 20,000 took the validation RMSE from 0.1210 to 0.1139, {@code
     * docs/results/baseline-ridge.md}).
     */
    public static final int[] BIGRAMS = {0, 20_000};

    public static final double[] LAMBDAS = {0.1, 0.3, 1, 3, 10};
    public static final String SELECTION_SALT = "varsent-blend-selection:";

    /** The fewest held-out reviews in each half; with fewer the model stays unblended. */
    public static final int MIN_REVIEWS_PER_HALF = 20;

    /**
     * @param model the model, blended, or unchanged when the held-out split is too small
     * @param selection the weight's selection (null when unblended)
     * @param note what was done, for the model's provenance notes
     */
    public record Result(SentimentModel model, BlendSelection selection, String note) {}

    private WideBlendFit() {}

    /**
     * @param model a trained network with a regression head (its novelty model fitted, if any)
     * @param train the examples the network trained on ({@code reviewId#n} segments, or whole
     *     reviews)
     * @param heldOut the training-side examples held out of the network's training (never test)
     * @param heldOutName how {@code heldOut} was cut, for the provenance
     * @param k MC samples, the K the model is served with
     */
    public static Result fit(
            SentimentModel model,
            List<LabelledText> train,
            List<LabelledText> heldOut,
            String heldOutName,
            int k,
            long seed,
            int threads) {
        return fit(model, train, heldOut, heldOutName, k, seed, threads, members -> {});
    }

    /**
     * As {@link #fit(SentimentModel, List, List, String, int, long, int)}, handing every held-out
     * review's member scores (both halves, selection half first) to {@code membersOut}, to validate
     * uncertainty signals of the blend on them; not called when the model stays unblended.
     */
    public static Result fit(
            SentimentModel model,
            List<LabelledText> train,
            List<LabelledText> heldOut,
            String heldOutName,
            int k,
            long seed,
            int threads,
            Consumer<List<BlendMemberScores>> membersOut) {
        Objects.requireNonNull(model, "model");
        if (!model.net().regression()) {
            throw new IllegalArgumentException(
                    "a bag-of-words blend needs a regression head; "
                            + model.version()
                            + " has a classification head");
        }
        List<LabelledText> trainReviews = ValidationSelection.joinedReviews(train);
        CalibrationSplit.Split<LabelledText> halves =
                CalibrationSplit.split(
                        ValidationSelection.joinedReviews(heldOut),
                        LabelledText::id,
                        0.5,
                        SELECTION_SALT);
        List<LabelledText> selection = halves.calibration();
        List<LabelledText> calibration = halves.train();
        if (selection.size() < MIN_REVIEWS_PER_HALF
                || calibration.size() < MIN_REVIEWS_PER_HALF
                || trainReviews.size() < 10) {
            return new Result(
                    model,
                    null,
                    String.format(
                            Locale.ROOT,
                            "none: %d training reviews and %d + %d held-out"
                                    + " reviews, fewer than %d in a half of the held-out split",
                            trainReviews.size(),
                            selection.size(),
                            calibration.size(),
                            MIN_REVIEWS_PER_HALF));
        }
        Tokenizer tokenizer = new Tokenizer(model.tokenizer());
        List<List<String>> trainTokens = tokens(tokenizer, trainReviews);
        ValidatedRidge ridge =
                ValidatedRidge.fit(
                        trainTokens,
                        ratings(trainReviews),
                        ids(trainReviews),
                        VOCABULARY,
                        BIGRAMS,
                        LAMBDAS,
                        new RidgeRegression());
        ErrorRidge errorRidge =
                ErrorRidge.fit(
                        ridge.words(),
                        trainTokens,
                        ratings(trainReviews),
                        ids(trainReviews),
                        ridge.lambda(),
                        new RidgeRegression());

        List<List<String>> selectionTokens = tokens(tokenizer, selection);
        List<Prediction> selectionDeep;
        try (McPredictor deep = model.predictor(seed, threads, ScoringOptions.defaults())) {
            selectionDeep = deep.predictTokens(selectionTokens, k);
        }
        double[] selectionRidge = ridge.predict(selectionTokens);
        BlendSelection chosen =
                BlendSelection.choose(selectionDeep, selectionRidge, ratings(selection));
        String selectionName =
                "selection half of the held-out split ("
                        + heldOutName
                        + "), whole reviews: "
                        + halves.description().replace("held-out split: ", "");
        WideBlend blend =
                new WideBlend(
                        ridge.words(),
                        ridge.model(),
                        ridge.lambda(),
                        chosen.weight(),
                        chosen.bias(),
                        chosen.aleatoricScale(),
                        provenance(
                                ridge,
                                errorRidge,
                                trainReviews,
                                chosen,
                                selection,
                                selectionName,
                                seed),
                        errorRidge);
        SentimentModel blended = model.withBlend(blend);

        // The blend as BlendedPredictor serves it before calibration: what the tables are fitted
        // on.
        List<List<String>> calibrationTokens = tokens(tokenizer, calibration);
        List<Prediction> calibrationDeep;
        try (McPredictor deep = blended.predictor(seed + 1, threads, ScoringOptions.defaults())) {
            calibrationDeep = deep.predictTokens(calibrationTokens, k);
        }
        double[] calibrationRidge = blend.ridgeScores(calibrationTokens);
        double[] calibrationWordErrors = blend.wordErrors(calibrationTokens);
        double[] selectionWordErrors = blend.wordErrors(selectionTokens);
        List<Prediction> predictions = new ArrayList<>(calibration.size());
        for (int i = 0; i < calibrationRidge.length; i++) {
            predictions.add(blend.combine(calibrationDeep.get(i), calibrationRidge[i]));
        }
        List<BlendMemberScores> members = new ArrayList<>(heldOut.size());
        for (int i = 0; i < selection.size(); i++) {
            members.add(
                    new BlendMemberScores(
                            selection.get(i).id(),
                            true,
                            selection.get(i).rating(),
                            selectionDeep.get(i),
                            selectionRidge[i],
                            selectionWordErrors[i],
                            blend.combine(selectionDeep.get(i), selectionRidge[i])));
        }
        for (int i = 0; i < calibration.size(); i++) {
            members.add(
                    new BlendMemberScores(
                            calibration.get(i).id(),
                            false,
                            calibration.get(i).rating(),
                            calibrationDeep.get(i),
                            calibrationRidge[i],
                            calibrationWordErrors[i],
                            predictions.get(i)));
        }
        membersOut.accept(members);
        int n = predictions.size();
        ConformalCalibration calibrated =
                UncertaintyFit.tables(
                        predictions,
                        ratings(calibration),
                        calibrationWordErrors,
                        n,
                        "calibration half of the held-out split, "
                                + n
                                + " whole reviews, blended predictions; K = "
                                + k,
                        Provenance.sha256Lines(ids(calibration)),
                        model.targetMean()); // the default decision threshold
        String note =
                String.format(
                        Locale.ROOT,
                        "bag-of-words ridge (lambda %s, %d entries of which %d bigrams; error ridge lambda %s) blended with weight %.2f"
                                + " on the network, bias %.4f, chosen on %d held-out reviews (RMSE %.4f; network alone %.4f,"
                                + " ridge alone %.4f); calibrated on the other %d (decision factor %.2f)",
                        ridge.lambda(),
                        ridge.words().size(),
                        ridge.bigrams(),
                        ErrorRidge.LAMBDA,
                        chosen.weight(),
                        chosen.bias(),
                        chosen.n(),
                        chosen.rmse(),
                        chosen.rmseDeep(),
                        chosen.rmseRidge(),
                        n,
                        calibrated.decisionFactor());
        SentimentModel served = blended.withCalibration(calibrated, model.novelty());
        // What routing.threshold on the total signal relabels of in-domain text, read on the
        // calibration half.
        double[] routing;
        try (McPredictor deep = served.predictor(seed + 2, threads, ScoringOptions.defaults())) {
            routing =
                    served
                            .serving(deep, ScoringOptions.defaults())
                            .predict(texts(calibration), k)
                            .stream()
                            .mapToDouble(p -> p.uncertainty(UncertaintySignal.TOTAL))
                            .sorted()
                            .toArray();
        }
        note +=
                String.format(
                        Locale.ROOT,
                        "; total routing uncertainty on the calibration half: median %.4f, p90 %.4f,"
                                + " p95 %.4f",
                        quantile(routing, 0.5),
                        quantile(routing, 0.9),
                        quantile(routing, 0.95));
        return new Result(served, chosen, note);
    }

    /** The {@code q} quantile of sorted {@code values} (nearest rank). */
    private static double quantile(double[] sorted, double q) {
        return sorted[
                Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }

    private static Provenance provenance(
            ValidatedRidge ridge,
            ErrorRidge errorRidge,
            List<LabelledText> trainReviews,
            BlendSelection chosen,
            List<LabelledText> selection,
            String selectionName,
            long seed) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("ridge_bigrams", (double) ridge.bigrams());
        metrics.put("ridge_lambda", ridge.lambda());
        ridge.validationRmse()
                .forEach(
                        (c, rmse) ->
                                metrics.put(
                                        "ridge_validation_rmse_"
                                                + (c.bigrams() == 0 ? "lambda_" : "")
                                                + c.label(),
                                        rmse));
        metrics.put("error_ridge_lambda", errorRidge.lambda());
        metrics.put("error_ridge_folds", (double) ErrorRidge.FOLDS);
        metrics.put("error_ridge_iterations", (double) errorRidge.model().iterations());
        metrics.put("weight", chosen.weight());
        metrics.put("bias", chosen.bias());
        metrics.put("aleatoric_scale", chosen.aleatoricScale());
        metrics.put("selection_rmse_blend", chosen.rmse());
        metrics.put("selection_rmse_network", chosen.rmseDeep());
        metrics.put("selection_rmse_ridge", chosen.rmseRidge());
        chosen.rmseByWeight()
                .forEach(
                        (w, rmse) ->
                                metrics.put(
                                        String.format(Locale.ROOT, "selection_rmse_w%.2f", w),
                                        rmse));
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("selection", selectionName);
        notes.put(
                "error_ridge",
                "bag-of-words ridge of the ridge's out-of-fold |error| on the same training reviews"
                        + " and vocabulary ("
                        + ErrorRidge.FOLDS
                        + " folds by a hash of the review id); its word error is an input of the"
                        + " calibration's error scale");
        notes.put("selection_reviews", Integer.toString(selection.size()));
        notes.put("selection_ids_sha256", Provenance.sha256Lines(ids(selection)));
        return new Provenance(
                "the network's training examples, joined into "
                        + trainReviews.size()
                        + " whole reviews",
                Provenance.sha256Lines(ids(trainReviews)),
                seed,
                0,
                Provenance.gitCommit(null),
                Instant.now(),
                "WideBlendFit: bag-of-words ridge, weight on a held-out split",
                metrics,
                notes);
    }

    private static List<List<String>> tokens(Tokenizer tokenizer, List<LabelledText> l) {
        List<List<String>> out = new ArrayList<>(l.size());
        for (LabelledText t : l) {
            out.add(tokenizer.tokenize(t.text()));
        }
        return out;
    }

    private static List<String> texts(List<LabelledText> l) {
        return l.stream().map(LabelledText::text).toList();
    }

    private static List<String> ids(List<LabelledText> l) {
        return l.stream().map(LabelledText::id).toList();
    }

    private static double[] ratings(List<LabelledText> l) {
        return l.stream().mapToDouble(LabelledText::rating).toArray();
    }
}
