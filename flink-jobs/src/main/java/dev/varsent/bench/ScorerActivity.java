package dev.varsent.bench;

import static dev.varsent.bench.BenchFigures.round;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.scoring.ScoringJob;
import dev.varsent.scoring.ScoringMetrics;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scoring task did while the bench measured the job's rate, read from Flink's REST API
 * about once a second: Flink's own {@code busyTimeMsPerSecond} of the task, and the scorer's
 * {@value ScoringMetrics#RECORDS_SCORED} and {@value ScoringMetrics#SCORING_TIME} summed over its
 * subtasks. Over a span it gives the model's own rate inside the job (reviews per second spent in
 * its predict calls; both counters come from one fetch of the metrics, so the REST server's refresh
 * interval does not skew it), which splits a gap to the bare model into the job's other work and
 * the model running slower beside it.
 */
final class ScorerActivity {

    /** One poll: at {@code nanos} (this JVM's clock), the counters summed over the subtasks. */
    record Sample(long nanos, double busyMsPerSecond, long scored, long scoringMicros) {}

    private static final String BUSY = "busyTimeMsPerSecond";

    private final RestJson rest;
    private final String job;
    private final List<Sample> samples = new ArrayList<>();
    private String metricsPath;
    private String scoredId;
    private String scoringTimeId;

    ScorerActivity(URI restAddress, String jobId) {
        this.rest = new RestJson(restAddress);
        this.job = "/jobs/" + jobId;
    }

    /** Reads the metrics once; a failed read, or metrics not reported yet, is skipped. */
    void poll() throws InterruptedException {
        if (metricsPath == null && !findMetrics()) {
            return;
        }
        JsonNode values =
                rest.get(
                        metricsPath
                                + "?agg=sum,avg&get="
                                + encode(BUSY)
                                + ","
                                + encode(scoredId)
                                + ","
                                + encode(scoringTimeId));
        long now = System.nanoTime();
        if (values == null || values.size() < 3) {
            return;
        }
        double busy = Double.NaN;
        long scored = -1;
        long micros = -1;
        for (JsonNode metric : values) {
            String id = metric.path("id").asText();
            if (id.equals(BUSY)) {
                busy = metric.path("avg").asDouble(Double.NaN);
            } else if (id.equals(scoredId)) {
                scored = metric.path("sum").asLong(-1);
            } else if (id.equals(scoringTimeId)) {
                micros = metric.path("sum").asLong(-1);
            }
        }
        if (scored >= 0 && micros >= 0) {
            add(new Sample(now, busy, scored, micros));
        }
    }

    /** Keeps a sample only when the metrics changed: the REST server refreshes them each second. */
    synchronized void add(Sample sample) {
        Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        if (last == null
                || last.scored() != sample.scored()
                || last.scoringMicros() != sample.scoringMicros()) {
            samples.add(sample);
        }
    }

    /**
     * The activity between the first and the last sample in [{@code fromNanos}, {@code toNanos}]:
     * {@code busy_share} (the mean of Flink's busy time of the task, per second) and {@code
     * model_in_job_reviews_per_s} (reviews scored per second of time in the model). Null with fewer
     * than two samples in the span.
     */
    synchronized ObjectNode summary(long fromNanos, long toNanos) {
        List<Sample> within =
                samples.stream()
                        .filter(s -> s.nanos() >= fromNanos && s.nanos() <= toNanos)
                        .toList();
        if (within.size() < 2) {
            return null;
        }
        Sample first = within.get(0);
        Sample last = within.get(within.size() - 1);
        double scoringSeconds = (last.scoringMicros() - first.scoringMicros()) / 1e6;
        double busy =
                within.stream()
                        .mapToDouble(Sample::busyMsPerSecond)
                        .filter(Double::isFinite)
                        .average()
                        .orElse(Double.NaN);
        ObjectNode json =
                JsonNodeFactory.instance
                        .objectNode()
                        .put("samples", within.size())
                        .put("busy_share", round(busy / 1000, 3));
        if (scoringSeconds > 0) {
            json.put(
                    "model_in_job_reviews_per_s",
                    round((last.scored() - first.scored()) / scoringSeconds, 3));
        }
        return json;
    }

    /** Finds the scoring vertex and its metric ids; false until the task reports them. */
    private boolean findMetrics() throws InterruptedException {
        JsonNode jobDetails = rest.get(job);
        if (jobDetails == null) {
            return false;
        }
        for (JsonNode vertex : jobDetails.path("vertices")) {
            if (!vertex.path("name").asText().contains(ScoringJob.SCORE_NAME)) {
                continue;
            }
            String path = job + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
            JsonNode available = rest.get(path);
            if (available == null) {
                return false;
            }
            for (JsonNode metric : available) {
                String id = metric.path("id").asText();
                if (id.endsWith("." + ScoringMetrics.RECORDS_SCORED)) {
                    scoredId = id;
                } else if (id.endsWith("." + ScoringMetrics.SCORING_TIME)) {
                    scoringTimeId = id;
                }
            }
            if (scoredId != null && scoringTimeId != null) {
                metricsPath = path;
                return true;
            }
        }
        return false;
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
