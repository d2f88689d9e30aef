package dev.varsent.uncertainty;

import java.util.Arrays;

/**
 * The expected size of a prediction's error, learned on the calibration split: a least-squares line
 * of |y - score| on the predicted score and the predicted noise level (the aleatoric std),
 * max(floor, intercept + scoreWeight * score + aleatoricWeight * aleatoric std). It is the
 * conformal scale of a calibrated model (a locally weighted split-conformal normaliser, Lei et al.
 * 2018, Sec. 5.2) and so what the total routing signal ranks by.
 *
 * <p>Why these inputs: on the local default model's calibration split (validation by 5-fold
 * cross-fitting, grouped by review; {@code docs/results/calibration.md}), the predicted score was
 * the only signal that ranked the worst 20 % of whole-review errors above chance (low predicted
 * ratings err more: the scale data's ratings lean high and the network shrinks towards the mean),
 * while the MC std, the segment disagreement, the number of segments and the novelty added nothing
 * or hurt once fitted. The aleatoric std is the heteroscedastic head's own error estimate; for a
 * Gaussian head it is one constant and gets weight 0. A feature that is constant on the calibration
 * split, or not a number there, gets weight 0 and is ignored when serving.
 *
 * @param n conformity examples the line was fitted on
 * @param intercept the line's value at score 0 and aleatoric std 0
 * @param scoreWeight change per unit of predicted score
 * @param aleatoricWeight change per unit of predicted noise std
 * @param floor the smallest scale served: a quarter of the median fitted value, so that no
 *     extrapolated score gets a zero or negative scale
 */
public record ErrorScale(
        int n, double intercept, double scoreWeight, double aleatoricWeight, double floor) {
    /** The share of the median fitted scale below which no scale goes. */
    public static final double FLOOR_SHARE = 0.25;

    public ErrorScale {
        if (n < 1) {
            throw new IllegalArgumentException(
                    "an error scale needs at least one example, got n = " + n);
        }
        if (!Double.isFinite(intercept)
                || !Double.isFinite(scoreWeight)
                || !Double.isFinite(aleatoricWeight)) {
            throw new IllegalArgumentException(
                    "error scale coefficients must be finite, got "
                            + intercept
                            + ", "
                            + scoreWeight
                            + ", "
                            + aleatoricWeight);
        }
        if (!(floor > 0 && Double.isFinite(floor))) {
            throw new IllegalArgumentException(
                    "error scale floor must be a finite number > 0, got " + floor);
        }
    }

    /** The scale of a prediction with this score and aleatoric std (NaN: the term is left out). */
    public double of(double score, double aleatoricStd) {
        double v = intercept + scoreWeight * score;
        if (aleatoricWeight != 0 && !Double.isNaN(aleatoricStd)) {
            v += aleatoricWeight * aleatoricStd;
        }
        return Double.isNaN(v) ? floor : Math.max(floor, v);
    }

    /**
     * Least squares of {@code absErrors} on the scores and aleatoric stds (with an intercept), the
     * inputs centred so that a constant or non-finite feature drops out with weight 0.
     */
    public static ErrorScale fit(double[] absErrors, double[] scores, double[] aleatoricStds) {
        int n = absErrors.length;
        if (n == 0 || scores.length != n || aleatoricStds.length != n) {
            throw new IllegalArgumentException(
                    "error scale needs equal, non-empty arrays: "
                            + n
                            + " errors, "
                            + scores.length
                            + " scores, "
                            + aleatoricStds.length
                            + " aleatoric stds");
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
        boolean useAleatoric = Arrays.stream(aleatoricStds).allMatch(Double::isFinite);
        double[][] x = {scores, useAleatoric ? aleatoricStds : new double[n]};
        double[] mean = new double[2];
        double yMean = Arrays.stream(absErrors).average().orElseThrow();
        for (int j = 0; j < 2; j++) {
            mean[j] = Arrays.stream(x[j]).average().orElseThrow();
        }
        double[][] xtx = new double[2][2];
        double[] xty = new double[2];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 2; a++) {
                double da = x[a][i] - mean[a];
                xty[a] += da * (absErrors[i] - yMean);
                for (int b = 0; b < 2; b++) {
                    xtx[a][b] += da * (x[b][i] - mean[b]);
                }
            }
        }
        double[] w = solve(xtx, xty);
        double intercept = yMean - w[0] * mean[0] - w[1] * mean[1];
        double[] fitted = new double[n];
        for (int i = 0; i < n; i++) {
            fitted[i] = intercept + w[0] * x[0][i] + w[1] * x[1][i];
        }
        Arrays.sort(fitted);
        double median = fitted[n / 2];
        double floor = FLOOR_SHARE * (median > 0 ? median : yMean > 0 ? yMean : 1e-6);
        return new ErrorScale(n, intercept, w[0], w[1], Math.max(floor, 1e-9));
    }

    /** The 2 x 2 centred normal equations; a feature with (almost) no variance gets weight 0. */
    private static double[] solve(double[][] a, double[] b) {
        boolean use0 = a[0][0] > 1e-12, use1 = a[1][1] > 1e-12;
        if (use0 && use1) {
            double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
            if (Math.abs(det) > 1e-12 * a[0][0] * a[1][1]) {
                return new double[] {
                    (b[0] * a[1][1] - a[0][1] * b[1]) / det, (a[0][0] * b[1] - a[1][0] * b[0]) / det
                };
            }
            use1 = false; // collinear: the score alone
        }
        return new double[] {use0 ? b[0] / a[0][0] : 0, use1 ? b[1] / a[1][1] : 0};
    }
}
