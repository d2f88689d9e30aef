package dev.varsent.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact quantiles of the last {@code capacity} values of a stream: a ring buffer in arrival
 * order plus the same values kept sorted. Adding costs O(log n) to search and O(n) to shift, a few
 * microseconds for windows of thousands, far below the cost of scoring one review.
 */
public final class SlidingWindowQuantile {

    private final double[] ring;
    private final double[] sorted;
    private int size;
    private int next;

    public SlidingWindowQuantile(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.ring = new double[capacity];
        this.sorted = new double[capacity];
    }

    /** Adds a finite value, evicting the oldest one when the window is full. */
    public void add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite value: " + value);
        }
        if (size == ring.length) {
            removeSorted(ring[next]);
            insertSorted(value, size - 1);
        } else {
            insertSorted(value, size);
            size++;
        }
        ring[next] = value;
        next = (next + 1) % ring.length;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    /**
     * The smallest value v of the window with at least a share {@code q} of the window at or below
     * v (the "inverted CDF" quantile). Requires a non-empty window.
     */
    public double quantile(double q) {
        if (size == 0) {
            throw new IllegalStateException("empty window");
        }
        int index = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))];
    }

    /** The {@code rank}-th smallest value of the window (1 for the smallest). */
    public double orderStatistic(int rank) {
        if (rank < 1 || rank > size) {
            throw new IndexOutOfBoundsException(
                    "rank " + rank + " of a window of " + size + " values");
        }
        return sorted[rank - 1];
    }

    /** How many values of the window are greater than {@code value}. */
    public int countAbove(double value) {
        return size - upperBound(value);
    }

    /** How many values of the window equal {@code value}. */
    public int countEqual(double value) {
        return upperBound(value) - lowerBound(value);
    }

    private int lowerBound(double value) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Double.compare(sorted[mid], value) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private int upperBound(double value) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Double.compare(sorted[mid], value) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The values in arrival order, oldest first. */
    public List<Double> values() {
        List<Double> values = new ArrayList<>(size);
        int start = size == ring.length ? next : 0;
        for (int i = 0; i < size; i++) {
            values.add(ring[(start + i) % ring.length]);
        }
        return values;
    }

    /** Inserts into sorted[0, filled), which has a free slot at its end. */
    private void insertSorted(double value, int filled) {
        int at = Arrays.binarySearch(sorted, 0, filled, value);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, filled - at);
        sorted[at] = value;
    }

    /** Removes one occurrence of a value present in sorted[0, size). */
    private void removeSorted(double value) {
        int at = Arrays.binarySearch(sorted, 0, size, value);
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
    }
}
