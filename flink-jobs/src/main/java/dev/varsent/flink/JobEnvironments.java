package dev.varsent.flink;

import static dev.varsent.config.VarsentOptions.CHECKPOINT_INTERVAL_MS;
import static dev.varsent.config.VarsentOptions.DASHBOARD_PORT;
import static dev.varsent.config.VarsentOptions.DELIVERY_GUARANTEE;
import static dev.varsent.config.VarsentOptions.LOW_LATENCY_MAX_WAIT_MS;
import static dev.varsent.config.VarsentOptions.PARALLELISM;

import dev.varsent.config.Delivery;
import dev.varsent.config.VarsentConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** How every varsent job sets up its execution environment, in one place. */
public final class JobEnvironments {

    private JobEnvironments() {
    }

    /** The {@code flink.*} options of the configuration, and no Kryo fallback. */
    public static void configurePipeline(StreamExecutionEnvironment env, VarsentConfig config) {
        Configuration pipeline = config.flinkConfiguration();
        // Every type on the wire has a Flink serializer; a Kryo fallback would be a mistake to fail on.
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(pipeline);
        env.setParallelism(config.get(PARALLELISM));
    }

    /** {@link #configurePipeline}, plus checkpointing in the mode the delivery guarantee needs. */
    public static void configureStreaming(StreamExecutionEnvironment env, VarsentConfig config) {
        configurePipeline(env, config);
        boolean exactlyOnce = config.get(DELIVERY_GUARANTEE) == Delivery.EXACTLY_ONCE;
        env.enableCheckpointing(config.get(CHECKPOINT_INTERVAL_MS),
                exactlyOnce ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
        env.getCheckpointConfig().setCheckpointTimeout(config.checkpointTimeout().toMillis());
        // In the low-latency mode an output is visible as soon as it is written: Flink's default network
        // buffer timeout (100 ms) between the parser and the scorer would be most of the latency budget.
        if (!exactlyOnce && !config.flinkConfiguration().contains(ExecutionOptions.BUFFER_TIMEOUT)) {
            env.setBufferTimeout(config.get(LOW_LATENCY_MAX_WAIT_MS));
        }
    }

    /**
     * Where a command runs its job: the cluster's environment when submitted ({@code flink run},
     * application mode), else a MiniCluster in this JVM with the dashboard on {@code dashboard.port}.
     */
    public static StreamExecutionEnvironment forCommand(VarsentConfig config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!(env instanceof LocalStreamEnvironment)) {
            return env;
        }
        Configuration local = config.flinkConfiguration();
        local.set(RestOptions.BIND_PORT, Integer.toString(config.get(DASHBOARD_PORT)));
        System.out.println("Flink dashboard: http://localhost:" + config.get(DASHBOARD_PORT));
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(local);
    }
}
