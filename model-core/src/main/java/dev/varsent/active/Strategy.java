package dev.varsent.active;

import dev.varsent.predict.UncertaintySignal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Which unlabelled pool items get sent to the oracle each round. */
public enum Strategy {
    /** The budget's worth of items chosen uniformly at random. */
    RANDOM(null) {
        @Override
        List<Integer> select(
                List<Integer> unlabelled,
                double[] uncertainty,
                List<String> reviews,
                int maxPerReview,
                int budget,
                Random rng) {
            List<Integer> shuffled = new ArrayList<>(unlabelled);
            Collections.shuffle(shuffled, rng);
            return new ArrayList<>(shuffled.subList(0, Math.min(budget, shuffled.size())));
        }
    },
    /**
     * The items with the largest epistemic uncertainty (the MC-dropout spread, what more labels can
     * reduce), as the scoring job routes them with {@code routing.signal: epistemic} (ties by
     * position). With a cap, at most {@code maxPerReview} items of one review are taken in the
     * uncertainty order; if the capped pass leaves budget over (few reviews left), the most
     * uncertain of the skipped items fill it, so both strategies always buy the same number of
     * labels.
     */
    EPISTEMIC(UncertaintySignal.EPISTEMIC) {
        @Override
        List<Integer> select(
                List<Integer> unlabelled,
                double[] uncertainty,
                List<String> reviews,
                int maxPerReview,
                int budget,
                Random rng) {
            return topUncertain(unlabelled, uncertainty, reviews, maxPerReview, budget);
        }
    },
    /**
     * The items with the largest total uncertainty ({@link
     * dev.varsent.predict.Prediction#uncertainty(UncertaintySignal)} with {@code TOTAL}: the
     * calibrated total std, or epistemic and aleatoric combined when the model has no calibration),
     * as the scoring job routes them by default; the same cap and tie rule as {@link #EPISTEMIC}.
     */
    TOTAL(UncertaintySignal.TOTAL) {
        @Override
        List<Integer> select(
                List<Integer> unlabelled,
                double[] uncertainty,
                List<String> reviews,
                int maxPerReview,
                int budget,
                Random rng) {
            return topUncertain(unlabelled, uncertainty, reviews, maxPerReview, budget);
        }
    };

    private final UncertaintySignal signal;

    Strategy(UncertaintySignal signal) {
        this.signal = signal;
    }

    private static List<Integer> topUncertain(
            List<Integer> unlabelled,
            double[] uncertainty,
            List<String> reviews,
            int maxPerReview,
            int budget) {
        if (uncertainty == null || uncertainty.length != unlabelled.size()) {
            throw new IllegalArgumentException(
                    "uncertainty routing needs one score per unlabelled item");
        }
        if (maxPerReview > 0 && (reviews == null || reviews.size() != unlabelled.size())) {
            throw new IllegalArgumentException(
                    "a per-review cap needs the review of every unlabelled item");
        }
        List<Integer> order = new ArrayList<>(unlabelled.size());
        for (int i = 0; i < unlabelled.size(); i++) {
            order.add(i);
        }
        order.sort(
                Comparator.<Integer>comparingDouble(i -> -uncertainty[i]).thenComparingInt(i -> i));
        int size = Math.min(budget, order.size());
        List<Integer> picked = new ArrayList<>(size);
        List<Integer> skipped = new ArrayList<>();
        Map<String, Integer> perReview = new HashMap<>();
        for (int i : order) {
            if (picked.size() == size) {
                break;
            }
            if (maxPerReview > 0
                    && perReview.merge(reviews.get(i), 1, Integer::sum) > maxPerReview) {
                skipped.add(i);
            } else {
                picked.add(unlabelled.get(i));
            }
        }
        for (int k = 0; picked.size() < size; k++) {
            picked.add(unlabelled.get(skipped.get(k)));
        }
        return picked;
    }

    /**
     * Up to {@code budget} of the {@code unlabelled} pool indices; {@code uncertainty[i]} and
     * {@code reviews.get(i)} (the review the item was cut from) belong to {@code
     * unlabelled.get(i)}. {@code uncertainty} is null when {@link #needsScores()} is false; {@code
     * reviews} may be null when {@code maxPerReview} is 0 (no cap).
     */
    abstract List<Integer> select(
            List<Integer> unlabelled,
            double[] uncertainty,
            List<String> reviews,
            int maxPerReview,
            int budget,
            Random rng);

    public boolean needsScores() {
        return signal != null;
    }

    /** The uncertainty this strategy ranks by, or null for random selection. */
    public UncertaintySignal signal() {
        return signal;
    }

    /** The strategy named {@code key} ({@code random}, {@code epistemic} or {@code total}). */
    public static Strategy of(String key) {
        for (Strategy s : values()) {
            if (s.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown strategy '"
                        + key
                        + "': expected one of "
                        + Arrays.stream(values()).map(Strategy::key).toList());
    }

    /** The name used in JSON and charts. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
