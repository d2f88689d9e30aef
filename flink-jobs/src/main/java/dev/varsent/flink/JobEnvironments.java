package dev.varsent.flink;

import static dev.varsent.config.VarsentOptions.CHECKPOINT_INTERVAL;
import static dev.varsent.config.VarsentOptions.CHECKPOINT_TIMEOUT;
import static dev.varsent.config.VarsentOptions.DASHBOARD_PORT;
import static dev.varsent.config.VarsentOptions.DELIVERY_GUARANTEE;
import static dev.varsent.config.VarsentOptions.LOW_LATENCY_MAX_WAIT;
import static dev.varsent.config.VarsentOptions.PARALLELISM;

import dev.varsent.config.Delivery;
import dev.varsent.config.VarsentConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How every varsent job sets up its execution environment, in one place.
 *
 * <p>Flink's own keys are Flink's: on a cluster ({@code flink run}, application mode) a key the
 * cluster already has ({@code -p}, {@code -D}, its {@code config.yaml}) wins over the same key in
 * the varsent configuration, so {@code parallelism.default} of the file applies to a local
 * MiniCluster and to a cluster that sets none. The job's options are its global job parameters: the
 * dashboard's configuration tab lists them.
 */
public final class JobEnvironments {

    /**
     * Flink's keys that varsent's own rules read (the checkpoint interval against the transaction
     * timeout).
     */
    private static final List<ConfigOption<?>> FLINK_KEYS =
            List.of(PARALLELISM, CHECKPOINT_INTERVAL, CHECKPOINT_TIMEOUT);

    private JobEnvironments() {}

    /**
     * The configuration the job runs with: {@code config}, with Flink's keys as the cluster set
     * them (checked again: a {@code -D execution.checkpointing.interval} beyond the transaction
     * timeout is refused here).
     */
    public static VarsentConfig effective(StreamExecutionEnvironment env, VarsentConfig config) {
        if (env instanceof LocalStreamEnvironment) {
            return config;
        }
        Map<String, String> cluster = env.getConfiguration().toMap();
        Map<String, String> fromCluster = new LinkedHashMap<>();
        for (ConfigOption<?> option : FLINK_KEYS) {
            if (cluster.containsKey(option.key())) {
                fromCluster.put(option.key(), cluster.get(option.key()));
            }
        }
        return config.with(fromCluster);
    }

    /**
     * The Flink keys of the configuration the cluster has not set, the job parameters, and no Kryo
     * fallback.
     */
    public static void configurePipeline(StreamExecutionEnvironment env, VarsentConfig config) {
        VarsentConfig effective = effective(env, config);
        Configuration pipeline = effective.flinkConfiguration();
        if (!(env instanceof LocalStreamEnvironment)) {
            env.getConfiguration().toMap().keySet().forEach(pipeline::removeKey);
        }
        // Every type on the wire has a Flink serializer; a Kryo fallback would be a mistake to fail
        // on.
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(pipeline);
        env.getConfig().setGlobalJobParameters(Configuration.fromMap(effective.jobParameters()));
    }

    /** {@link #configurePipeline}, plus checkpointing in the mode the delivery guarantee needs. */
    public static void configureStreaming(StreamExecutionEnvironment env, VarsentConfig config) {
        configurePipeline(env, config);
        VarsentConfig effective = effective(env, config);
        Configuration checkpointing = new Configuration();
        checkpointing.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL, effective.get(CHECKPOINT_INTERVAL));
        checkpointing.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                effective.get(DELIVERY_GUARANTEE) == Delivery.EXACTLY_ONCE
                        ? CheckpointingMode.EXACTLY_ONCE
                        : CheckpointingMode.AT_LEAST_ONCE);
        checkpointing.set(
                CheckpointingOptions.CHECKPOINTING_TIMEOUT, effective.checkpointTimeout());
        env.configure(checkpointing);
        if (!config.flinkConfiguration().contains(ExecutionOptions.BUFFER_TIMEOUT)) {
            env.setBufferTimeout(bufferTimeoutMs(effective));
        }
    }

    /**
     * Flink's network buffer timeout as the job sets it when the configuration does not: how long a
     * review may sit in a part-filled network buffer between the parser and the scorer. In the
     * low-latency mode an output is visible as soon as it is written, so {@code
     * delivery.low-latency-max-wait}; with exactly-once at most a tenth of the checkpoint interval
     * (Flink's default of 100 ms from 1 s up), as it delays a review's checkpoint as much.
     */
    public static long bufferTimeoutMs(VarsentConfig effective) {
        long flinkDefault = ExecutionOptions.BUFFER_TIMEOUT.defaultValue().toMillis();
        if (effective.get(DELIVERY_GUARANTEE) == Delivery.AT_LEAST_ONCE) {
            return effective.get(LOW_LATENCY_MAX_WAIT).toMillis();
        }
        return Math.max(
                1, Math.min(flinkDefault, effective.get(CHECKPOINT_INTERVAL).toMillis() / 10));
    }

    /**
     * Where a command runs its job: the cluster's environment when submitted ({@code flink run},
     * application mode), else a MiniCluster in this JVM with the dashboard on {@code
     * dashboard.port}.
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
