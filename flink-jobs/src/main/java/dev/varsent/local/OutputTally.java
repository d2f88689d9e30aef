package dev.varsent.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the committed records of the three output topics, as a downstream consumer sees them
 * ({@code read_committed}): what the live summary of the local run reports.
 */
public final class OutputTally implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String predictionsTopic;
    private final String relabelTopic;
    private final String deadLetterTopic;
    private final AtomicLong predictions = new AtomicLong();
    private final AtomicLong relabelRequests = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile String servingVersion = "-";
    private volatile boolean stopped;

    public OutputTally(
            String bootstrapServers,
            String predictionsTopic,
            String relabelTopic,
            String deadLetterTopic) {
        this.predictionsTopic = predictionsTopic;
        this.relabelTopic = relabelTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false,
                                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                                ByteArrayDeserializer.class,
                                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                                ByteArrayDeserializer.class));
    }

    public long predictions() {
        return predictions.get();
    }

    public long relabelRequests() {
        return relabelRequests.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    /** The model version of the latest prediction read ("-" before the first). */
    public String servingVersion() {
        return servingVersion;
    }

    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(predictionsTopic, relabelTopic, deadLetterTopic)) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    counter(record.topic()).incrementAndGet();
                    if (record.topic().equals(predictionsTopic)) {
                        servingVersion = modelVersion(record.value());
                    }
                }
            }
        } catch (WakeupException e) {
            if (!stopped) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private AtomicLong counter(String topic) {
        if (topic.equals(predictionsTopic)) {
            return predictions;
        }
        return topic.equals(relabelTopic) ? relabelRequests : deadLetters;
    }

    private static String modelVersion(byte[] prediction) {
        try {
            return JSON.readTree(prediction).path("model_version").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
