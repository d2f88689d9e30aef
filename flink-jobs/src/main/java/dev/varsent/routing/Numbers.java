package dev.varsent.routing;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formats of rule texts. */
final class Numbers {

    private Numbers() {}

    /**
     * Three significant digits, no exponent, no trailing zeros: 0.1312 as "0.131", 0.12 as "0.12".
     */
    static String compact(double value) {
        return BigDecimal.valueOf(value)
                .round(new MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A share as a percentage: 0.05 as "5%", 0.025 as "2.5%". */
    static String percent(double share) {
        return compact(share * 100) + "%";
    }
}
