package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.LABELS_JOB_NAME;

import java.util.List;
import java.util.Set;

import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.JobEnvironments;
import dev.varsent.labels.LabelsJob;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code varsent labels --conf FILE [--set key=value]...}: runs the labels job (labels joined with their
 * relabel requests into the labelled-example store) against the configured Kafka, like {@code score}:
 * on the Flink cluster it is submitted to, or on a MiniCluster in this JVM when started with {@code java -jar}.
 */
public final class LabelsCommand implements Command {

    @Override
    public String name() {
        return "labels";
    }

    @Override
    public String summary() {
        return "run the labels job (labels + relabel requests -> labelled-example store) on the configured Kafka";
    }

    @Override
    public int run(List<String> args) throws Exception {
        VarsentConfig config;
        try {
            CommandLine line = CommandLine.parse(args, Set.of());
            if (line.help()) {
                System.out.println("usage: varsent labels [--conf FILE] [--set key=value]...");
                System.out.println("Keys and defaults: varsent config --conf FILE");
                return 0;
            }
            config = line.config(null);
        } catch (UsageException | ConfigException e) {
            System.err.println("varsent labels: " + e.getMessage());
            return 2;
        }
        StreamExecutionEnvironment env = JobEnvironments.forCommand(config);
        LabelsJob.checkOutputTopics(config);
        LabelsJob.onKafka(config).build(env).execute(config.get(LABELS_JOB_NAME));
        return 0;
    }
}
