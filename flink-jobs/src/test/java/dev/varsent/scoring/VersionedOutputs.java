package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.kafka.KafkaClients;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A scoring job's committed outputs (read_committed, from the beginning of its three output
 * topics), each with the review it is about, the topic it went to and the model version that scored
 * it, collected as the test polls.
 */
final class VersionedOutputs implements AutoCloseable {

    /** One output record: its review, its topic and its model version (null for a dead letter). */
    record Output(String id, String topic, String modelVersion) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Output> outputs = new ArrayList<>();

    private VersionedOutputs(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    static VersionedOutputs of(String bootstrapServers, List<String> topics) {
        KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.committedConsumer(bootstrapServers, new Properties());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new VersionedOutputs(consumer);
    }

    /** Reads what became visible within 200 ms. */
    void poll() throws IOException {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            JsonNode json = JSON.readTree(record.value());
            JsonNode prediction =
                    record.topic().endsWith("-relabel") ? json.get("prediction") : json;
            String version =
                    prediction != null && prediction.has("model_version")
                            ? prediction.get("model_version").asText()
                            : null;
            outputs.add(new Output(json.path("id").asText(null), record.topic(), version));
        }
    }

    /** Polls until {@code done} holds, failing after two minutes. */
    void await(BooleanSupplier done, String what) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("waiting for " + what + "; outputs so far: " + outputs.size())
                    .isLessThan(deadline);
            poll();
        }
    }

    /** Polls for {@code settle} more, so that a duplicate would show. */
    void drain(Duration settle) throws IOException {
        long end = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
    }

    int size() {
        return outputs.size();
    }

    List<Output> all() {
        return outputs;
    }

    /** Outputs scored by {@code version}. */
    int count(String version) {
        int n = 0;
        for (Output output : outputs) {
            if (version.equals(output.modelVersion())) {
                n++;
            }
        }
        return n;
    }

    /** Copies of each review id among the outputs. */
    Map<String, Integer> copiesById() {
        Map<String, Integer> copies = new HashMap<>();
        for (Output output : outputs) {
            copies.merge(output.id(), 1, Integer::sum);
        }
        return copies;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
