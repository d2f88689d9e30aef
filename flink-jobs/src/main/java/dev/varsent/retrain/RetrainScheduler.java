package dev.varsent.retrain;

import dev.varsent.registry.HistoryEvent;
import dev.varsent.registry.ModelRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retrains on a {@link RetrainSchedule}: polls the number of labels seen so far and starts a
 * retrain when it is due, one at a time. A failed retrain is logged and counted; the next one is
 * tried when it is due again (the labels it missed still count as new).
 *
 * <p>The labels are counted from the start of the labelled-example store, so a scheduler that
 * starts again (a restarted {@code local} run or {@code retrain --schedule}) must not take the
 * whole store as new: it starts from a {@link Baseline}, the labels and time of the last retrain
 * recorded in the registry ({@link Baseline#lastRetrainIn}).
 */
public final class RetrainScheduler implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainScheduler.class);

    /**
     * Runs one retrain to its end; its decision as recorded in the registry, or null when it has
     * none.
     */
    @FunctionalInterface
    public interface Retrain {
        HistoryEvent.Retrained run() throws Exception;
    }

    /** Told about each retrain as it starts and ends, e.g. to print it. */
    public interface Listener {
        void started(long newLabels);

        void finished(HistoryEvent.Retrained decision);

        void failed(Exception e);
    }

    /**
     * Where counting starts: the labels already spent by a retrain, and when it ran.
     *
     * @param labels labels (records of the labelled-example store) the last retrain used
     * @param atMillis when it decided
     */
    public record Baseline(long labels, long atMillis) {

        /**
         * The last retrain recorded in {@code registry}'s history: its {@code labelled} count (the
         * distinct labelled reviews it trained and held out on; the store is compacted by review
         * id, so its record count comes down to that) and its time; none (0 labels, now) when there
         * is none. A retrain that failed recorded nothing, so its labels still count as new.
         */
        public static Baseline lastRetrainIn(ModelRegistry registry, Clock clock)
                throws IOException {
            HistoryEvent.Retrained last = null;
            for (HistoryEvent event : registry.history()) {
                if (event instanceof HistoryEvent.Retrained r) {
                    last = r;
                }
            }
            if (last == null) {
                return new Baseline(0, clock.millis());
            }
            return new Baseline(
                    last.counts().getOrDefault("labelled", 0L), last.at().toEpochMilli());
        }
    }

    private final RetrainSchedule schedule;
    private final LongSupplier labelsSeen;
    private final Retrain retrain;
    private final Listener listener;
    private final Clock clock;
    private final long pollMs;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong retrains = new AtomicLong();
    private final AtomicLong promotions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running;
    private long labelsAtLastRetrain;
    private long lastRetrainAt;

    /** Counting from no labels and now: for a store the scheduler has seen from its start. */
    public RetrainScheduler(
            RetrainSchedule schedule,
            LongSupplier labelsSeen,
            Retrain retrain,
            Listener listener,
            Clock clock,
            long pollMs) {
        this(
                schedule,
                labelsSeen,
                retrain,
                listener,
                clock,
                pollMs,
                new Baseline(0, clock.millis()));
    }

    public RetrainScheduler(
            RetrainSchedule schedule,
            LongSupplier labelsSeen,
            Retrain retrain,
            Listener listener,
            Clock clock,
            long pollMs,
            Baseline baseline) {
        this.schedule = schedule;
        this.labelsSeen = labelsSeen;
        this.retrain = retrain;
        this.listener = listener;
        this.clock = clock;
        this.pollMs = pollMs;
        this.labelsAtLastRetrain = baseline.labels();
        this.lastRetrainAt = baseline.atMillis();
    }

    @Override
    public void run() {
        try {
            while (!stop.await(pollMs, TimeUnit.MILLISECONDS)) {
                runIfDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One check of the schedule; runs the retrain on this thread when it is due. Returns whether it
     * ran.
     */
    public boolean runIfDue() {
        long seen = labelsSeen.getAsLong();
        long newLabels = seen - labelsAtLastRetrain;
        long now = clock.millis();
        if (!schedule.due(newLabels, now - lastRetrainAt)) {
            return false;
        }
        labelsAtLastRetrain = seen;
        lastRetrainAt = now;
        running = true;
        listener.started(newLabels);
        try {
            HistoryEvent.Retrained decision = retrain.run();
            retrains.incrementAndGet();
            if (decision != null && decision.promoted()) {
                promotions.incrementAndGet();
            }
            listener.finished(decision);
        } catch (Exception e) {
            if (stop.getCount() == 0) {
                LOG.info("Retrain stopped by shutdown: {}", e.getMessage());
                return true;
            }
            failures.incrementAndGet();
            // The labels of a failed retrain are not spent: they count towards the next one.
            labelsAtLastRetrain = seen - newLabels;
            LOG.error("Retrain failed", e);
            listener.failed(e);
        } finally {
            running = false;
        }
        return true;
    }

    public void stop() {
        stop.countDown();
    }

    public boolean isRunning() {
        return running;
    }

    public long retrains() {
        return retrains.get();
    }

    public long promotions() {
        return promotions.get();
    }

    public long failures() {
        return failures.get();
    }
}
