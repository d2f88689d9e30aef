package dev.varsent.active;

import java.util.ArrayList;
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
    RANDOM {
        @Override
        List<Integer> select(List<Integer> unlabelled, double[] uncertainty, List<String> reviews, int maxPerReview,
                             int budget, Random rng) {
            List<Integer> shuffled = new ArrayList<>(unlabelled);
            Collections.shuffle(shuffled, rng);
            return new ArrayList<>(shuffled.subList(0, Math.min(budget, shuffled.size())));
        }
    },
    /**
     * The items with the largest MC-dropout uncertainty, as the scoring job routes them (ties by position). With
     * a cap, at most {@code maxPerReview} items of one review are taken in the uncertainty order; if the capped
     * pass leaves budget over (few reviews left), the most uncertain of the skipped items fill it, so both
     * strategies always buy the same number of labels.
     */
    UNCERTAINTY {
        @Override
        List<Integer> select(List<Integer> unlabelled, double[] uncertainty, List<String> reviews, int maxPerReview,
                             int budget, Random rng) {
            if (uncertainty == null || uncertainty.length != unlabelled.size()) {
                throw new IllegalArgumentException("uncertainty routing needs one score per unlabelled item");
            }
            if (maxPerReview > 0 && (reviews == null || reviews.size() != unlabelled.size())) {
                throw new IllegalArgumentException("a per-review cap needs the review of every unlabelled item");
            }
            List<Integer> order = new ArrayList<>(unlabelled.size());
            for (int i = 0; i < unlabelled.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.<Integer>comparingDouble(i -> -uncertainty[i]).thenComparingInt(i -> i));
            int size = Math.min(budget, order.size());
            List<Integer> picked = new ArrayList<>(size);
            List<Integer> skipped = new ArrayList<>();
            Map<String, Integer> perReview = new HashMap<>();
            for (int i : order) {
                if (picked.size() == size) {
                    break;
                }
                if (maxPerReview > 0 && perReview.merge(reviews.get(i), 1, Integer::sum) > maxPerReview) {
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
    };

    /**
     * Up to {@code budget} of the {@code unlabelled} pool indices; {@code uncertainty[i]} and {@code reviews.get(i)}
     * (the review the item was cut from) belong to {@code unlabelled.get(i)}. {@code uncertainty} is null when
     * {@link #needsScores()} is false; {@code reviews} may be null when {@code maxPerReview} is 0 (no cap).
     */
    abstract List<Integer> select(List<Integer> unlabelled, double[] uncertainty, List<String> reviews,
                                  int maxPerReview, int budget, Random rng);

    boolean needsScores() {
        return this == UNCERTAINTY;
    }

    /** The name used in JSON and charts. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
