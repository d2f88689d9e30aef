package dev.varsent.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.varsent.kafka.CommittedTopicReader;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Counts the committed records of the three output topics, as a downstream consumer sees them
 * ({@code read_committed}): what the live summary of the local run reports.
 */
public final class OutputTally implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommittedTopicReader reader;
    private final String predictionsTopic;
    private final String relabelTopic;
    private final AtomicLong predictions = new AtomicLong();
    private final AtomicLong relabelRequests = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile String servingVersion = "-";

    public OutputTally(
            String bootstrapServers,
            String predictionsTopic,
            String relabelTopic,
            String deadLetterTopic) {
        this.predictionsTopic = predictionsTopic;
        this.relabelTopic = relabelTopic;
        this.reader =
                new CommittedTopicReader(
                        bootstrapServers,
                        new Properties(),
                        List.of(predictionsTopic, relabelTopic, deadLetterTopic),
                        CommittedTopicReader.From.BEGINNING,
                        Duration.ofMillis(500),
                        "varsent-output-tally",
                        CommittedTopicReader.eachRecord(this::count));
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
        reader.stop();
    }

    /** Reads until {@link #stop()}, on the calling thread. */
    @Override
    public void run() {
        reader.run();
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        counter(record.topic()).incrementAndGet();
        if (record.topic().equals(predictionsTopic)) {
            servingVersion = modelVersion(record.value());
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
