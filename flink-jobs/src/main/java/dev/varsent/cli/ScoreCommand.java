package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.JOB_NAME;

import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.JobEnvironments;
import dev.varsent.scoring.PredictorFactory;
import dev.varsent.scoring.ScoringJob;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code varsent score --conf FILE [--set key=value]...}: runs the scoring job against the
 * configured Kafka. Submitted to a Flink cluster (application mode, or {@code flink run}), it runs
 * there; started with {@code java -jar}, it runs on a MiniCluster in this JVM with the dashboard on
 * {@code dashboard.port}.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Run the streaming scoring job on the configured Kafka (on a Flink cluster, or locally).",
            "Submitted with 'flink run varsent-job.jar score ...' (or in application mode) it runs on that cluster;"
                    + " started with 'varsent score' it runs on a MiniCluster in this JVM, with the dashboard on"
                    + " dashboard.port."
        })
public final class ScoreCommand implements Callable<Integer> {

    @Mixin ConfigurationOptions configuration;

    private final Function<VarsentConfig, PredictorFactory> models;

    /**
     * {@code models} gives the factory of the initial model (the registry's champion, else {@code
     * model.location}).
     */
    public ScoreCommand(Function<VarsentConfig, PredictorFactory> models) {
        this.models = models;
    }

    @Override
    public Integer call() throws Exception {
        VarsentConfig config = configuration.config();
        StreamExecutionEnvironment env = JobEnvironments.forCommand(config);
        ScoringJob.checkOutputTopics(config);
        ScoringJob.onKafka(config, models.apply(config)).build(env).execute(config.get(JOB_NAME));
        return ExitCodes.OK;
    }
}
