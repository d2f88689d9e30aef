package dev.varsent.uncertainty;

/**
 * How the off-domain signal widens a prediction's uncertainty: the total std times sqrt(1 + novelty^2), i.e.
 * the novelty, in units of the std itself, added in quadrature. Ordinary in-domain text (novelty below 1)
 * widens by at most 41 %, so the in-domain ranking of the std is barely touched, while text far from the
 * training corpus (novelty 3) widens about threefold. A NaN novelty (a model without a novelty model) leaves
 * the std as it is.
 */
public final class NoveltyInflation {
    private NoveltyInflation() {
    }

    public static double inflate(double std, double novelty) {
        return Double.isNaN(novelty) ? std : std * Math.sqrt(1 + novelty * novelty);
    }
}
