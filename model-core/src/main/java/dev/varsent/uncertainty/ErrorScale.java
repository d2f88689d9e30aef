package dev.varsent.uncertainty;

import java.util.Arrays;

/**
 * The expected size of a prediction's error, learned on the calibration split: a least-squares line
 * of |y - score| on the predicted score, the predicted noise level (the aleatoric std) and, for a
 * blended model, the bag-of-words error ridge's prediction of the error ({@code blend.ErrorRidge}):
 * max(floor, intercept + scoreWeight * score + aleatoricWeight * aleatoric std + wordErrorWeight *
 * word error). It is the conformal scale of a calibrated model (a locally weighted split-conformal
 * normaliser, Lei et al. 2018, Sec. 5.2) and so what the total routing signal ranks by.
 *
 * <p>Why these inputs: on the local default model's calibration split (validation by 5-fold
 * cross-fitting, grouped by review; {@code docs/results/calibration.md}), the predicted score
 * ranked the worst 20 % of whole-review errors above chance (low predicted ratings err more: the
 * scale data's ratings lean high and the network shrinks towards the mean), while the MC std, the
 * segment disagreement, the number of segments, the novelty and the disagreement of a blend's two
 * members added nothing or hurt once fitted; the word error of a blend was the one strong signal.
 * The aleatoric std is the heteroscedastic head's own error estimate; for a Gaussian head it is one
 * constant and gets weight 0. A feature that is constant on the calibration split, or not a number
 * there, gets weight 0 and is ignored when serving.
 *
 * @param n conformity examples the line was fitted on
 * @param intercept the line's value at score 0 and every other input 0
 * @param scoreWeight change per unit of predicted score
 * @param aleatoricWeight change per unit of predicted noise std
 * @param wordErrorWeight change per unit of the blend's word error (0: none, as for every scale
 *     fitted before the error ridge)
 * @param floor the smallest scale served: a quarter of the median fitted value, so that no
 *     extrapolated score gets a zero or negative scale
 */
public record ErrorScale(
        int n,
        double intercept,
        double scoreWeight,
        double aleatoricWeight,
        double wordErrorWeight,
        double floor) {
    /** The share of the median fitted scale below which no scale goes. */
    public static final double FLOOR_SHARE = 0.25;

    public ErrorScale {
        if (n < 1) {
            throw new IllegalArgumentException(
                    "an error scale needs at least one example, got n = " + n);
        }
        if (!Double.isFinite(intercept)
                || !Double.isFinite(scoreWeight)
                || !Double.isFinite(aleatoricWeight)
                || !Double.isFinite(wordErrorWeight)) {
            throw new IllegalArgumentException(
                    "error scale coefficients must be finite, got "
                            + intercept
                            + ", "
                            + scoreWeight
                            + ", "
                            + aleatoricWeight
                            + ", "
                            + wordErrorWeight);
        }
        if (!(floor > 0 && Double.isFinite(floor))) {
            throw new IllegalArgumentException(
                    "error scale floor must be a finite number > 0, got " + floor);
        }
    }

    /** A scale without a word-error term. */
    public ErrorScale(
            int n, double intercept, double scoreWeight, double aleatoricWeight, double floor) {
        this(n, intercept, scoreWeight, aleatoricWeight, 0, floor);
    }

    /**
     * The scale of a prediction with this score, aleatoric std and word error (NaN: that term is
     * left out).
     */
    public double of(double score, double aleatoricStd, double wordError) {
        double v = intercept + scoreWeight * score;
        if (aleatoricWeight != 0 && !Double.isNaN(aleatoricStd)) {
            v += aleatoricWeight * aleatoricStd;
        }
        if (wordErrorWeight != 0 && !Double.isNaN(wordError)) {
            v += wordErrorWeight * wordError;
        }
        return Double.isNaN(v) ? floor : Math.max(floor, v);
    }

    /**
     * Least squares of {@code absErrors} on the scores, aleatoric stds and word errors (with an
     * intercept), the inputs centred so that a constant or non-finite feature (all NaN for a model
     * without the input) drops out with weight 0.
     */
    public static ErrorScale fit(
            double[] absErrors, double[] scores, double[] aleatoricStds, double[] wordErrors) {
        int n = absErrors.length;
        if (n == 0 || scores.length != n || aleatoricStds.length != n || wordErrors.length != n) {
            throw new IllegalArgumentException(
                    "error scale needs equal, non-empty arrays: "
                            + n
                            + " errors, "
                            + scores.length
                            + " scores, "
                            + aleatoricStds.length
                            + " aleatoric stds, "
                            + wordErrors.length
                            + " word errors");
        }
        for (int i = 0; i < n; i++) {
            if (!(absErrors[i] >= 0 && Double.isFinite(absErrors[i]))
                    || !Double.isFinite(scores[i])) {
                throw new IllegalArgumentException(
                        "error scale example "
                                + i
                                + " has |error| "
                                + absErrors[i]
                                + " and score "
                                + scores[i]
                                + ": both must be finite");
            }
        }
        double[][] x = {scores, usable(aleatoricStds), usable(wordErrors)};
        double[] w = LeastSquares.centred(x, absErrors);
        double yMean = Arrays.stream(absErrors).average().orElseThrow();
        double intercept = yMean;
        for (int j = 0; j < x.length; j++) {
            intercept -= w[j] * Arrays.stream(x[j]).average().orElseThrow();
        }
        double[] fitted = new double[n];
        for (int i = 0; i < n; i++) {
            fitted[i] = intercept;
            for (int j = 0; j < x.length; j++) {
                fitted[i] += w[j] * x[j][i];
            }
        }
        Arrays.sort(fitted);
        double median = fitted[n / 2];
        double floor = FLOOR_SHARE * (median > 0 ? median : yMean > 0 ? yMean : 1e-6);
        return new ErrorScale(n, intercept, w[0], w[1], w[2], Math.max(floor, 1e-9));
    }

    /** The feature, or zeros (weight 0) when any value is not finite. */
    private static double[] usable(double[] feature) {
        return Arrays.stream(feature).allMatch(Double::isFinite)
                ? feature
                : new double[feature.length];
    }
}
