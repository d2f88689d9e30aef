package dev.varsent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The completed checkpoints of a running job, read from Flink's REST API ({@code
 * /jobs/<id>/checkpoints}, whose history holds the last few): polled about once a second, it keeps
 * every checkpoint it saw, by id. With exactly-once, outputs become visible when their checkpoint's
 * transactions are committed, which Flink does after the checkpoint completed (its last
 * acknowledgement), so these times split a review's wait for visibility into the wait for its
 * checkpoint and the commit.
 */
final class CheckpointHistory {

    /** A completed checkpoint: triggered and completed at epoch millis (the JobManager's clock). */
    record Completed(long id, long triggeredAt, long completedAt) {
        long durationMs() {
            return completedAt - triggeredAt;
        }
    }

    private final RestJson rest;
    private final String path;
    private final TreeMap<Long, Completed> completed = new TreeMap<>();

    CheckpointHistory(URI restAddress, String jobId) {
        this.rest = new RestJson(restAddress);
        this.path = "/jobs/" + jobId + "/checkpoints";
    }

    /** Reads the history once; a failed read is skipped (the next poll sees the same history). */
    void poll() throws InterruptedException {
        JsonNode statistics = rest.get(path);
        if (statistics != null) {
            add(statistics);
        }
    }

    /** Adds the completed checkpoints of one {@code /checkpoints} answer. */
    synchronized void add(JsonNode statistics) {
        for (JsonNode checkpoint : statistics.path("history")) {
            if ("COMPLETED".equals(checkpoint.path("status").asText())) {
                long id = checkpoint.get("id").asLong();
                completed.put(
                        id,
                        new Completed(
                                id,
                                checkpoint.get("trigger_timestamp").asLong(),
                                checkpoint.get("latest_ack_timestamp").asLong()));
            }
        }
    }

    /** The checkpoints seen that were triggered within [from, to] (epoch millis), by id. */
    synchronized List<Completed> triggeredBetween(long from, long to) {
        List<Completed> within = new ArrayList<>();
        for (Completed checkpoint : completed.values()) {
            if (checkpoint.triggeredAt() >= from && checkpoint.triggeredAt() <= to) {
                within.add(checkpoint);
            }
        }
        return within;
    }

    /** The latest completion at or before {@code at} (epoch millis), or -1 if none was seen. */
    synchronized long lastCompletionAtOrBefore(long at) {
        long last = -1;
        for (Completed checkpoint : completed.values()) {
            if (checkpoint.completedAt() <= at && checkpoint.completedAt() > last) {
                last = checkpoint.completedAt();
            }
        }
        return last;
    }

    /**
     * The checkpoints triggered within [from, to] (their count and duration from trigger to last
     * acknowledgement), and each trace's wait for visibility split at the last checkpoint
     * completion before it became visible: {@code until_checkpoint_ms} (written to completed) and
     * {@code commit_to_visible_ms} (completed to visible: the commit of the transactions and the
     * bench's poll). A trace whose checkpoint was not seen (completed before it was written) is
     * left out of the split. Null when no checkpoint in the span was seen.
     */
    ObjectNode summary(List<LatencyTrace> traces, long from, long to) {
        List<Completed> within = triggeredBetween(from, to);
        if (within.isEmpty()) {
            return null;
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("completed", within.size());
        Percentiles durations =
                new Percentiles(within.stream().mapToLong(Completed::durationMs).toArray());
        json.putObject("duration_ms").put("p50", durations.at(50)).put("p99", durations.at(99));
        List<Long> until = new ArrayList<>();
        List<Long> commit = new ArrayList<>();
        for (LatencyTrace trace : traces) {
            long written = trace.visibleAt() - trace.toVisible();
            long completion = lastCompletionAtOrBefore(trace.visibleAt());
            if (completion >= written) {
                until.add(completion - written);
                commit.add(trace.visibleAt() - completion);
            }
        }
        json.put("split_samples", until.size());
        if (!until.isEmpty()) {
            Percentiles u = new Percentiles(until.stream().mapToLong(Long::longValue).toArray());
            Percentiles c = new Percentiles(commit.stream().mapToLong(Long::longValue).toArray());
            json.putObject("until_checkpoint_ms").put("p50", u.at(50)).put("p99", u.at(99));
            json.putObject("commit_to_visible_ms").put("p50", c.at(50)).put("p99", c.at(99));
        }
        return json;
    }
}
