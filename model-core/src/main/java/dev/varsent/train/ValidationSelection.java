package dev.varsent.train;

import dev.varsent.data.CalibrationSplit;
import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.model.UncertaintyFit;
import dev.varsent.predict.Prediction;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Chooses a model configuration on a validation split of the training side, never on test. The
 * training side is cut by a stable hash of the review id ({@link CalibrationSplit} with its own
 * salt) into a fit part and a validation part; each candidate is trained on the fit part (less its
 * own calibration split, as the product trains), calibrated, and scored on the validation part
 * twice: segment by segment, and as whole reviews (a review's validation segments joined in order,
 * scored through the streaming job's review-level path). Candidates are ranked by the review-level
 * MC RMSE, since whole reviews are what the product scores.
 */
public final class ValidationSelection {
    public static final double VALIDATION_FRACTION = 0.15;
    static final String SALT = "varsent-validation:";

    /** A configuration to try. */
    public record Candidate(String name, TrainingOptions options) {}

    /** One candidate's validation figures; NaN where a figure does not apply. */
    public record Result(
            String name,
            TrainingOptions options,
            int fitSegments,
            int validationSegments,
            int validationReviews,
            double segmentRmseMc,
            double reviewRmseMc,
            double reviewRmseApprox,
            double aurocTotalWorst20,
            double aurocEpistemicWorst20,
            double coverage90,
            double trainSeconds) {}

    private ValidationSelection() {}

    /**
     * The part of {@code trainingSide} that is held out for validation (about {@link
     * #VALIDATION_FRACTION}).
     */
    public static CalibrationSplit.Split<LabelledText> split(List<LabelledText> trainingSide) {
        return CalibrationSplit.split(
                trainingSide, t -> reviewId(t.id()), VALIDATION_FRACTION, SALT);
    }

    /** Trains, calibrates and validates every candidate; results in the order given. */
    public static List<Result> run(
            List<LabelledText> trainingSide,
            List<Candidate> candidates,
            int k,
            long seed,
            PrintStream progress) {
        CalibrationSplit.Split<LabelledText> split = split(trainingSide);
        List<LabelledText> validation = split.calibration();
        List<LabelledText> reviews = joinedReviews(validation);
        progress.printf(
                "validation: %d segments of %d reviews held out of %d training-side segments (%s)%n",
                validation.size(), reviews.size(), trainingSide.size(), split.description());
        List<Result> results = new ArrayList<>();
        for (Candidate c : candidates) {
            results.add(runOne(c, split.train(), validation, reviews, k, seed, progress));
        }
        return results;
    }

    /** The best result: lowest review-level MC RMSE. */
    public static Result best(List<Result> results) {
        return results.stream().min(Comparator.comparingDouble(Result::reviewRmseMc)).orElseThrow();
    }

    private static Result runOne(
            Candidate c,
            List<LabelledText> fit,
            List<LabelledText> validation,
            List<LabelledText> reviews,
            int k,
            long seed,
            PrintStream progress) {
        long t0 = System.nanoTime();
        CalibrationSplit.Split<LabelledText> cal =
                CalibrationSplit.split(fit, t -> reviewId(t.id()));
        SentimentModel model =
                new ExampleTrainer(c.options(), progress)
                        .trainFromScratch(
                                "validation selection: fit part of the training side",
                                cal.train(),
                                "select-" + c.name(),
                                Map.of("purpose", "validation selection candidate " + c.name()));
        model =
                UncertaintyFit.fit(
                        model,
                        ids(cal.calibration()),
                        texts(cal.calibration()),
                        ratings(cal.calibration()),
                        cal.description(),
                        k,
                        seed,
                        c.options().threads());
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (McPredictor predictor = model.predictor(seed, c.options().threads())) {
            double segmentRmse =
                    RegressionMetrics.rmse(
                            predictor.predict(texts(validation), k), ratings(validation));
            List<Prediction> mc = predictor.predict(texts(reviews), k);
            List<Prediction> approx = predictor.predict(texts(reviews), 1);
            double[] y = ratings(reviews);
            Map<String, Double> m =
                    EvaluationMetrics.ratings(
                            mc, y, model.targetMean(), Evaluation.intervalRule(model));
            Result r =
                    new Result(
                            c.name(),
                            c.options(),
                            cal.train().size(),
                            validation.size(),
                            reviews.size(),
                            segmentRmse,
                            RegressionMetrics.rmse(mc, y),
                            RegressionMetrics.rmse(approx, y),
                            m.getOrDefault("auroc_worst_20pct_total", Double.NaN),
                            m.getOrDefault("auroc_worst_20pct_epistemic_std", Double.NaN),
                            m.getOrDefault("coverage_90", Double.NaN),
                            seconds);
            progress.printf(
                    java.util.Locale.ROOT,
                    "%s: validation RMSE (MC) %.4f segments, %.4f reviews (approx. %.4f); AUROC worst 20 %%: total %.3f,"
                            + " epistemic %.3f; coverage 90 %% %.3f; %.0f s%n",
                    c.name(),
                    r.segmentRmseMc(),
                    r.reviewRmseMc(),
                    r.reviewRmseApprox(),
                    r.aurocTotalWorst20(),
                    r.aurocEpistemicWorst20(),
                    r.coverage90(),
                    seconds);
            return r;
        }
    }

    /**
     * {@code <review id>#<segment>} -> the review id; an id without a segment is its own review.
     */
    static String reviewId(String id) {
        int hash = id.lastIndexOf('#');
        return hash < 0 ? id : id.substring(0, hash);
    }

    /** The validation segments of each review joined in segment order, one text per review. */
    static List<LabelledText> joinedReviews(List<LabelledText> segments) {
        List<LabelledText> out = new ArrayList<>();
        for (List<LabelledText> parts : CalibrationSplit.byReview(segments, LabelledText::id)) {
            StringBuilder text = new StringBuilder();
            for (LabelledText part : parts) {
                text.append(text.isEmpty() ? "" : " ").append(part.text());
            }
            out.add(
                    new LabelledText(
                            CalibrationSplit.reviewId(parts.get(0).id()),
                            text.toString(),
                            parts.get(0).rating()));
        }
        return out;
    }

    private static List<String> ids(List<LabelledText> l) {
        return l.stream().map(LabelledText::id).toList();
    }

    private static List<String> texts(List<LabelledText> l) {
        return l.stream().map(LabelledText::text).toList();
    }

    private static double[] ratings(List<LabelledText> l) {
        return l.stream().mapToDouble(LabelledText::rating).toArray();
    }
}
