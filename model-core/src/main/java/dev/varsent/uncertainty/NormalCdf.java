package dev.varsent.uncertainty;

/** The standard normal distribution function and accurate to 1e-7. */
public final class NormalCdf {
    private NormalCdf() {
    }

    /** Phi(x) = P(Z <= x) for a standard normal Z; absolute error below 1e-7 everywhere. */
    public static double phi(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        return x >= 0 ? 1 - 0.5 * erfc(x / Math.sqrt(2)) : 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** The complementary error function for z >= 0 (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
    private static double erfc(double z) {
        double t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        return t * Math.exp(poly);
    }
}
