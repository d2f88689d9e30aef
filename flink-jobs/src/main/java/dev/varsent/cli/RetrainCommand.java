package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELLED_EXAMPLES;

import dev.varsent.config.ConfigException;
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
import java.util.List;
import java.util.Set;

/**
 * {@code varsent retrain [--conf FILE] [--set key=value]... [--schedule] [--export-base-corpus FILE]}:
 * runs the batch retrain job once (on a Flink cluster when submitted with {@code flink run}, else in
 * this JVM); with {@code --schedule}, runs it whenever {@code retrain.interval} /
 * {@code retrain.min-new-labels} say so, until stopped. {@code --export-base-corpus} writes the
 * training segments of the scale data's paper split as a base corpus file and exits.
 */
public final class RetrainCommand implements Command {

    private static final String SCHEDULE = "--schedule";
    private static final String EXPORT = "--export-base-corpus";
    private static final long POLL_MS = 5_000;

    @Override
    public String name() {
        return "retrain";
    }

    @Override
    public String summary() {
        return "run the batch retrain job (champion/challenger) once, or on its schedule (--schedule)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of(EXPORT), Set.of(SCHEDULE));
        if (line.help()) {
            System.out.println("usage: varsent retrain [--conf FILE] [--set key=value]... [--schedule]");
            System.out.println("       varsent retrain --export-base-corpus FILE   (the scale data's training segments)");
            System.out.println("Keys and defaults (retrain.*, registry.*): varsent config --conf FILE");
            return 0;
        }
        if (line.value(EXPORT).isPresent()) {
            Path file = Path.of(line.value(EXPORT).get());
            int lines = BaseCorpus.writeScaleDataTrainSplit(ScaleData.defaultDir(), 1, file);
            System.out.println("wrote " + lines + " base corpus examples to " + file.toAbsolutePath());
            return 0;
        }
        VarsentConfig config;
        try {
            config = line.config(null);
        } catch (ConfigException e) {
            System.err.println("varsent retrain: " + e.getMessage());
            return 2;
        }
        if (!line.flag(SCHEDULE)) {
            HistoryEvent.Retrained decision = runOnce(config);
            return decision == null ? 1 : 0;
        }
        RetrainSchedule schedule = RetrainSchedule.from(config);
        if (!schedule.enabled()) {
            System.err.println("varsent retrain: --schedule needs retrain.interval or retrain.min-new-labels above 0");
            return 2;
        }
        System.out.println("retraining " + schedule.describe() + "; Ctrl-C to stop");
        try (TopicRecordCounter labels = new TopicRecordCounter(config.get(BOOTSTRAP_SERVERS),
                config.kafkaClientProperties(), config.get(TOPIC_LABELLED_EXAMPLES)).start()) {
            RetrainScheduler scheduler = new RetrainScheduler(schedule, labels::count, () -> runOnce(config),
                    new PrintingListener(), Clock.systemUTC(), POLL_MS);
            Runtime.getRuntime().addShutdownHook(new Thread(scheduler::stop));
            scheduler.run();
        }
        return 0;
    }

    private static HistoryEvent.Retrained runOnce(VarsentConfig config) throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RetrainJob job = RetrainJob.onKafka(config);
        job.build(JobEnvironments.forCommand(config)).execute(job.name());
        HistoryEvent.Retrained decision = RetrainJob.latestDecision(ModelRegistry.fromConfig(config), started).orElse(null);
        System.out.println(decision == null ? "the retrain job recorded no decision" : RetrainReport.line(decision));
        return decision;
    }

    private static final class PrintingListener implements RetrainScheduler.Listener {
        @Override
        public void started(long newLabels) {
            System.out.println("retraining: " + newLabels + " new labels");
        }

        @Override
        public void finished(HistoryEvent.Retrained decision) {
        }

        @Override
        public void failed(Exception e) {
            System.out.println("retrain failed: " + e.getMessage());
        }
    }
}
