package dev.varsent.routing;

/** The share of true outcomes among the last {@code capacity} ones. */
public final class RecentRate {

    private final boolean[] ring;
    private int size;
    private int next;
    private int trues;

    public RecentRate(int capacity) {
        this.ring = new boolean[capacity];
    }

    public void add(boolean outcome) {
        if (size == ring.length) {
            if (ring[next]) {
                trues--;
            }
        } else {
            size++;
        }
        ring[next] = outcome;
        if (outcome) {
            trues++;
        }
        next = (next + 1) % ring.length;
    }

    /** 0 before any outcome. */
    public double rate() {
        return size == 0 ? 0.0 : (double) trues / size;
    }
}
