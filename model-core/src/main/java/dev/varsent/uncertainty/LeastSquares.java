package dev.varsent.uncertainty;

/** Small least-squares problems: a few features, some thousand examples. */
final class LeastSquares {
    /** A feature with a centred sum of squares below this share of the largest is left out. */
    private static final double NEGLIGIBLE = 1e-12;

    private LeastSquares() {}

    /**
     * The weights of {@code y} on the centred columns {@code x[j]} (an intercept is implied): the
     * normal equations solved by Gaussian elimination with partial pivoting; a feature with
     * (almost) no variance, or one collinear with the features before it, gets weight 0.
     */
    static double[] centred(double[][] x, double[] y) {
        int d = x.length, n = y.length;
        double[] mean = new double[d];
        double yMean = 0;
        for (int i = 0; i < n; i++) {
            yMean += y[i] / n;
            for (int j = 0; j < d; j++) {
                mean[j] += x[j][i] / n;
            }
        }
        double[][] a = new double[d][d];
        double[] b = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double dj = x[j][i] - mean[j];
                b[j] += dj * (y[i] - yMean);
                for (int k = 0; k < d; k++) {
                    a[j][k] += dj * (x[k][i] - mean[k]);
                }
            }
        }
        boolean[] use = new boolean[d];
        for (int j = 0; j < d; j++) {
            use[j] = a[j][j] > NEGLIGIBLE;
        }
        // Drop a feature whose residual variance, given the ones kept before it, is negligible.
        for (int j = 0; j < d; j++) {
            if (use[j] && !solvable(a, use, j)) {
                use[j] = false;
            }
        }
        return solve(a, b, use);
    }

    private static boolean solvable(double[][] a, boolean[] use, int upTo) {
        boolean[] prefix = new boolean[use.length];
        for (int j = 0; j <= upTo; j++) {
            prefix[j] = use[j];
        }
        double[] unit = new double[use.length];
        unit[upTo] = 1;
        double[] w = solve(a, unit, prefix);
        // w[upTo] = 1 / (residual variance of feature upTo given the earlier ones)
        return Double.isFinite(w[upTo]) && w[upTo] > 0 && 1 / w[upTo] > 1e-9 * a[upTo][upTo];
    }

    private static double[] solve(double[][] a, double[] b, boolean[] use) {
        int d = b.length;
        int[] idx = new int[d];
        int m = 0;
        for (int j = 0; j < d; j++) {
            if (use[j]) {
                idx[m++] = j;
            }
        }
        double[][] s = new double[m][m + 1];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                s[r][c] = a[idx[r]][idx[c]];
            }
            s[r][m] = b[idx[r]];
        }
        for (int c = 0; c < m; c++) {
            int pivot = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(s[r][c]) > Math.abs(s[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = s[c];
            s[c] = s[pivot];
            s[pivot] = t;
            for (int r = 0; r < m; r++) {
                if (r != c && s[c][c] != 0) {
                    double f = s[r][c] / s[c][c];
                    for (int k = c; k <= m; k++) {
                        s[r][k] -= f * s[c][k];
                    }
                }
            }
        }
        double[] w = new double[d];
        for (int r = 0; r < m; r++) {
            w[idx[r]] = s[r][r] == 0 ? 0 : s[r][m] / s[r][r];
        }
        return w;
    }
}
