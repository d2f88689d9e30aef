package dev.varsent.model;

import dev.varsent.model.SequentialRoutingTest.Moment;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.uncertainty.ConformalCalibration;
import dev.varsent.uncertainty.DecisionRisk;
import dev.varsent.uncertainty.ErrorScale;
import dev.varsent.uncertainty.OovNovelty;
import java.util.EnumSet;

/**
 * Adds to a review's mixture prediction what the model's stored calibration and novelty model say:
 * the novelty, the calibrated total std and interval (regression, when calibrated) and the
 * wrong-side probability. The interval uses the scale with the novelty folded in ({@link
 * ConformalCalibration#scale}) and the table of the prediction's segment band, as the calibration
 * was fitted ({@link UncertaintyFit}); the calibrated std (the {@code TOTAL} routing signal) the
 * same scale times the one-sd factor of all bands together. The wrong-side probability uses the
 * band's conformal one-sd factor times the base scale without the novelty (the learned error scale,
 * or the total std of a calibration without one): measured on sentiment@5.0.2's Amazon and Yelp
 * sentences, folding the novelty into it lowered the AUROC for wrong calls (0.566 against a bare
 * margin's 0.594, 0.583 against 0.630), since how unusual the words are says little about which
 * side of the threshold a review lies. That sd is multiplied by the calibration's decision factor,
 * fitted on the same split so that the probability matches the rate of wrong calls. Uncalibrated,
 * it uses the plain total std.
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

    /**
     * The moments of a regression review's MC outputs that its uncertainty of {@code signal}
     * depends on, after this calibration (and a blend's, which is fitted with the same one): the
     * epistemic std reads the MC spread; the plain total std and the calibrated one scaled by it
     * read the spread and the noise level; a learned error scale reads the score and the noise
     * level (each only when its weight is not 0), never the spread.
     */
    EnumSet<Moment> routedMoments(UncertaintySignal signal) {
        if (signal == UncertaintySignal.EPISTEMIC) {
            return EnumSet.of(Moment.SPREAD);
        }
        ErrorScale e = calibration == null ? null : calibration.errorScale();
        if (e == null) {
            return EnumSet.of(Moment.SPREAD, Moment.NOISE);
        }
        EnumSet<Moment> moments = EnumSet.noneOf(Moment.class);
        if (e.scoreWeight() != 0) {
            moments.add(Moment.MEAN);
        }
        if (e.aleatoricWeight() != 0) {
            moments.add(Moment.NOISE);
        }
        return moments;
    }

    Prediction apply(Prediction p, double oovShare) {
        return calibrate(p, novelty == null ? Double.NaN : novelty.novelty(oovShare), Double.NaN);
    }

    /**
     * As {@link #apply(Prediction, double)} for a prediction that carries its novelty already (a
     * blended one), with the blend's word error (NaN when the blend has no error ridge).
     */
    Prediction recalibrate(Prediction p, double wordError) {
        return calibrate(p, p.novelty(), wordError);
    }

    private Prediction calibrate(Prediction p, double nov, double wordError) {
        if (p.isClassification()) {
            return p.withCalibration(
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    DecisionRisk.wrongClass(p.probabilities()),
                    nov,
                    Double.NaN);
        }
        if (calibration == null) {
            return p.withCalibration(
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    DecisionRisk.wrongSide(p.score(), threshold, p.totalStd()),
                    nov,
                    Double.NaN);
        }
        int segments = p.segments();
        double base = calibration.baseScale(p.score(), p.totalStd(), p.aleatoricStd(), wordError);
        double scale = calibration.scale(base, nov);
        // The routing signal ranks reviews against each other: one factor for all, so that the
        // bands (which
        // set the coverage of each segment count) do not reorder them: on the calibration split,
        // the bands'
        // factors lowered its AUROC for the worst 20 % of whole-review errors
        // (docs/results/calibration.md).
        double sd = calibration.halfWidth(ConformalCalibration.ONE_SD, scale);
        double half = calibration.halfWidth(level, segments, scale);
        double decisionSd =
                calibration.decisionFactor()
                        * calibration.halfWidth(ConformalCalibration.ONE_SD, segments, base);
        return p.withCalibration(
                clip(p.score() - half),
                clip(p.score() + half),
                level,
                DecisionRisk.wrongSide(p.score(), threshold, decisionSd),
                nov,
                sd);
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
