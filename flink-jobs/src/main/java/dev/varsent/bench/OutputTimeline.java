package dev.varsent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.events.ScoringTimes;
import dev.varsent.kafka.CommittedTopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;

/**
 * A downstream consumer of the scored outputs (predictions and relabel requests, {@code
 * read_committed}, from the beginning) that records when they become visible. For the backlog's
 * reviews it keeps the running count after every poll that returned some ({@link Visible}); for
 * reviews whose id starts with the latency prefix it keeps the produce-to-visible latency: the time
 * of the poll that returned the output minus its {@code event_time}, which is the {@code timestamp}
 * the producer wrote when it sent the review (same JVM, same clock), and, when the output carries
 * the scorer's {@link ScoringTimes} headers, where that latency went ({@link LatencyTrace}). Dead
 * letters are counted (the bench produces none).
 */
final class OutputTimeline implements Runnable {

    /** {@code count} backlog outputs were visible at {@code nanos} ({@link System#nanoTime()}). */
    record Visible(long nanos, long count) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommittedTopicReader reader;
    private final String deadLetterTopic;
    private final String latencyPrefix;
    private final List<Visible> backlog = new ArrayList<>();
    private final List<Long> latenciesMs = new ArrayList<>();
    private final List<LatencyTrace> traces = new ArrayList<>();
    private long backlogOutputs;
    private long deadLetters;

    OutputTimeline(
            String bootstrapServers,
            String predictionsTopic,
            String relabelTopic,
            String deadLetterTopic,
            String latencyPrefix) {
        this.deadLetterTopic = deadLetterTopic;
        this.latencyPrefix = latencyPrefix;
        Properties fetch = new Properties();
        // One poll takes a whole checkpoint's commit, so that it shows as one step of the timeline.
        fetch.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100_000);
        // Bounds how late a poll can see outputs that just became visible.
        fetch.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        this.reader =
                new CommittedTopicReader(
                        bootstrapServers,
                        fetch,
                        List.of(predictionsTopic, relabelTopic, deadLetterTopic),
                        CommittedTopicReader.From.BEGINNING,
                        Duration.ofMillis(100),
                        "varsent-bench-output-timeline",
                        records -> record(records, System.nanoTime(), System.currentTimeMillis()));
    }

    synchronized List<Visible> backlogTimeline() {
        return List.copyOf(backlog);
    }

    synchronized long backlogOutputs() {
        return backlogOutputs;
    }

    synchronized long[] latenciesMs() {
        return latenciesMs.stream().mapToLong(Long::longValue).toArray();
    }

    /** The latency outputs' traces (those that carried the scoring times), in order of arrival. */
    synchronized List<LatencyTrace> traces() {
        return List.copyOf(traces);
    }

    synchronized int latencyOutputs() {
        return latenciesMs.size();
    }

    synchronized long deadLetters() {
        return deadLetters;
    }

    /** Throws what stopped the consumer, if it stopped by failing. */
    void check() {
        reader.failure()
                .ifPresent(
                        failure -> {
                            throw new IllegalStateException("the output consumer failed", failure);
                        });
    }

    void stop() {
        reader.stop();
    }

    /**
     * Reads until {@link #stop()}, on the calling thread; a failure is kept for {@link #check()}.
     */
    @Override
    public void run() {
        try {
            reader.run();
        } catch (RuntimeException e) {
            // kept by the reader, thrown by check()
        }
    }

    private synchronized void record(
            ConsumerRecords<byte[], byte[]> records, long nanos, long wallMillis) {
        long before = backlogOutputs;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.topic().equals(deadLetterTopic)) {
                deadLetters++;
            } else if (new String(record.key(), StandardCharsets.UTF_8).startsWith(latencyPrefix)) {
                JsonNode json = json(record.value());
                long sent = json.get("event_time").asLong();
                latenciesMs.add(wallMillis - sent);
                Long received = header(record, ScoringTimes.RECEIVED_HEADER);
                Long batchStart = header(record, ScoringTimes.BATCH_START_HEADER);
                Long batchSize = header(record, ScoringTimes.BATCH_SIZE_HEADER);
                if (received != null && batchStart != null && batchSize != null) {
                    traces.add(
                            LatencyTrace.of(
                                    sent,
                                    received,
                                    batchStart,
                                    json.get("processing_time").asLong(),
                                    record.timestamp(),
                                    wallMillis,
                                    batchSize.intValue()));
                }
            } else {
                backlogOutputs++;
            }
        }
        if (backlogOutputs != before) {
            backlog.add(new Visible(nanos, backlogOutputs));
        }
    }

    private static Long header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null
                ? null
                : Long.valueOf(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "an output that is not JSON: " + new String(value, StandardCharsets.UTF_8), e);
        }
    }
}
