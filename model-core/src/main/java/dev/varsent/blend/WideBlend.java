package dev.varsent.blend;

import dev.varsent.baseline.BagOfWords;
import dev.varsent.baseline.RidgeRegression;
import dev.varsent.bundle.Provenance;
import dev.varsent.predict.Prediction;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The wide part of a wide-and-deep model: a bag-of-words ridge regression fitted on the network's
 * training data, and the weight that blends it with the network's MC predictive distribution. For a
 * review whose MC prediction has mean m, epistemic std e, segment std g and aleatoric std a, and
 * whose ridge score is r:
 *
 * <pre>
 *   score     = weight * m + (1 - weight) * r + bias
 *   epistemic = weight * e          (the ridge is deterministic: it adds no spread)
 *   segment   = weight * g
 *   aleatoric = aleatoricScale * a  (the noise left in the blend, refitted on held-out reviews)
 * </pre>
 *
 * and the total std is recomputed from these. Intervals, the calibrated std and the wrong-side
 * probability are not the blend's business: the blended predictor's calibration, fitted on the
 * blended predictions, adds them.
 *
 * @param words the ridge's vocabulary (its columns)
 * @param ridge the ridge's weights, one per column, and intercept
 * @param lambda the ridge penalty, chosen on a validation split of the training side
 * @param weight the network's share, in [0, 1], chosen on reviews neither part trained on
 * @param bias added to every blended score (0 when the held-out reviews gave no reason for one)
 * @param aleatoricScale the factor on the network's aleatoric std, >= 0
 * @param provenance what the ridge was fitted on and how the weight was chosen
 * @param errorRidge the ridge of the ridge's own error on the same vocabulary, whose prediction
 *     (the word error) the calibration's error scale reads; null for a blend without one (every
 *     blend before it)
 */
public record WideBlend(
        BagOfWords words,
        RidgeRegression.Model ridge,
        double lambda,
        double weight,
        double bias,
        double aleatoricScale,
        Provenance provenance,
        ErrorRidge errorRidge) {

    /** A blend without an error ridge. */
    public WideBlend(
            BagOfWords words,
            RidgeRegression.Model ridge,
            double lambda,
            double weight,
            double bias,
            double aleatoricScale,
            Provenance provenance) {
        this(words, ridge, lambda, weight, bias, aleatoricScale, provenance, null);
    }

    public WideBlend {
        Objects.requireNonNull(words, "words");
        Objects.requireNonNull(ridge, "ridge");
        Objects.requireNonNull(provenance, "provenance");
        if (ridge.weights().length != words.size()) {
            throw new IllegalArgumentException(
                    "the ridge has "
                            + ridge.weights().length
                            + " weights for "
                            + words.size()
                            + " words");
        }
        for (double w : ridge.weights()) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("the ridge holds a non-finite weight");
            }
        }
        if (!Double.isFinite(ridge.intercept()) || !(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException(
                    "ridge intercept must be finite and lambda positive, got "
                            + ridge.intercept()
                            + ", "
                            + lambda);
        }
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("blend weight must lie in [0, 1], got " + weight);
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("blend bias must be finite, got " + bias);
        }
        if (errorRidge != null && errorRidge.model().weights().length != words.size()) {
            throw new IllegalArgumentException(
                    "the error ridge has "
                            + errorRidge.model().weights().length
                            + " weights for "
                            + words.size()
                            + " words");
        }
        if (!(aleatoricScale >= 0) || !Double.isFinite(aleatoricScale)) {
            throw new IllegalArgumentException(
                    "aleatoric scale must be a finite number >= 0, got " + aleatoricScale);
        }
    }

    /** The ridge's score of each tokenized text. */
    public double[] ridgeScores(List<List<String>> tokens) {
        return ridge.predict(words.rows(tokens));
    }

    /** The word error of each tokenized text: NaN for each when the blend has no error ridge. */
    public double[] wordErrors(List<List<String>> tokens) {
        if (errorRidge == null) {
            double[] none = new double[tokens.size()];
            Arrays.fill(none, Double.NaN);
            return none;
        }
        return errorRidge.predict(words.rows(tokens));
    }

    /** The same blend with this error ridge (null: none). */
    public WideBlend withErrorRidge(ErrorRidge e) {
        return new WideBlend(words, ridge, lambda, weight, bias, aleatoricScale, provenance, e);
    }

    /** The blend of one review's network prediction (regression) with its ridge score. */
    public Prediction combine(Prediction deep, double ridgeScore) {
        if (deep.isClassification()) {
            throw new IllegalArgumentException("a bag-of-words blend needs a regression head");
        }
        return new Prediction(
                weight * deep.score() + (1 - weight) * ridgeScore + bias,
                weight * deep.std(),
                aleatoricScale * deep.aleatoricStd(),
                null,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                deep.samples(),
                deep.segments(),
                deep.truncated(),
                weight * deep.segmentStd(),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                deep.novelty());
    }
}
