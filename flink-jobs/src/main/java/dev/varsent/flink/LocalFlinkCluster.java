package dev.varsent.flink;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink MiniCluster in this JVM (one TaskManager) with the web dashboard and REST API on
 * 127.0.0.1. Unlike {@code createLocalEnvironmentWithWebUI}, whose cluster lives and dies with one
 * job, this one lives until {@link #close()}: the dashboard stays up while jobs are submitted,
 * cancelled and inspected.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    private final MiniCluster miniCluster;
    private final URI restAddress;

    private LocalFlinkCluster(MiniCluster miniCluster, URI restAddress) {
        this.miniCluster = miniCluster;
        this.restAddress = restAddress;
    }

    /**
     * Starts the cluster with {@code slots} task slots and the dashboard on {@code dashboardPort}
     * (0: any free port). {@code extra} is applied on top (e.g. {@code flink.*} options of the
     * config).
     */
    public static LocalFlinkCluster start(int dashboardPort, int slots, Configuration extra)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, Integer.toString(dashboardPort));
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        conf.addAll(extra);
        MiniCluster miniCluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        try {
            miniCluster.start();
            return new LocalFlinkCluster(
                    miniCluster, miniCluster.getRestAddress().get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            miniCluster.close();
            throw e;
        }
    }

    /** The dashboard and REST API, e.g. {@code http://127.0.0.1:8081}. */
    public URI restAddress() {
        return restAddress;
    }

    /**
     * Submits the pipeline built on {@code env} and returns its job id once the cluster has
     * accepted it.
     */
    public JobID submit(StreamExecutionEnvironment env, String jobName) throws Exception {
        return submit(env, jobName, null);
    }

    /**
     * As {@link #submit(StreamExecutionEnvironment, String)}, restoring the job's state from the
     * savepoint at {@code savepoint} (null: none); every operator of the savepoint must map to one
     * of the job (by uid).
     */
    public JobID submit(StreamExecutionEnvironment env, String jobName, String savepoint)
            throws Exception {
        var streamGraph = env.getStreamGraph();
        streamGraph.setJobName(jobName);
        JobGraph jobGraph = streamGraph.getJobGraph();
        if (savepoint != null) {
            jobGraph.setSavepointRestoreSettings(
                    SavepointRestoreSettings.forPath(savepoint, false));
        }
        miniCluster.submitJob(jobGraph).get(60, TimeUnit.SECONDS);
        return jobGraph.getJobID();
    }

    /**
     * Stops the job with a savepoint under {@code directory} (sources stop, the last checkpoint's
     * transactions are committed) and returns the savepoint's path once the job has stopped.
     */
    public String stopWithSavepoint(JobID job, java.nio.file.Path directory, Duration timeout)
            throws Exception {
        String path =
                miniCluster
                        .stopWithSavepoint(
                                job,
                                directory.toUri().toString(),
                                false,
                                SavepointFormatType.CANONICAL)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaitResult(job, timeout);
        return path;
    }

    public JobStatus status(JobID job) throws Exception {
        return miniCluster.getJobStatus(job).get(30, TimeUnit.SECONDS);
    }

    /**
     * Waits until the job is RUNNING with all its tasks deployed, or fails if it reaches a terminal
     * state first.
     */
    public void awaitRunning(JobID job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus status = status(job);
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "job " + job + " ended as " + status + " before it ran");
            }
            if (status == JobStatus.RUNNING && allTasksRunning(job)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("job " + job + " not running after " + timeout);
    }

    private boolean allTasksRunning(JobID job) throws Exception {
        var graph = miniCluster.getExecutionGraph(job).get(30, TimeUnit.SECONDS);
        for (var vertex : graph.getAllExecutionVertices()) {
            if (vertex.getExecutionState() != ExecutionState.RUNNING
                    && vertex.getExecutionState() != ExecutionState.FINISHED) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits for the job to end; returns its result, whether it finished, failed or was cancelled.
     */
    public JobResult awaitResult(JobID job, Duration timeout) throws Exception {
        return miniCluster.requestJobResult(job).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cancels the job and waits until it has stopped. */
    public void cancel(JobID job, Duration timeout) throws Exception {
        if (status(job).isGloballyTerminalState()) {
            return;
        }
        try {
            miniCluster.cancelJob(job).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!status(job).isGloballyTerminalState()) {
                throw e;
            }
        }
        awaitResult(job, timeout);
    }

    @Override
    public void close() throws Exception {
        miniCluster.close();
    }
}
