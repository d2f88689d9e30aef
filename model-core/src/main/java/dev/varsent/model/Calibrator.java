package dev.varsent.model;

import dev.varsent.predict.Prediction;
import dev.varsent.uncertainty.ConformalCalibration;
import dev.varsent.uncertainty.DecisionRisk;
import dev.varsent.uncertainty.NoveltyInflation;
import dev.varsent.uncertainty.OovNovelty;

/**
 * Adds to a review's mixture prediction what the model's stored calibration and novelty model say: the
 * novelty, the calibrated total std and interval (regression, when calibrated) and the wrong-side
 * probability. The conformity scale of a prediction is its total std inflated by its novelty
 * ({@link NoveltyInflation}), both here and when the calibration was fitted ({@link UncertaintyFit}).
 */
final class Calibrator {
    private final ConformalCalibration calibration;
    private final OovNovelty novelty;
    private final double level;
    private final double threshold;

    Calibrator(SentimentModel model, ScoringOptions options) {
        this.calibration = model.calibration();
        this.novelty = model.novelty();
        this.level = options.intervalLevel();
        this.threshold = options.threshold(model);
        if (calibration != null) {
            calibration.quantile(level); // fails early, naming the calibrated levels
        }
    }

    /** The conformity scale of a regression prediction (see {@link ConformalCalibration#score}). */
    static double scale(Prediction p) {
        return NoveltyInflation.inflate(p.totalStd(), p.novelty());
    }

    Prediction apply(Prediction p, double oovShare) {
        double nov = novelty == null ? Double.NaN : novelty.novelty(oovShare);
        if (p.isClassification()) {
            return with(p, Double.NaN, Double.NaN, Double.NaN, DecisionRisk.wrongClass(p.probabilities()), nov,
                    Double.NaN);
        }
        double scale = NoveltyInflation.inflate(p.totalStd(), nov);
        if (calibration == null) {
            return with(p, Double.NaN, Double.NaN, Double.NaN, DecisionRisk.wrongSide(p.score(), threshold, scale),
                    nov, Double.NaN);
        }
        double sd = calibration.halfWidth(ConformalCalibration.ONE_SD, scale);
        double half = calibration.halfWidth(level, scale);
        return with(p, clip(p.score() - half), clip(p.score() + half), level,
                DecisionRisk.wrongSide(p.score(), threshold, sd), nov, sd);
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static Prediction with(Prediction p, double lower, double upper, double level, double wrongSide,
                                   double novelty, double calibratedStd) {
        return new Prediction(p.score(), p.std(), p.aleatoricStd(), p.probabilities(), p.entropy(),
                p.mutualInformation(), p.variationRatio(), p.samples(), p.segments(), p.truncated(), p.segmentStd(),
                lower, upper, level, wrongSide, novelty, calibratedStd);
    }
}
