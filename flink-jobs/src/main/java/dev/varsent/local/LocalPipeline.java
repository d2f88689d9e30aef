package dev.varsent.local;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.CHECKPOINT_INTERVAL;
import static dev.varsent.config.VarsentOptions.LOCAL_FEED_RATE;
import static dev.varsent.config.VarsentOptions.LOCAL_MALFORMED_FRACTION;
import static dev.varsent.config.VarsentOptions.LOCAL_SUMMARY_INTERVAL;
import static dev.varsent.config.VarsentOptions.TOPIC_DEAD_LETTERS;
import static dev.varsent.config.VarsentOptions.TOPIC_PREDICTIONS;
import static dev.varsent.config.VarsentOptions.TOPIC_RELABEL;
import static dev.varsent.config.VarsentOptions.TOPIC_REVIEWS;

import dev.varsent.config.VarsentConfig;
import dev.varsent.corpus.ReviewText;
import dev.varsent.scoring.PredictorFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * The whole pipeline and its retraining loop on this machine: an in-process Kafka broker with the
 * topics, a Flink MiniCluster with its dashboard, the scoring job and the labels job, a producer
 * streaming the given reviews at the configured rate, the oracle labeler answering relabel
 * requests, and retrains on their schedule (each one a batch job on the dashboard; a promoted model
 * is hot-swapped into the running scoring job). A summary line every few seconds counts what
 * downstream consumers see ({@code read_committed}). {@link #run} blocks until the duration is over
 * or {@link #stop()} is called (e.g. from a shutdown hook on Ctrl-C), then shuts everything down in
 * order.
 */
public final class LocalPipeline {

    private final VarsentConfig config;
    private final PredictorFactory predictorFactory;
    private final List<ReviewText> reviews;
    private final PrintStream out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public LocalPipeline(
            VarsentConfig config,
            PredictorFactory predictorFactory,
            List<ReviewText> reviews,
            PrintStream out) {
        this.config = config;
        this.predictorFactory = predictorFactory;
        this.reviews = List.copyOf(reviews);
        this.out = out;
    }

    /** The counts at the end of a run, and whether the scoring job had ended by itself (failed). */
    public record Summary(
            long sent,
            long predictions,
            long relabelRequests,
            long deadLetters,
            long labels,
            long retrains,
            long promotions,
            String servingVersion,
            boolean jobFailed) {
        public long outputs() {
            return predictions + relabelRequests + deadLetters;
        }
    }

    /** Asks a running {@link #run} to wind down; returns at once. */
    public void stop() {
        stopRequested.countDown();
    }

    /** Waits until a {@link #run} has shut everything down (for a shutdown hook). */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs for {@code duration} (null: until {@link #stop()}), then shuts down; returns the final
     * counts.
     */
    public Summary run(Duration duration) throws Exception {
        try (LocalStack stack = LocalStack.start(config, out)) {
            VarsentConfig local = stack.config();
            LocalRegistry.ensureChampion(local, out);
            LocalRegistry.ensureBaseCorpus(local, null, out);
            JobID job = stack.startScoringJob(predictorFactory);
            JobID labels = stack.startLabelsJob();
            out.println(
                    "Scoring job "
                            + job
                            + " and labels job "
                            + labels
                            + " are running; streaming "
                            + reviews.size()
                            + " reviews at "
                            + local.get(LOCAL_FEED_RATE)
                            + "/s"
                            + (duration == null
                                    ? " until Ctrl-C"
                                    : " for " + duration.toSeconds() + " s"));
            Summary summary;
            try (RetrainLoop loop = RetrainLoop.start(local, stack.flink(), out)) {
                summary = stream(local, duration, () -> stack.flink().status(job), loop);
            }
            stack.flink().cancel(labels, Duration.ofMinutes(1));
            stack.flink().cancel(job, Duration.ofMinutes(1));
            out.println("Jobs cancelled; shutting down.");
            return summary;
        } finally {
            stopped.countDown();
        }
    }

    /** The state of the scoring job, checked while streaming so that a failed job ends the run. */
    @FunctionalInterface
    private interface JobStatusProbe {
        JobStatus status() throws Exception;
    }

    private Summary stream(
            VarsentConfig local, Duration duration, JobStatusProbe job, RetrainLoop loop)
            throws Exception {
        ReviewFeeder feeder =
                new ReviewFeeder(
                        local.get(BOOTSTRAP_SERVERS),
                        local.get(TOPIC_REVIEWS),
                        reviews,
                        local.get(LOCAL_FEED_RATE),
                        local.get(LOCAL_MALFORMED_FRACTION),
                        "",
                        Long.MAX_VALUE);
        OutputTally tally =
                new OutputTally(
                        local.get(BOOTSTRAP_SERVERS),
                        local.get(TOPIC_PREDICTIONS),
                        local.get(TOPIC_RELABEL),
                        local.get(TOPIC_DEAD_LETTERS));
        Thread feederThread = new Thread(feeder, "varsent-review-feeder");
        Thread tallyThread = new Thread(tally, "varsent-output-tally");
        tallyThread.start();
        feederThread.start();
        long start = System.nanoTime();
        long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        long interval = local.get(LOCAL_SUMMARY_INTERVAL).toNanos();
        long lastOutputs = 0;
        long lastReport = start;
        boolean jobFailed = false;
        try {
            while (true) {
                long now = System.nanoTime();
                long wait = Math.min(end - now, lastReport + interval - now);
                if (wait > 0 && stopRequested.await(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
                now = System.nanoTime();
                if (now >= lastReport + interval) {
                    long outputs =
                            tally.predictions() + tally.relabelRequests() + tally.deadLetters();
                    out.println(
                            summaryLine(
                                    now - start,
                                    feeder.sent(),
                                    tally,
                                    loop,
                                    (outputs - lastOutputs) / seconds(now - lastReport)));
                    lastOutputs = outputs;
                    lastReport = now;
                }
                if (now >= end) {
                    break;
                }
                JobStatus status = job.status();
                if (status.isGloballyTerminalState()) {
                    out.println(
                            "The scoring job ended: "
                                    + status
                                    + " (see the dashboard's exceptions tab or the log)");
                    jobFailed = true;
                    break;
                }
            }
            feeder.stop();
            feederThread.join();
            drain(feeder, tally, local.get(CHECKPOINT_INTERVAL).multipliedBy(3).plusSeconds(15));
            long now = System.nanoTime();
            out.println(summaryLine(now - start, feeder.sent(), tally, loop, Double.NaN));
            return new Summary(
                    feeder.sent(),
                    tally.predictions(),
                    tally.relabelRequests(),
                    tally.deadLetters(),
                    loop.labelsAnswered(),
                    loop.retrains(),
                    loop.promotions(),
                    tally.servingVersion(),
                    jobFailed);
        } finally {
            feeder.stop();
            feederThread.join();
            tally.stop();
            tallyThread.join();
        }
    }

    /**
     * After the feeder stops, waits (up to {@code timeout}) for the reviews in flight to be
     * committed.
     */
    private static void drain(ReviewFeeder feeder, OutputTally tally, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline
                && tally.predictions() + tally.relabelRequests() + tally.deadLetters()
                        < feeder.sent()) {
            Thread.sleep(100);
        }
    }

    private static String summaryLine(
            long elapsedNanos, long sent, OutputTally tally, RetrainLoop loop, double throughput) {
        long scored = tally.predictions() + tally.relabelRequests();
        long inFlight = sent - scored - tally.deadLetters();
        return String.format(
                Locale.ROOT,
                "[%5ds] sent %d | scored %d (predictions %d, relabel %d = %.1f%%) | dead letters %d | in flight %d"
                        + " | %s | serving %s%s",
                TimeUnit.NANOSECONDS.toSeconds(elapsedNanos),
                sent,
                scored,
                tally.predictions(),
                tally.relabelRequests(),
                scored == 0 ? 0.0 : 100.0 * tally.relabelRequests() / scored,
                tally.deadLetters(),
                inFlight,
                loop.summary(),
                tally.servingVersion(),
                Double.isNaN(throughput)
                        ? " | final"
                        : String.format(Locale.ROOT, " | %.1f records/s", throughput));
    }

    private static double seconds(long nanos) {
        return Math.max(1e-9, nanos / 1e9);
    }
}
