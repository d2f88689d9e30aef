package dev.varsent.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;

/** Reads a job's metrics the way a dashboard user's tooling would: through Flink's REST API. */
public final class FlinkRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRestClient(URI base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The failures in the job's exception history (an empty array for a job that never failed). */
    public JsonNode failures(JobID job) throws Exception {
        return getJson("/jobs/" + job + "/exceptions").get("exceptionHistory").get("entries");
    }

    public JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Every metric of every vertex of the job whose id (e.g. {@code 0.Score (MC
     * dropout).varsent.recordsScored}) contains {@code fragment}, with its current value as text.
     */
    public Map<String, String> metrics(JobID job, String fragment) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode vertex : getJson("/jobs/" + job).get("vertices")) {
            String vertexPath =
                    "/jobs/" + job + "/vertices/" + vertex.get("id").asText() + "/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode metric : getJson(vertexPath)) {
                String id = metric.get("id").asText();
                if (id.contains(fragment)) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            // A few ids per request: the REST server rejects request lines longer than 4 KB.
            for (int from = 0; from < ids.size(); from += 20) {
                StringBuilder query = new StringBuilder();
                for (String id : ids.subList(from, Math.min(ids.size(), from + 20))) {
                    query.append(query.length() == 0 ? "" : ",")
                            .append(
                                    URLEncoder.encode(id, StandardCharsets.UTF_8)
                                            .replace("+", "%20"));
                }
                for (JsonNode metric : getJson(vertexPath + "?get=" + query)) {
                    values.put(metric.get("id").asText(), metric.get("value").asText());
                }
            }
        }
        return values;
    }

    /**
     * {@link #metrics} polled every 500 ms until {@code done} holds for them (the REST server
     * refreshes metrics every second or so), failing after {@code timeout}.
     */
    public Map<String, String> awaitMetrics(
            JobID job, String fragment, Predicate<Map<String, String>> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, String> values = metrics(job, fragment);
            if (done.test(values)) {
                return values;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "metrics of job " + job + " never met the condition; now " + values);
            }
            Thread.sleep(500);
        }
    }

    /**
     * The job's {@code numRestarts}. The REST server fetches metrics every few seconds, so a young
     * job may not show it yet: waits up to 30 s for it to appear.
     */
    public long numRestarts(JobID job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode metrics = getJson("/jobs/" + job + "/metrics?get=numRestarts");
            if (metrics.size() > 0) {
                return metrics.get(0).get("value").asLong();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + job + " shows no numRestarts metric");
            }
            Thread.sleep(500);
        }
    }

    /** The sum over subtasks of the metric whose id ends with {@code suffix}. */
    public static double sum(Map<String, String> metrics, String suffix) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .map(e -> Double.parseDouble(e.getValue()))
                .reduce(0.0, Double::sum);
    }
}
