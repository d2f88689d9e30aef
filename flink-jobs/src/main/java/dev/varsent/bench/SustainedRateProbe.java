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
 * produced at once, the rate is read off the timeline of its outputs ({@link SustainedRate}), and
 * the probe returns once the whole backlog is out, so that what runs next starts on an empty queue.
 * Its reviews' ids start with {@link #ID_PREFIX}.
 */
final class SustainedRateProbe {

    static final String ID_PREFIX = "probe-";

    /** Checks, while waiting, that the run can go on (the job is alive); throws when it cannot. */
    @FunctionalInterface
    interface Health {
        void check() throws Exception;
    }

    private final VarsentConfig local;
    private final List<ReviewText> reviews;
    private final long backlog;
    private final Duration warmup;
    private final Duration window;

    SustainedRateProbe(
            VarsentConfig local,
            List<ReviewText> reviews,
            long backlog,
            Duration warmup,
            Duration window) {
        if (backlog < 1) {
            throw new IllegalArgumentException("the probe needs a backlog, got " + backlog);
        }
        this.local = local;
        this.reviews = reviews;
        this.backlog = backlog;
        this.warmup = warmup;
        this.window = window;
    }

    long backlog() {
        return backlog;
    }

    SustainedRate measure(Health health) throws Exception {
        long checkpointMs = local.get(CHECKPOINT_INTERVAL).toMillis();
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
            new ReviewFeeder(
                            local.get(BOOTSTRAP_SERVERS),
                            local.get(TOPIC_REVIEWS),
                            reviews,
                            Double.POSITIVE_INFINITY,
                            0,
                            ID_PREFIX,
                            backlog)
                    .run();
            await(timeline, () -> timeline.backlogOutputs() > 0, Duration.ofMinutes(2), health);
            long until =
                    timeline.backlogTimeline().get(0).nanos()
                            + warmup.plus(window).toNanos()
                            + 2_000_000L * checkpointMs;
            await(
                    timeline,
                    () -> timeline.backlogOutputs() >= backlog || System.nanoTime() >= until,
                    Duration.ofNanos(until - System.nanoTime()).plusMinutes(1),
                    health);
            SustainedRate rate =
                    SustainedRate.measure(
                            timeline.backlogTimeline(),
                            backlog,
                            warmup,
                            window,
                            Duration.ofMillis(Math.min(200, Math.max(1, checkpointMs / 4))));
            Duration drain =
                    Duration.ofMillis(
                            (long) (4000 * backlog / rate.reviewsPerSecond())
                                    + 3 * checkpointMs
                                    + 30_000);
            await(timeline, () -> timeline.backlogOutputs() >= backlog, drain, health);
            return rate;
        } finally {
            timeline.stop();
            timelineThread.join();
        }
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
                                + backlog
                                + " reviews out");
            }
            Thread.sleep(50);
        }
    }
}
