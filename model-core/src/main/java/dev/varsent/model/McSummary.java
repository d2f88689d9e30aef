package dev.varsent.model;

import dev.varsent.predict.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the K sampled outputs of each text (K consecutive rows) into a prediction with its
 * uncertainty.
 */
final class McSummary {
    private McSummary() {}

    /**
     * y: texts*k rows of standardised outputs, one column (Gaussian head) or two (heteroscedastic
     * head: the mean and the log variance s); mean and std over the k samples in rating units. The
     * aleatoric std is sqrt(noiseVariance) for one column, and per text sqrt of the mean over the
     * samples of exp(s) std^2 for two.
     */
    static List<Prediction> regression(
            float[] y, int texts, int k, double mean, double std, double noiseVariance) {
        int cols = y.length / (texts * k);
        List<Prediction> out = new ArrayList<>(texts);
        double aleatoric = Double.isNaN(noiseVariance) ? Double.NaN : Math.sqrt(noiseVariance);
        for (int i = 0; i < texts; i++) {
            double s = 0, s2 = 0, noise = 0;
            for (int j = 0; j < k; j++) {
                int row = (i * k + j) * cols;
                double v = y[row] * std + mean;
                s += v;
                s2 += v * v;
                if (cols == 2) {
                    noise += Math.exp(y[row + 1]) * std * std / k;
                }
            }
            double m = s / k;
            double var = Math.max(0, s2 / k - m * m);
            out.add(
                    new Prediction(
                            m,
                            Math.sqrt(var),
                            cols == 2 ? Math.sqrt(noise) : aleatoric,
                            null,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            k));
        }
        return out;
    }

    /** logits: texts*k rows of c classes; class 1 is the positive class for {@code score}. */
    static List<Prediction> classification(float[] logits, int texts, int k, int c) {
        List<Prediction> out = new ArrayList<>(texts);
        double[] p = new double[c];
        for (int i = 0; i < texts; i++) {
            double[] mean = new double[c];
            int[] votes = new int[c];
            double expectedEntropy = 0, s = 0, s2 = 0;
            for (int j = 0; j < k; j++) {
                int row = (i * k + j) * c;
                double max = Double.NEGATIVE_INFINITY;
                for (int q = 0; q < c; q++) {
                    max = Math.max(max, logits[row + q]);
                }
                double z = 0;
                for (int q = 0; q < c; q++) {
                    p[q] = Math.exp(logits[row + q] - max);
                    z += p[q];
                }
                int arg = 0;
                for (int q = 0; q < c; q++) {
                    p[q] /= z;
                    mean[q] += p[q] / k;
                    expectedEntropy -= p[q] > 0 ? p[q] * Math.log(p[q]) / k : 0;
                    if (p[q] > p[arg]) {
                        arg = q;
                    }
                }
                votes[arg]++;
                double pos = p[Math.min(1, c - 1)];
                s += pos;
                s2 += pos * pos;
            }
            double entropy = 0;
            int modeVotes = 0;
            for (int q = 0; q < c; q++) {
                entropy -= mean[q] > 0 ? mean[q] * Math.log(mean[q]) : 0;
                modeVotes = Math.max(modeVotes, votes[q]);
            }
            double m = s / k;
            double std = Math.sqrt(Math.max(0, s2 / k - m * m));
            out.add(
                    new Prediction(
                            m,
                            std,
                            Double.NaN,
                            mean,
                            entropy,
                            Math.max(0, entropy - expectedEntropy),
                            1.0 - (double) modeVotes / k,
                            k));
        }
        return out;
    }
}
