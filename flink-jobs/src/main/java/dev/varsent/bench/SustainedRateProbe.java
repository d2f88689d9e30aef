package dev.varsent.bench;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.CHECKPOINT_INTERVAL;
import static dev.varsent.config.VarsentOptions.TOPIC_DEAD_LETTERS;
import static dev.varsent.config.VarsentOptions.TOPIC_PREDICTIONS;
import static dev.varsent.config.VarsentOptions.TOPIC_RELABEL;
import static dev.varsent.config.VarsentOptions.TOPIC_REVIEWS;

import dev.varsent.config.VarsentConfig;
import dev.varsent.corpus.ReviewText;
import dev.varsent.local.ReviewFeeder;
import java.time.Duration;
import java.util.List;

/**
 * The sustained rate of a scoring job that is already running and idle: a backlog of reviews is
 * produced and topped up until the measuring window has passed, so the job never waits for input
 * whatever its rate (the backlog left is kept above twice the largest commit seen, since with
 * exactly-once a whole checkpoint's outputs become visible at once), the rate is read off the
 * timeline of its outputs ({@link SustainedRate}), and the probe returns once every review it
 * produced is out, so that what runs next starts on an empty queue. Its reviews' ids start with
 * {@link #ID_PREFIX}. Health is checked about once a second: each check is a call into the cluster,
 * which competes with the job for the CPU.
 */
final class SustainedRateProbe {

    static final String ID_PREFIX = "probe-";

    /** Checks, while waiting, that the run can go on (the job is alive); throws when it cannot. */
    @FunctionalInterface
    interface Health {
        void check() throws Exception;
    }

    private static final long FIRST_CHUNK = 2_000;
    private static final long MIN_CHUNK = 500;

    private final VarsentConfig local;
    private final List<ReviewText> reviews;
    private final Duration warmup;
    private final Duration window;
    private long produced;
    private int chunks;

    SustainedRateProbe(
            VarsentConfig local, List<ReviewText> reviews, Duration warmup, Duration window) {
        this.local = local;
        this.reviews = reviews;
        this.warmup = warmup;
        this.window = window;
    }

    /** Reviews the probe produced (all of them out once {@link #measure} has returned). */
    long produced() {
        return produced;
    }

    /** Reads the outputs with a timeline of its own. */
    SustainedRate measure(Health health) throws Exception {
        OutputTimeline timeline =
                new OutputTimeline(
                        local.get(BOOTSTRAP_SERVERS),
                        local.get(TOPIC_PREDICTIONS),
                        local.get(TOPIC_RELABEL),
                        local.get(TOPIC_DEAD_LETTERS),
                        // No review id starts with a control character (the parser refuses them),
                        // so every output counts as the backlog's: nothing else streams meanwhile.
                        "\u0000");
        Thread timelineThread = new Thread(timeline, "varsent-sustained-probe-timeline");
        timelineThread.start();
        try {
            return measure(timeline, health);
        } finally {
            timeline.stop();
            timelineThread.join();
        }
    }

    /**
     * Reads the outputs off {@code timeline}, which is running and counts as backlog every output
     * that streams meanwhile: the probe's reviews must be the only backlog there is.
     */
    SustainedRate measure(OutputTimeline timeline, Health health) throws Exception {
        long checkpointMs = local.get(CHECKPOINT_INTERVAL).toMillis();
        Health throttled = throttled(health);
        long before = timeline.backlogOutputs();
        if (before != 0) {
            throw new IllegalStateException(
                    before + " outputs streamed before the probe: its rate would count them");
        }
        produce(FIRST_CHUNK);
        await(timeline, () -> timeline.backlogOutputs() > 0, Duration.ofMinutes(2), throttled);
        long until =
                timeline.backlogTimeline().get(0).nanos()
                        + warmup.plus(window).toNanos()
                        + 2_000_000L * checkpointMs;
        while (System.nanoTime() < until) {
            timeline.check();
            throttled.check();
            long largestCommit = largestStep(timeline.backlogTimeline());
            if (produced - timeline.backlogOutputs() < 2 * largestCommit + MIN_CHUNK) {
                produce(Math.max(MIN_CHUNK, largestCommit));
            } else {
                Thread.sleep(50);
            }
        }
        SustainedRate rate =
                SustainedRate.measure(
                        timeline.backlogTimeline(),
                        produced,
                        warmup,
                        window,
                        Duration.ofMillis(Math.min(200, Math.max(1, checkpointMs / 4))));
        long left = produced - timeline.backlogOutputs();
        Duration drain =
                Duration.ofMillis(
                        (long) (4000 * left / rate.reviewsPerSecond()) + 3 * checkpointMs + 30_000);
        await(timeline, () -> timeline.backlogOutputs() >= produced, drain, throttled);
        return rate;
    }

    /** {@code health}, checked at most once a second. */
    static Health throttled(Health health) {
        long[] next = {System.nanoTime()};
        return () -> {
            long now = System.nanoTime();
            if (now >= next[0]) {
                health.check();
                next[0] = now + 1_000_000_000L;
            }
        };
    }

    private void produce(long count) {
        new ReviewFeeder(
                        local.get(BOOTSTRAP_SERVERS),
                        local.get(TOPIC_REVIEWS),
                        reviews,
                        Double.POSITIVE_INFINITY,
                        0,
                        ID_PREFIX + chunks++ + "-",
                        count)
                .run();
        produced += count;
    }

    /** The most outputs that became visible from one poll of the timeline to the next. */
    private static long largestStep(List<OutputTimeline.Visible> timeline) {
        long largest = 0;
        for (int i = 1; i < timeline.size(); i++) {
            largest = Math.max(largest, timeline.get(i).count() - timeline.get(i - 1).count());
        }
        return largest;
    }

    private void await(
            OutputTimeline timeline,
            java.util.function.BooleanSupplier done,
            Duration timeout,
            Health health)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            timeline.check();
            health.check();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the sustained-rate probe timed out after "
                                + timeout.toSeconds()
                                + " s with "
                                + timeline.backlogOutputs()
                                + " of "
                                + produced
                                + " reviews out");
            }
            Thread.sleep(50);
        }
    }
}
