package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELLED_EXAMPLES;

import dev.varsent.config.VarsentConfig;
import dev.varsent.data.ScaleData;
import dev.varsent.flink.JobEnvironments;
import dev.varsent.kafka.TopicRecordCounter;
import dev.varsent.registry.HistoryEvent;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.retrain.BaseCorpus;
import dev.varsent.retrain.RetrainJob;
import dev.varsent.retrain.RetrainReport;
import dev.varsent.retrain.RetrainSchedule;
import dev.varsent.retrain.RetrainScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varsent retrain [--conf FILE] [--set key=value]... [--schedule] [--export-base-corpus
 * FILE]}: runs the batch retrain job once (on a Flink cluster when submitted with {@code flink
 * run}, else in this JVM); with {@code --schedule}, runs it whenever {@code retrain.interval} /
 * {@code retrain.min-new-labels} say so, until stopped. {@code --export-base-corpus} writes the
 * training segments of the scale data's paper split as a base corpus file and exits.
 */
@Command(
        name = "retrain",
        mixinStandardHelpOptions = true,
        description = {
            "Run the batch retrain job (champion/challenger) once, or on its schedule (--schedule).",
            "Submitted with flink run it runs on that cluster, else in this JVM. Exit code 1 when the job"
                    + " recorded no decision. Keys and defaults (retrain.*, registry.*): varsent config."
        })
public final class RetrainCommand implements Callable<Integer> {

    private static final long POLL_MS = 5_000;

    @Option(
            names = "--schedule",
            description =
                    "Retrain whenever retrain.interval or retrain.min-new-labels say so,"
                            + " until Ctrl-C.")
    boolean schedule;

    @Option(
            names = "--export-base-corpus",
            paramLabel = "FILE",
            description =
                    "Only write the scale data's training"
                            + " segments (the paper split's) to FILE as a base corpus, and exit.")
    Path exportBaseCorpus;

    @Mixin ConfigurationOptions configuration;

    @Override
    public Integer call() throws Exception {
        if (exportBaseCorpus != null) {
            int lines =
                    BaseCorpus.writeScaleDataTrainSplit(
                            ScaleData.defaultDir(), 1, exportBaseCorpus);
            System.out.println(
                    "wrote "
                            + lines
                            + " base corpus examples to "
                            + exportBaseCorpus.toAbsolutePath());
            return ExitCodes.OK;
        }
        VarsentConfig config = configuration.config();
        if (!schedule) {
            return runOnce(config) == null ? ExitCodes.FAILED : ExitCodes.OK;
        }
        RetrainSchedule retrainSchedule = RetrainSchedule.from(config);
        if (!retrainSchedule.enabled()) {
            throw new UsageException(
                    "--schedule needs retrain.interval or retrain.min-new-labels above 0");
        }
        System.out.println("retraining " + retrainSchedule.describe() + "; Ctrl-C to stop");
        try (TopicRecordCounter labels =
                new TopicRecordCounter(
                                config.get(BOOTSTRAP_SERVERS),
                                config.kafkaClientProperties(),
                                config.get(TOPIC_LABELLED_EXAMPLES))
                        .start()) {
            RetrainScheduler scheduler =
                    new RetrainScheduler(
                            retrainSchedule,
                            labels::count,
                            () -> runOnce(config),
                            new PrintingListener(),
                            Clock.systemUTC(),
                            POLL_MS,
                            // a restarted scheduler counts from the last retrain the registry
                            // recorded, not from 0
                            RetrainScheduler.Baseline.lastRetrainIn(
                                    ModelRegistry.fromConfig(config), Clock.systemUTC()));
            Runtime.getRuntime().addShutdownHook(new Thread(scheduler::stop));
            scheduler.run();
        }
        return ExitCodes.OK;
    }

    private static HistoryEvent.Retrained runOnce(VarsentConfig config) throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RetrainJob job = RetrainJob.onKafka(config);
        job.build(JobEnvironments.forCommand(config)).execute(job.name());
        HistoryEvent.Retrained decision =
                RetrainJob.latestDecision(ModelRegistry.fromConfig(config), started).orElse(null);
        System.out.println(
                decision == null
                        ? "the retrain job recorded no decision"
                        : RetrainReport.line(decision));
        return decision;
    }

    private static final class PrintingListener implements RetrainScheduler.Listener {
        @Override
        public void started(long newLabels) {
            System.out.println("retraining: " + newLabels + " new labels");
        }

        @Override
        public void finished(HistoryEvent.Retrained decision) {}

        @Override
        public void failed(Exception e) {
            System.out.println("retrain failed: " + e.getMessage());
        }
    }
}
