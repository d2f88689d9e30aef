package dev.varsent.active;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Which unlabelled pool items get sent to the oracle each round. */
public enum Strategy {
    /** The budget's worth of items chosen uniformly at random. */
    RANDOM {
        @Override
        List<Integer> select(List<Integer> unlabelled, double[] uncertainty, int budget, Random rng) {
            List<Integer> shuffled = new ArrayList<>(unlabelled);
            Collections.shuffle(shuffled, rng);
            return new ArrayList<>(shuffled.subList(0, Math.min(budget, shuffled.size())));
        }
    },
    /** The items with the largest MC-dropout uncertainty, as the scoring job routes them (ties by position). */
    UNCERTAINTY {
        @Override
        List<Integer> select(List<Integer> unlabelled, double[] uncertainty, int budget, Random rng) {
            if (uncertainty == null || uncertainty.length != unlabelled.size()) {
                throw new IllegalArgumentException("uncertainty routing needs one score per unlabelled item");
            }
            List<Integer> order = new ArrayList<>(unlabelled.size());
            for (int i = 0; i < unlabelled.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.<Integer>comparingDouble(i -> -uncertainty[i]).thenComparingInt(i -> i));
            List<Integer> picked = new ArrayList<>(Math.min(budget, order.size()));
            for (int i = 0; i < Math.min(budget, order.size()); i++) {
                picked.add(unlabelled.get(order.get(i)));
            }
            return picked;
        }
    };

    /**
     * Up to {@code budget} of the {@code unlabelled} pool indices; {@code uncertainty[i]} belongs to
     * {@code unlabelled.get(i)} (null when {@link #needsScores()} is false).
     */
    abstract List<Integer> select(List<Integer> unlabelled, double[] uncertainty, int budget, Random rng);

    boolean needsScores() {
        return this == UNCERTAINTY;
    }

    /** The name used in JSON and charts. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
