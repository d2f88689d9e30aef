package dev.varsent.retrain;

import java.util.Locale;

/**
 * Champion or challenger: the challenger is promoted when there is no champion to beat, or when its
 * holdout RMSE is lower than the champion's by at least the margin.
 */
public final class PromotionPolicy {

    /** The decision and why, in words for the history and the log. */
    public record Verdict(boolean promote, String reason) {}

    private PromotionPolicy() {}

    /** {@code championRmse} is NaN when there is no champion (or it could not be read). */
    public static Verdict decide(double challengerRmse, double championRmse, double margin) {
        if (!Double.isFinite(challengerRmse)) {
            return new Verdict(false, "the challenger's holdout RMSE is " + challengerRmse);
        }
        if (Double.isNaN(championRmse)) {
            return new Verdict(
                    true,
                    String.format(
                            Locale.ROOT,
                            "no champion to beat; challenger holdout RMSE %.4f",
                            challengerRmse));
        }
        double gain = championRmse - challengerRmse;
        String figures =
                String.format(
                        Locale.ROOT,
                        "holdout RMSE %.4f vs champion %.4f (gain %.4f, margin %.4f)",
                        challengerRmse,
                        championRmse,
                        gain,
                        margin);
        return gain >= margin
                ? new Verdict(true, "challenger better: " + figures)
                : new Verdict(false, "champion kept: " + figures);
    }
}
