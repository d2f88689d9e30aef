package dev.varsent.bench;

import static dev.varsent.bench.BenchFigures.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The latency phase's {@link LatencyTrace}s summed up: p50 and p99 of each part, and the mean of
 * each part over the slowest 1 % of the reviews (by total latency, at least one), which says where
 * the tail comes from. Percentiles of parts do not add up to the percentile of the total; the
 * slowest-1 % means do.
 */
final class LatencyBreakdown {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, ToLongFunction<LatencyTrace>> PARTS = parts();

    private final List<LatencyTrace> traces;

    LatencyBreakdown(List<LatencyTrace> traces) {
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("no traces");
        }
        this.traces = List.copyOf(traces);
    }

    private static Map<String, ToLongFunction<LatencyTrace>> parts() {
        Map<String, ToLongFunction<LatencyTrace>> parts = new LinkedHashMap<>();
        parts.put("to_scorer_ms", LatencyTrace::toScorer);
        parts.put("in_buffer_ms", LatencyTrace::inBuffer);
        parts.put("scoring_ms", LatencyTrace::scoring);
        parts.put("to_sink_ms", LatencyTrace::toSink);
        parts.put("to_visible_ms", LatencyTrace::toVisible);
        return parts;
    }

    int count() {
        return traces.size();
    }

    /** The p{@code p} of {@code part} ({@code batch_size} or one of the parts' names). */
    long at(String part, double p) {
        return percentiles(part).at(p);
    }

    /** The mean of {@code part} over the slowest 1 % of the reviews. */
    double slowestMean(String part) {
        ToLongFunction<LatencyTrace> f = PARTS.get(part);
        return slowest().stream().mapToLong(f).average().orElseThrow();
    }

    ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode().put("samples", traces.size());
        for (String part : PARTS.keySet()) {
            json.putObject(part).put("p50", at(part, 50)).put("p99", at(part, 99));
        }
        json.putObject("batch_size")
                .put("p50", at("batch_size", 50))
                .put("p99", at("batch_size", 99));
        ObjectNode slowest = json.putObject("slowest_1pct_mean");
        slowest.put("reviews", slowest().size());
        slowest.put(
                "total_ms",
                round(
                        slowest().stream().mapToLong(LatencyTrace::total).average().orElseThrow(),
                        1));
        for (String part : PARTS.keySet()) {
            slowest.put(part, round(slowestMean(part), 1));
        }
        slowest.put(
                "batch_size",
                round(
                        slowest().stream()
                                .mapToInt(LatencyTrace::batchSize)
                                .average()
                                .orElseThrow(),
                        1));
        return json;
    }

    private Percentiles percentiles(String part) {
        ToLongFunction<LatencyTrace> f =
                part.equals("batch_size") ? LatencyTrace::batchSize : PARTS.get(part);
        if (f == null) {
            throw new IllegalArgumentException("no part '" + part + "'");
        }
        return new Percentiles(traces.stream().mapToLong(f).toArray());
    }

    /** The slowest 1 % of the reviews by total latency, at least one. */
    private List<LatencyTrace> slowest() {
        return traces.stream()
                .sorted(Comparator.comparingLong(LatencyTrace::total).reversed())
                .limit(Math.max(1, (long) Math.ceil(traces.size() / 100.0)))
                .toList();
    }
}
