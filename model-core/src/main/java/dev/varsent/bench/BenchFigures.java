package dev.varsent.bench;

/** The rounding of the figures the benchmarks print. */
public final class BenchFigures {

    private BenchFigures() {}

    /**
     * {@code value} rounded to {@code decimals} places, halves towards positive infinity ({@link
     * Math#round(double)}); NaN gives 0.
     */
    public static double round(double value, int decimals) {
        if (decimals < 0 || decimals > 9) {
            throw new IllegalArgumentException("decimals must be 0 to 9, got " + decimals);
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
