package dev.varsent.train;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The uncertainties {@code evaluate} judges, each by the name its AUROC carries in the report. For
 * a classification head the epistemic one is BALD, the total one the predictive entropy (the
 * predictor gives the decision risk as 1 - the largest class probability); the regression-only ones
 * are NaN there.
 */
public enum UncertaintySignals {
    /** The MC spread of the sampled means, over samples and segments. */
    EPISTEMIC_STD("epistemic_std", p -> p.uncertainty(UncertaintySignal.EPISTEMIC)),
    /** The predicted noise level. */
    ALEATORIC_STD("aleatoric_std", p -> p.isClassification() ? Double.NaN : p.aleatoricStd()),
    /** sqrt(epistemic^2 + aleatoric^2), before calibration and the off-domain signal. */
    TOTAL_STD("total_std", p -> p.isClassification() ? p.entropy() : p.totalStd()),
    /** The disagreement of a review's segments. */
    SEGMENT_STD("segment_std", p -> p.isClassification() ? Double.NaN : p.segmentStd()),
    /** The off-domain signal. */
    NOVELTY("novelty", Prediction::novelty),
    /** The probability that the pos/neg call is wrong. */
    WRONG_SIDE_PROBABILITY("wrong_side_probability", Prediction::wrongSideProbability),
    /**
     * What {@code routing.signal=total} routes on: the calibrated std (novelty folded in), else the
     * total std.
     */
    TOTAL("total", p -> p.uncertainty(UncertaintySignal.TOTAL));

    private final String key;
    private final ToDoubleFunction<Prediction> value;

    UncertaintySignals(String key, ToDoubleFunction<Prediction> value) {
        this.key = key;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public double of(Prediction p) {
        return value.applyAsDouble(p);
    }

    public double[] of(List<Prediction> predictions) {
        double[] v = new double[predictions.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = of(predictions.get(i));
        }
        return v;
    }
}
