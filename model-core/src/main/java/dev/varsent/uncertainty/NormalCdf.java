package dev.varsent.uncertainty;

/** The standard normal distribution function. */
public final class NormalCdf {
    private static final double LOG_SQRT_2PI = 0.91893853320467274178;

    private NormalCdf() {}

    /**
     * Phi(x) = P(Z <= x) for a standard normal Z. For |x| <= 5 Marsaglia's Taylor series (2004,
     * "Evaluating the normal distribution"), absolute error about 1e-16; beyond, the tail from a
     * Chebyshev fit of erfc (Numerical Recipes), relative error below 1.2e-7.
     */
    public static double phi(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (Math.abs(x) > 5) {
            double tail = 0.5 * erfc(Math.abs(x) / Math.sqrt(2));
            return x > 0 ? 1 - tail : tail;
        }
        double s = x, t = 0, b = x, q = x * x;
        for (int i = 1; s != t; ) {
            t = s;
            i += 2;
            b *= q / i;
            s = t + b;
        }
        return 0.5 + s * Math.exp(-0.5 * q - LOG_SQRT_2PI);
    }

    /** The complementary error function for z >= 0. */
    private static double erfc(double z) {
        double t = 1 / (1 + 0.5 * z);
        double poly =
                -z * z
                        - 1.26551223
                        + t
                                * (1.00002368
                                        + t
                                                * (0.37409196
                                                        + t
                                                                * (0.09678418
                                                                        + t
                                                                                * (-0.18628806
                                                                                        + t
                                                                                                * (0.27886807
                                                                                                        + t
                                                                                                                * (-1.13520398
                                                                                                                        + t
                                                                                                                                * (1.48851587
                                                                                                                                        + t
                                                                                                                                                * (-0.82215223
                                                                                                                                                        + t
                                                                                                                                                                * 0.17087277))))))));
        return t * Math.exp(poly);
    }
}
