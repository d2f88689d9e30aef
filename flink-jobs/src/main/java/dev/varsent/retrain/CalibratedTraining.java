package dev.varsent.retrain;

import dev.varsent.data.CalibrationSplit;
import dev.varsent.model.ConformityExamples;
import dev.varsent.model.SentimentModel;
import dev.varsent.model.UncertaintyFit;
import dev.varsent.train.BlendMemberScores;
import dev.varsent.train.LabelledText;
import dev.varsent.train.WideBlendFit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The calibration split of a training side and the fit step after training, shared by the local
 * run's first model and the retrain job's challenger: {@link CalibrationSplit} holds out a share of
 * the training reviews by a hash of their id, the model trains on the rest, and {@link
 * UncertaintyFit} fits the calibration and the off-domain signal on the held-out reviews before the
 * model is saved. All segments of one review ({@link CalibrationSplit#reviewId}) fall on the same
 * side. With fewer than {@link #MIN_CALIBRATION_EXAMPLES} calibration examples (a retrain on a few
 * labels), the model trains on all of them and stays uncalibrated, and its notes say so: a
 * conformal quantile needs (n + 1) * level <= n, so a handful of reviews would give infinite
 * intervals and an infinite total signal.
 *
 * @param train what the model trains on
 * @param calibration what calibrates it (empty: no fit)
 * @param description how the split was cut, for the provenance
 */
public record CalibratedTraining(
        List<LabelledText> train, List<LabelledText> calibration, String description) {

    /** Provenance notes of the split. */
    public static final String NOTE_CALIBRATION = "calibration";

    public static final String NOTE_CALIBRATION_EXAMPLES = "calibration_examples";
    public static final String NOTE_BLEND = "blend";

    /**
     * The fewest calibration examples that bound the 90 % interval the predictions carry, and so
     * the calibrated std (3 would do for that alone); wider levels stay unbounded until (n + 1) *
     * level <= n (19 for 95 %).
     */
    public static final int MIN_CALIBRATION_EXAMPLES = 9;

    public static CalibratedTraining split(List<LabelledText> trainingSide) {
        CalibrationSplit.Split<LabelledText> split =
                CalibrationSplit.split(trainingSide, t -> CalibrationSplit.reviewId(t.id()));
        if (split.train().isEmpty() || split.calibration().size() < MIN_CALIBRATION_EXAMPLES) {
            return new CalibratedTraining(
                    trainingSide,
                    List.of(),
                    "none: "
                            + split.description()
                            + ", fewer than "
                            + MIN_CALIBRATION_EXAMPLES
                            + " to calibrate on; the model trains on all of them"
                            + " and is uncalibrated");
        }
        return new CalibratedTraining(
                split.train(),
                split.calibration(),
                split.description()
                        + ", held out of training; split-conformal intervals and the OOV novelty fitted on them");
    }

    /** The notes the trained model's provenance carries about its calibration. */
    public Map<String, String> notes() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(NOTE_CALIBRATION, description);
        notes.put(NOTE_CALIBRATION_EXAMPLES, Integer.toString(calibration.size()));
        return notes;
    }

    /**
     * {@code model} with its calibration fitted on the calibration reviews, scored with {@code k}
     * MC samples.
     */
    public SentimentModel fit(SentimentModel model, int k, long seed, int threads) {
        return fit(model, k, seed, threads, examples -> {});
    }

    /**
     * As {@link #fit(SentimentModel, int, long, int)}, handing the scored conformity examples to
     * {@code examplesOut}.
     */
    public SentimentModel fit(
            SentimentModel model,
            int k,
            long seed,
            int threads,
            Consumer<List<ConformityExamples.Example>> examplesOut) {
        if (calibration.isEmpty()) {
            return model;
        }
        List<String> ids = new ArrayList<>(calibration.size());
        List<String> texts = new ArrayList<>(calibration.size());
        double[] ratings = new double[calibration.size()];
        for (int i = 0; i < ratings.length; i++) {
            LabelledText t = calibration.get(i);
            ids.add(t.id());
            texts.add(t.text());
            ratings[i] = t.rating();
        }
        return UncertaintyFit.fit(
                model, ids, texts, ratings, description, k, seed, threads, examplesOut);
    }

    /**
     * {@link #fit(SentimentModel, int, long, int)}, then, with {@code blend}, the model blended
     * with a bag-of-words ridge fitted on the training examples, the weight chosen on one half of
     * the calibration split and the calibration refitted on the other ({@link WideBlendFit}); the
     * provenance notes say which was done.
     */
    public SentimentModel fit(SentimentModel model, int k, long seed, int threads, boolean blend) {
        SentimentModel calibrated = fit(model, k, seed, threads);
        return blend ? blend(calibrated, k, seed, threads) : calibrated;
    }

    /**
     * {@code calibrated} (a model trained on {@link #train} and fitted on {@link #calibration})
     * blended with a bag-of-words ridge as {@link #fit(SentimentModel, int, long, int, boolean)}
     * describes.
     */
    public SentimentModel blend(SentimentModel calibrated, int k, long seed, int threads) {
        return blend(calibrated, k, seed, threads, members -> {});
    }

    /**
     * As {@link #blend(SentimentModel, int, long, int)}, handing the held-out reviews' member
     * scores to {@code membersOut} ({@link WideBlendFit#fit(SentimentModel, List, List, String,
     * int, long, int, Consumer)}).
     */
    public SentimentModel blend(
            SentimentModel calibrated,
            int k,
            long seed,
            int threads,
            Consumer<List<BlendMemberScores>> membersOut) {
        WideBlendFit.Result result =
                calibration.isEmpty()
                        ? new WideBlendFit.Result(
                                calibrated,
                                null,
                                "none: no calibration split to choose the weight on")
                        : WideBlendFit.fit(
                                calibrated,
                                train,
                                calibration,
                                description,
                                k,
                                seed,
                                threads,
                                membersOut);
        SentimentModel model = result.model();
        return model.withProvenance(
                model.version(), model.provenance().withNotes(Map.of(NOTE_BLEND, result.note())));
    }
}
