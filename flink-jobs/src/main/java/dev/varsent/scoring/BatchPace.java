package dev.varsent.scoring;

/**
 * The recent scoring time per review of one subtask (an exponentially weighted mean over its
 * batches), and from it how many reviews a batch may hold to be scored within a time budget. Every
 * review of a batch is as late as the whole batch takes, so in the low-latency mode a batch is cut
 * by its expected scoring time, not only by its size. Used from the task thread only.
 */
final class BatchPace {

    /** The weight of the newest batch: about the last ten batches count. */
    private static final double NEWEST = 0.2;

    private double nanosPerReview = Double.NaN;

    /** A batch of {@code reviews} took {@code nanos} to score. */
    void scored(int reviews, long nanos) {
        if (reviews < 1 || nanos < 0) {
            return;
        }
        double perReview = (double) nanos / reviews;
        nanosPerReview =
                Double.isNaN(nanosPerReview)
                        ? perReview
                        : NEWEST * perReview + (1 - NEWEST) * nanosPerReview;
    }

    /**
     * The most reviews expected to be scored within {@code budgetNanos}: at least 1, at most {@code
     * cap}, and {@code cap} until a batch has been timed.
     */
    int batchSize(long budgetNanos, int cap) {
        if (Double.isNaN(nanosPerReview) || nanosPerReview <= 0) {
            return cap;
        }
        double fits = budgetNanos / nanosPerReview;
        return (int) Math.max(1, Math.min(cap, Math.floor(fits)));
    }

    /** The current estimate in milliseconds per review (NaN before the first batch). */
    double millisPerReview() {
        return nanosPerReview / 1e6;
    }
}
