package dev.varsent.active;

import java.util.List;

/**
 * How many labels each strategy needed. {@code labelsRandom}: what random selection used in total
 * to reach its final RMSE; {@code labelsUncertainty}: the first label count at which uncertainty
 * routing's RMSE was at most that, or null if it never was; {@code ratio}: their quotient, or null.
 */
public record LabelEfficiency(
        int labelsRandom, double randomFinalRmse, Integer labelsUncertainty, Double ratio) {
    /** The target: uncertainty routing needs at most half the labels. */
    public static final double TARGET_RATIO = 0.5;

    public static LabelEfficiency of(List<RoundResult> random, List<RoundResult> uncertainty) {
        if (random.isEmpty() || uncertainty.isEmpty()) {
            throw new IllegalArgumentException("both learning curves need at least one point");
        }
        RoundResult last = random.get(random.size() - 1);
        for (RoundResult r : uncertainty) {
            if (r.rmse() <= last.rmse()) {
                return new LabelEfficiency(
                        last.labels(),
                        last.rmse(),
                        r.labels(),
                        (double) r.labels() / last.labels());
            }
        }
        return new LabelEfficiency(last.labels(), last.rmse(), null, null);
    }

    public boolean targetMet() {
        return ratio != null && ratio <= TARGET_RATIO;
    }
}
