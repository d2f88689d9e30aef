package dev.varsent.flink;

/** The metric group every operator of the jobs registers its metrics under. */
public final class MetricGroups {

    /**
     * The user group below Flink's operator scope: metrics are {@code <operator
     * scope>.varsent.<name>}, and {@code flink_taskmanager_job_task_operator_varsent_<name>} in
     * Prometheus.
     */
    public static final String VARSENT = "varsent";

    private MetricGroups() {}
}
