package dev.varsent.local;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.ORACLE_TRUTH;
import static dev.varsent.config.VarsentOptions.REGISTRY_URI;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELLED_EXAMPLES;

import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.LocalFlinkCluster;
import dev.varsent.kafka.TopicRecordCounter;
import dev.varsent.labels.GroundTruth;
import dev.varsent.labels.OracleLabeler;
import dev.varsent.labels.OracleSettings;
import dev.varsent.registry.HistoryEvent;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.retrain.RetrainJob;
import dev.varsent.retrain.RetrainReport;
import dev.varsent.retrain.RetrainSchedule;
import dev.varsent.retrain.RetrainScheduler;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The local run's side of the retraining loop: the oracle answering relabel requests, a count of
 * the labelled-example store, and the scheduler running the retrain job on the MiniCluster when it
 * is due. Each retrain is printed as it starts and ends; the summary line shows the counts.
 */
final class RetrainLoop implements AutoCloseable {

    private static final long POLL_MS = 1_000;
    private static final Duration RETRAIN_TIMEOUT = Duration.ofHours(2);

    private final OracleLabeler oracle;
    private final TopicRecordCounter labelled;
    private final RetrainScheduler scheduler;
    private final Thread schedulerThread;
    private final LocalFlinkCluster flink;
    private final AtomicReference<JobID> runningRetrain;

    private RetrainLoop(
            OracleLabeler oracle,
            TopicRecordCounter labelled,
            RetrainScheduler scheduler,
            LocalFlinkCluster flink,
            AtomicReference<JobID> runningRetrain) {
        this.flink = flink;
        this.runningRetrain = runningRetrain;
        this.oracle = oracle;
        this.labelled = labelled;
        this.scheduler = scheduler;
        this.schedulerThread = new Thread(scheduler, "varsent-retrain-scheduler");
        this.schedulerThread.setDaemon(true);
    }

    static RetrainLoop start(VarsentConfig config, LocalFlinkCluster flink, PrintStream out) {
        OracleLabeler oracle =
                new OracleLabeler(
                        OracleSettings.from(config), GroundTruth.load(config.get(ORACLE_TRUTH)));
        TopicRecordCounter labelled =
                new TopicRecordCounter(
                        config.get(BOOTSTRAP_SERVERS),
                        config.kafkaClientProperties(),
                        config.get(TOPIC_LABELLED_EXAMPLES));
        RetrainSchedule schedule = RetrainSchedule.from(config);
        AtomicReference<JobID> running = new AtomicReference<>();
        RetrainScheduler scheduler =
                new RetrainScheduler(
                        schedule,
                        labelled::count,
                        () -> {
                            try {
                                return RetrainJob.onKafka(config, new DiscardingSink<>())
                                        .runOn(flink, RETRAIN_TIMEOUT, running::set);
                            } finally {
                                running.set(null);
                            }
                        },
                        new Printer(out),
                        Clock.systemUTC(),
                        POLL_MS,
                        baseline(config));
        RetrainLoop loop = new RetrainLoop(oracle, labelled, scheduler, flink, running);
        oracle.start();
        labelled.start();
        if (schedule.enabled()) {
            loop.schedulerThread.start();
        }
        out.println("Oracle labeler answering relabel requests; retraining " + schedule.describe());
        return loop;
    }

    /** A restarted run counts the labels since the last recorded retrain, not the whole store. */
    private static RetrainScheduler.Baseline baseline(VarsentConfig config) {
        try {
            return RetrainScheduler.Baseline.lastRetrainIn(
                    ModelRegistry.fromConfig(config), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the registry's history at "
                            + config.get(REGISTRY_URI)
                            + " to know which labels the last retrain used",
                    e);
        }
    }

    long labelsAnswered() {
        return oracle.answered();
    }

    long retrains() {
        return scheduler.retrains();
    }

    long promotions() {
        return scheduler.promotions();
    }

    /** The summary line's part: labels, retrains and promotions so far. */
    String summary() {
        return String.format(
                Locale.ROOT,
                "labels %d (stored %d) | retrains %d (promoted %d%s)%s",
                oracle.answered(),
                labelled.count(),
                scheduler.retrains(),
                scheduler.promotions(),
                scheduler.failures() > 0 ? ", failed " + scheduler.failures() : "",
                scheduler.isRunning() ? ", retraining now" : "");
    }

    @Override
    public void close() throws Exception {
        scheduler.stop();
        JobID retrain = runningRetrain.get();
        if (retrain != null) {
            flink.cancel(retrain, Duration.ofMinutes(1));
        }
        schedulerThread.join(Duration.ofSeconds(30).toMillis());
        oracle.close();
        labelled.close();
    }

    private static final class Printer implements RetrainScheduler.Listener {
        private final PrintStream out;

        Printer(PrintStream out) {
            this.out = out;
        }

        @Override
        public void started(long newLabels) {
            out.println(
                    "Retraining: "
                            + newLabels
                            + " new labels; the retrain job is on the dashboard");
        }

        @Override
        public void finished(HistoryEvent.Retrained decision) {
            out.println("Retrain: " + RetrainReport.line(decision));
        }

        @Override
        public void failed(Exception e) {
            out.println("Retrain failed: " + e.getMessage());
        }
    }
}
