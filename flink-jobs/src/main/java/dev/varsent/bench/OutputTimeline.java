package dev.varsent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A downstream consumer of the scored outputs (predictions and relabel requests, {@code
 * read_committed}, from the beginning) that records when they become visible. For the backlog's
 * reviews it keeps the running count after every poll that returned some ({@link Visible}); for
 * reviews whose id starts with the latency prefix it keeps the produce-to-visible latency: the time
 * of the poll that returned the output minus its {@code event_time}, which is the {@code timestamp}
 * the producer wrote when it sent the review (same JVM, same clock). Dead letters are counted (the
 * bench produces none).
 */
final class OutputTimeline implements Runnable {

    /** {@code count} backlog outputs were visible at {@code nanos} ({@link System#nanoTime()}). */
    record Visible(long nanos, long count) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final String deadLetterTopic;
    private final String latencyPrefix;
    private final List<Visible> backlog = new ArrayList<>();
    private final List<Long> latenciesMs = new ArrayList<>();
    private long backlogOutputs;
    private long deadLetters;
    private volatile boolean stopped;
    private volatile RuntimeException failure;

    OutputTimeline(
            String bootstrapServers,
            String predictionsTopic,
            String relabelTopic,
            String deadLetterTopic,
            String latencyPrefix) {
        this.topics = List.of(predictionsTopic, relabelTopic, deadLetterTopic);
        this.deadLetterTopic = deadLetterTopic;
        this.latencyPrefix = latencyPrefix;
        this.consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false,
                                // One poll takes a whole checkpoint's commit, so that it shows as
                                // one step of the timeline.
                                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                100_000,
                                // Bounds how late a poll can see outputs that just became visible.
                                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                                20,
                                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                                ByteArrayDeserializer.class,
                                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                                ByteArrayDeserializer.class));
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

    synchronized int latencyOutputs() {
        return latenciesMs.size();
    }

    synchronized long deadLetters() {
        return deadLetters;
    }

    /** Throws what stopped the consumer, if it stopped by failing. */
    void check() {
        if (failure != null) {
            throw new IllegalStateException("the output consumer failed", failure);
        }
    }

    void stop() {
        stopped = true;
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stopped) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                long nanos = System.nanoTime();
                long wallMillis = System.currentTimeMillis();
                if (!records.isEmpty()) {
                    record(records, nanos, wallMillis);
                }
            }
        } catch (WakeupException e) {
            if (!stopped) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void record(
            ConsumerRecords<byte[], byte[]> records, long nanos, long wallMillis) {
        long before = backlogOutputs;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.topic().equals(deadLetterTopic)) {
                deadLetters++;
            } else if (new String(record.key(), StandardCharsets.UTF_8).startsWith(latencyPrefix)) {
                latenciesMs.add(wallMillis - eventTime(record.value()));
            } else {
                backlogOutputs++;
            }
        }
        if (backlogOutputs != before) {
            backlog.add(new Visible(nanos, backlogOutputs));
        }
    }

    private static long eventTime(byte[] value) {
        try {
            JsonNode json = JSON.readTree(value);
            return json.get("event_time").asLong();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "an output that is not JSON: " + new String(value, StandardCharsets.UTF_8), e);
        }
    }
}
