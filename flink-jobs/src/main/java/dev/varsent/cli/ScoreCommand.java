package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.JOB_NAME;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentConfig;
import dev.varsent.flink.JobEnvironments;
import dev.varsent.scoring.PredictorFactory;
import dev.varsent.scoring.ScoringJob;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code varsent score --conf FILE [--set key=value]...}: runs the scoring job against the configured
 * Kafka. Submitted to a Flink cluster (application mode, or {@code flink run}), it runs there; started
 * with {@code java -jar}, it runs on a MiniCluster in this JVM with the dashboard on {@code dashboard.port}.
 */
public final class ScoreCommand implements Command {

    private final Function<VarsentConfig, PredictorFactory> models;

    /** {@code models} gives the factory of the initial model (the registry's champion, else {@code model.location}). */
    public ScoreCommand(Function<VarsentConfig, PredictorFactory> models) {
        this.models = models;
    }

    @Override
    public String name() {
        return "score";
    }

    @Override
    public String summary() {
        return "run the streaming scoring job on the configured Kafka (on a Flink cluster, or locally)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        CommandLine line;
        VarsentConfig config;
        try {
            line = CommandLine.parse(args, Set.of());
            if (line.help()) {
                System.out.println("usage: varsent score [--conf FILE] [--set key=value]...");
                System.out.println("Keys and defaults: varsent config --conf FILE");
                return 0;
            }
            config = line.config(null);
        } catch (UsageException | ConfigException e) {
            System.err.println("varsent score: " + e.getMessage());
            return 2;
        }
        StreamExecutionEnvironment env = JobEnvironments.forCommand(config);
        ScoringJob.checkOutputTopics(config);
        ScoringJob.onKafka(config, models.apply(config)).build(env).execute(config.get(JOB_NAME));
        return 0;
    }
}
