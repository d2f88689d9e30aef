package dev.varsent.train;

import dev.varsent.predict.Prediction;
import dev.varsent.uncertainty.ConformalCalibration;
import java.util.List;

/**
 * How wide a prediction's central interval is at a nominal level, for the coverage {@code evaluate}
 * reports: the model's conformal calibration when its bundle has one, else mean +- z * total std.
 */
public interface IntervalRule {

    /** Levels the reliability diagram shows when the rule can give any level. */
    List<Double> ANY_LEVELS = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99);

    /** Half the width of {@code p}'s interval at {@code level}. */
    double halfWidth(Prediction p, double level);

    /** The levels this rule can give, increasing. */
    List<Double> levels();

    /** True when the intervals come from a calibration with a coverage guarantee. */
    boolean calibrated();

    /** What the intervals are, for the report. */
    String description();

    /**
     * The split-conformal intervals of a calibrated model: the quantile at the level of the
     * prediction's segment band times its scale (base scale with its novelty added in quadrature),
     * as the predictor computes [lower, upper].
     */
    static IntervalRule conformal(ConformalCalibration calibration) {
        return new IntervalRule() {
            @Override
            public double halfWidth(Prediction p, double level) {
                // The scale the prediction was served with (its calibrated std is the one-sd
                // factor times it), which holds a blend's word error; recomputed when absent.
                double scale =
                        Double.isFinite(p.calibratedStd())
                                ? p.calibratedStd() / calibration.oneSdFactor()
                                : calibration.scale(
                                        calibration.baseScale(
                                                p.score(),
                                                p.totalStd(),
                                                p.aleatoricStd(),
                                                Double.NaN),
                                        p.novelty());
                return calibration.halfWidth(level, p.segments(), scale);
            }

            @Override
            public List<Double> levels() {
                return calibration.levels();
            }

            @Override
            public boolean calibrated() {
                return true;
            }

            @Override
            public String description() {
                return "split-conformal (bundle; n = "
                        + calibration.n()
                        + (calibration.bands().isEmpty()
                                ? ""
                                : ", " + calibration.bands().size() + " segment bands")
                        + (calibration.errorScale() == null
                                ? ", scaled by the total std"
                                : ", scaled by the learned error scale")
                        + ")";
            }
        };
    }

    /**
     * Mean +- z * total std (epistemic and aleatoric), a Gaussian reading of the uncalibrated
     * spread.
     */
    static IntervalRule gaussianTotalStd() {
        return gaussian(false);
    }

    /**
     * Mean +- z * MC std alone: what the intervals were before the aleatoric term, for comparison.
     */
    static IntervalRule gaussianEpistemicStd() {
        return gaussian(true);
    }

    private static IntervalRule gaussian(boolean epistemicOnly) {
        return new IntervalRule() {
            @Override
            public double halfWidth(Prediction p, double level) {
                return NormalQuantile.central(level)
                        * (epistemicOnly ? p.epistemicStd() : p.totalStd());
            }

            @Override
            public List<Double> levels() {
                return ANY_LEVELS;
            }

            @Override
            public boolean calibrated() {
                return false;
            }

            @Override
            public String description() {
                return epistemicOnly
                        ? "mean +- z * MC std"
                        : "mean +- z * total std (uncalibrated)";
            }
        };
    }
}
