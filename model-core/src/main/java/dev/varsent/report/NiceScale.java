package dev.varsent.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An axis range widened to round tick values (steps of 1, 2 or 5 times a power of ten), after
 * Heckbert's "Nice numbers for graph labels" (Graphics Gems, 1990).
 */
public record NiceScale(double min, double max, double step) {

    /**
     * A scale covering [lo, hi] with about {@code targetTicks} ticks; a zero-width range is
     * widened.
     */
    public static NiceScale covering(double lo, double hi, int targetTicks) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException("invalid range [" + lo + ", " + hi + "]");
        }
        if (targetTicks < 2) {
            throw new IllegalArgumentException("need at least 2 ticks, got " + targetTicks);
        }
        if (lo == hi) {
            double pad = lo == 0.0 ? 1.0 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = nice((hi - lo) / (targetTicks - 1));
        // The tolerance keeps 0.3 / 0.1 = 2.9999999999999996 from adding a tick below the data.
        double first = Math.floor(lo / step + 1e-9);
        double last = Math.ceil(hi / step - 1e-9);
        return new NiceScale(multiple(step, first), multiple(step, last), step);
    }

    /** The 1, 2 or 5 times a power of ten nearest to x. */
    private static double nice(double x) {
        double exponent = Math.floor(Math.log10(x));
        double fraction = x / Math.pow(10, exponent);
        double niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return niceFraction * Math.pow(10, exponent);
    }

    /** Tick values from min to max inclusive. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (long i = Math.round(min / step), last = Math.round(max / step); i <= last; i++) {
            ticks.add(multiple(step, i));
        }
        return ticks;
    }

    /** n * step in decimal, so that 3 * 0.1 is 0.3 and not 0.30000000000000004. */
    private static double multiple(double step, double n) {
        return new BigDecimal(Double.toString(step)).multiply(BigDecimal.valueOf(n)).doubleValue();
    }

    /** A tick label with as many decimals as the step needs. */
    public String label(double value) {
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        if (magnitude >= 1e7 || step < 1e-5) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
    }
}
