package dev.varsent.train;

import dev.varsent.predict.Prediction;
import java.util.Arrays;
import java.util.List;

/** Error and uncertainty-quality metrics of rating predictions. */
public final class RegressionMetrics {
    /**
     * The fraction of largest errors the uncertainty should flag in {@link #errorDetectionAuroc}.
     */
    public static final double WORST_FRACTION = 0.2;

    private RegressionMetrics() {}

    public static double rmse(List<Prediction> p, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = p.get(i).score() - y[i];
            s += d * d;
        }
        return Math.sqrt(s / y.length);
    }

    /**
     * The fraction of ratings inside mean +- 1.96 total std, MC and aleatoric (0.95 when
     * calibrated).
     */
    public static double coverage95(List<Prediction> p, double[] y) {
        return coverage95(p, y, true);
    }

    /** As {@link #coverage95}; with {@code total == false} only the MC (epistemic) std counts. */
    public static double coverage95(List<Prediction> p, double[] y, boolean total) {
        int in = 0;
        for (int i = 0; i < y.length; i++) {
            double std = total ? p.get(i).totalStd() : p.get(i).std();
            if (Math.abs(p.get(i).score() - y[i]) <= 1.96 * std) {
                in++;
            }
        }
        return (double) in / y.length;
    }

    /**
     * The worst {@link #WORST_FRACTION} absolute errors: those above the (1 - fraction) quantile.
     */
    public static boolean[] worstErrors(List<Prediction> p, double[] y) {
        int n = y.length;
        double[] err = new double[n];
        for (int i = 0; i < n; i++) {
            err[i] = Math.abs(p.get(i).score() - y[i]);
        }
        double[] sorted = err.clone();
        Arrays.sort(sorted);
        double cut = sorted[(int) Math.floor((1 - WORST_FRACTION) * (n - 1))];
        boolean[] worst = new boolean[n];
        for (int i = 0; i < n; i++) {
            worst[i] = err[i] > cut;
        }
        return worst;
    }

    /**
     * AUROC of {@code signal} as a detector of the worst {@link #WORST_FRACTION} absolute errors.
     */
    public static double errorDetectionAuroc(
            List<Prediction> p, double[] y, UncertaintySignals signal) {
        return UncertaintyMetrics.detectionAuroc(signal.of(p), worstErrors(p, y));
    }

    /**
     * Area under the ROC curve of {@code score} for {@code positive} (Mann-Whitney, ties count
     * half).
     */
    public static double auroc(double[] score, boolean[] positive) {
        int n = score.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[idx[j + 1]] == score[idx[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;
            for (int q = i; q <= j; q++) {
                if (positive[idx[q]]) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
