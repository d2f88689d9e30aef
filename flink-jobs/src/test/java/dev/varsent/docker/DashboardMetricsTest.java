package dev.varsent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboard queries is one the jobs register, with the labels it groups or
 * filters by: Flink's scope labels, the keys of the metric's key/value groups, and {@code quantile}
 * for histograms (reported as Prometheus summaries).
 */
class DashboardMetricsTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String OPERATOR_PREFIX = "flink_taskmanager_job_task_operator_varsent_";
    private static final Pattern METRIC =
            Pattern.compile(OPERATOR_PREFIX + "([A-Za-z0-9]+)(?:\\{([^}]*)})?");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without) \\(([^)]*)\\)");

    /** The labels Flink's Prometheus reporter puts on every operator metric. */
    private static final Set<String> SCOPE_LABELS =
            Set.of(
                    "host",
                    "tm_id",
                    "job_id",
                    "job_name",
                    "task_id",
                    "task_name",
                    "task_attempt_id",
                    "task_attempt_num",
                    "subtask_index",
                    "operator_id",
                    "operator_name");

    /**
     * Written against the metric contract of developer HARD's change (dead letters and the served
     * model as key/value groups), which is not merged into this branch yet. While the code does not
     * register one of these, the dashboard may query it; once the code registers it, it is checked
     * like every other. Delete this set after the merge.
     */
    private static Map<String, RegisteredMetrics.Metric> registered;

    private static JsonNode dashboard;

    @BeforeAll
    static void read() throws Exception {
        registered = RegisteredMetrics.scan(REPO.resolve("flink-jobs/src/main/java")).metrics();
        dashboard =
                new ObjectMapper()
                        .readTree(
                                Files.readString(
                                        REPO.resolve("docker/grafana/dashboards/varsent.json")));
    }

    private static List<String> expressions() {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                out.add(target.get("expr").asText());
            }
        }
        return out;
    }

    @Test
    void theScanFindsTheJobsMetrics() {
        assertThat(registered)
                .containsKeys(
                        "recordsScored",
                        "relabelRate",
                        "uncertaintyMilli",
                        "batchLatencyMs",
                        "modelUpdatesReceived",
                        "labelsMatched",
                        "examplesCollected");
        assertThat(registered.get("uncertaintyMilli").kind()).isEqualTo("histogram");
        assertThat(registered.get("relabelRate").kind()).isEqualTo("gauge");
    }

    @Test
    void everyQueriedMetricIsRegisteredWithTheLabelsTheQueryUses() {
        List<String> expressions = expressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(7);
        Set<String> queried = new LinkedHashSet<>();
        for (String expr : expressions) {
            assertThat(expr)
                    .as("only the operator metrics of the varsent group")
                    .doesNotContainPattern("flink_(?!taskmanager_job_task_operator_varsent_)");
            Set<String> grouping = new LinkedHashSet<>();
            Matcher by = GROUPING.matcher(expr);
            while (by.find()) {
                for (String label : by.group(1).split(",")) {
                    grouping.add(label.strip());
                }
            }
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                String name = m.group(1);
                queried.add(name);
                Set<String> labels = new LinkedHashSet<>(grouping);
                if (m.group(2) != null) {
                    for (String matcher : m.group(2).split(",")) {
                        labels.add(matcher.split("[=!~]")[0].strip());
                    }
                }
                RegisteredMetrics.Metric metric = registered.get(name);
                assertThat(metric).as(expr + ": the jobs register " + name).isNotNull();
                Set<String> allowed = new LinkedHashSet<>(metric.labelKeys());
                if (metric.kind().equals("histogram")) {
                    allowed.add("quantile");
                }
                assertThat(allowed)
                        .as(expr + ": labels of " + name)
                        .containsAll(withoutScope(labels));
            }
        }
        assertThat(queried)
                .contains(
                        "recordsScored",
                        "relabelRate",
                        "deadLetters",
                        "uncertaintyMilli",
                        "batchLatencyMs",
                        "modelServing",
                        "modelUpdatesReceived");
    }

    private static Set<String> withoutScope(Set<String> labels) {
        Set<String> out = new LinkedHashSet<>(labels);
        out.removeAll(SCOPE_LABELS);
        return out;
    }

    @Test
    void keyValueGroupsAreSeenInlineAndThroughAVariable(@TempDir Path sources) throws Exception {
        Files.writeString(
                sources.resolve("Names.java"),
                """
                final class Names {
                    static final String GROUP = "varsent";
                    static final String REASON = "reason";
                }""");
        Files.writeString(
                sources.resolve("Counting.java"),
                """
                final class Counting {
                    static final String DEAD_LETTERS = "deadLetters";
                    void open() {
                        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup(Names.GROUP);
                        for (Reason reason : Reason.values()) {
                            byReason.put(reason, metrics.addGroup(Names.REASON, reason.name()).counter(DEAD_LETTERS));
                        }
                        MetricGroup served = metrics.addGroup("model_version", version);
                        served.gauge("modelServing", () -> 1);
                        metrics.gauge("modelSequence", () -> sequence);
                        metrics.counter(reason.name());
                    }
                }""");
        Map<String, RegisteredMetrics.Metric> found = RegisteredMetrics.scan(sources).metrics();
        assertThat(found).containsOnlyKeys("deadLetters", "modelServing", "modelSequence");
        assertThat(found.get("deadLetters").labelKeys()).containsExactly("reason");
        assertThat(found.get("modelServing").labelKeys()).containsExactly("model_version");
        assertThat(found.get("modelSequence").labelKeys()).isEmpty();
    }

    @Test
    void everyPanelReadsTheProvisionedDataSource() throws Exception {
        String datasource =
                Files.readString(
                        REPO.resolve("docker/grafana/provisioning/datasources/prometheus.yml"));
        for (JsonNode panel : dashboard.get("panels")) {
            String uid = panel.get("datasource").get("uid").asText();
            assertThat(datasource).as(panel.get("title").asText()).contains("uid: " + uid);
        }
    }
}
