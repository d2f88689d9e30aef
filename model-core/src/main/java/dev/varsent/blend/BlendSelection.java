package dev.varsent.blend;

import dev.varsent.predict.Prediction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the blend on held-out reviews (reviews neither the network nor the ridge trained on): the
 * network's share {@code weight} on a grid of {@link #STEPS} + 1 values in [0, 1] by RMSE against
 * the ratings; then a bias (the mean residual of that blend) only when it is more than two standard
 * errors from zero, since a shift the held-out reviews cannot tell from noise would only move the
 * pos/neg calls; then the aleatoric scale c with c^2 mean(a^2) = max(0, MSE - mean((weight *
 * e)^2)), the noise the blend's squared errors show beyond its epistemic spread (1 when the network
 * has no aleatoric estimate).
 *
 * @param rmseByWeight held-out RMSE of each grid weight (no bias)
 * @param rmseDeep held-out RMSE of the network alone (weight 1)
 * @param rmseRidge held-out RMSE of the ridge alone (weight 0)
 * @param rmse held-out RMSE of the chosen blend, bias included
 * @param n held-out reviews
 */
public record BlendSelection(
        double weight,
        double bias,
        double aleatoricScale,
        Map<Double, Double> rmseByWeight,
        double rmseDeep,
        double rmseRidge,
        double rmse,
        int n) {
    public static final int STEPS = 20;

    public BlendSelection {
        rmseByWeight = Collections.unmodifiableMap(new LinkedHashMap<>(rmseByWeight));
    }

    /**
     * @param deep the network's MC predictions of the held-out reviews (regression head)
     * @param ridge the ridge's scores of the same reviews
     * @param y their ratings
     * @throws IllegalArgumentException if the sizes differ or there are fewer than 2 reviews
     */
    public static BlendSelection choose(List<Prediction> deep, double[] ridge, double[] y) {
        int n = y.length;
        if (deep.size() != n || ridge.length != n || n < 2) {
            throw new IllegalArgumentException(
                    "blend selection needs at least 2 held-out reviews with a prediction,"
                            + " a ridge score and a rating each; got "
                            + deep.size()
                            + ", "
                            + ridge.length
                            + ", "
                            + n);
        }
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = deep.get(i).score();
        }
        Map<Double, Double> rmse = new LinkedHashMap<>();
        for (int s = 0; s <= STEPS; s++) {
            double w = (double) s / STEPS;
            rmse.put(w, Math.sqrt(meanSquare(m, ridge, y, w, 0)));
        }
        double best = argmin(rmse);
        double meanResidual = 0;
        for (int i = 0; i < n; i++) {
            meanResidual += (y[i] - blend(m[i], ridge[i], best, 0)) / n;
        }
        double variance = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - blend(m[i], ridge[i], best, 0) - meanResidual;
            variance += r * r / (n - 1);
        }
        double bias = Math.abs(meanResidual) > 2 * Math.sqrt(variance / n) ? meanResidual : 0;
        double mse = meanSquare(m, ridge, y, best, bias);
        double epistemic = 0, aleatoric = 0;
        boolean noAleatoric = false;
        for (Prediction p : deep) {
            epistemic += Math.pow(best * p.std(), 2) / n;
            aleatoric += Math.pow(p.aleatoricStd(), 2) / n;
            noAleatoric |= !Double.isFinite(p.aleatoricStd());
        }
        double scale =
                noAleatoric || !(aleatoric > 0)
                        ? 1
                        : Math.sqrt(Math.max(0, mse - epistemic) / aleatoric);
        return new BlendSelection(
                best, bias, scale, rmse, rmse.get(1.0), rmse.get(0.0), Math.sqrt(mse), n);
    }

    private static double argmin(Map<Double, Double> rmse) {
        double best = Double.NaN;
        for (Map.Entry<Double, Double> e : rmse.entrySet()) {
            if (Double.isNaN(best) || e.getValue() < rmse.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    private static double blend(double deep, double ridge, double w, double bias) {
        return w * deep + (1 - w) * ridge + bias;
    }

    private static double meanSquare(double[] m, double[] r, double[] y, double w, double bias) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - blend(m[i], r[i], w, bias);
            s += e * e / y.length;
        }
        return s;
    }
}
