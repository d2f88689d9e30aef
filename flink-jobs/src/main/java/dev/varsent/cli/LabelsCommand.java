package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.LABELS_JOB_NAME;

import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.JobEnvironments;
import dev.varsent.labels.LabelsJob;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code varsent labels --conf FILE [--set key=value]...}: runs the labels job (labels joined with
 * their relabel requests into the labelled-example store) against the configured Kafka, like {@code
 * score}: on the Flink cluster it is submitted to, or on a MiniCluster in this JVM when started
 * with {@code java -jar}.
 */
@Command(
        name = "labels",
        mixinStandardHelpOptions = true,
        description = {
            "Run the labels job (labels + relabel requests -> labelled-example store) on the configured"
                    + " Kafka.",
            "Like score: on the Flink cluster it is submitted to, else on a MiniCluster in this JVM."
        })
public final class LabelsCommand implements Callable<Integer> {

    @Mixin ConfigurationOptions configuration;

    @Override
    public Integer call() throws Exception {
        VarsentConfig config = configuration.config();
        StreamExecutionEnvironment env = JobEnvironments.forCommand(config);
        LabelsJob.checkOutputTopics(config);
        LabelsJob.onKafka(config).build(env).execute(config.get(LABELS_JOB_NAME));
        return ExitCodes.OK;
    }
}
