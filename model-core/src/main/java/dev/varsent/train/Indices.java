package dev.varsent.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded orders and subsets of training examples. */
final class Indices {
    private Indices() {}

    static List<Integer> shuffled(int n, long seed) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        return order;
    }

    /**
     * A fixed random subset of {@code size} of the indices 0..n-1 (all of them when n is smaller).
     */
    static List<Integer> fixedSubset(int n, int size, long seed) {
        List<Integer> order = shuffled(n, seed ^ 0x7a11);
        return new ArrayList<>(order.subList(0, Math.min(size, n)));
    }

    static <T> List<T> select(List<T> items, List<Integer> idx) {
        List<T> out = new ArrayList<>(idx.size());
        for (int i : idx) {
            out.add(items.get(i));
        }
        return out;
    }

    static double[] select(double[] values, List<Integer> idx) {
        double[] out = new double[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[idx.get(i)];
        }
        return out;
    }
}
