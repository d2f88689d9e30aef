package dev.varsent.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** A plain producer and a {@code read_committed} reader of whole topics, for tests. */
public final class TopicClient implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;

    public TopicClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
        this.producer = KafkaClients.producer(bootstrapServers, props);
    }

    /** Sends one record and waits for it to be written; returns where it landed. */
    public RecordMetadata send(String topic, byte[] key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    /** Sends one record without waiting; {@link #flush} waits for every record sent so far. */
    public Future<RecordMetadata> sendAsync(String topic, byte[] key, byte[] value) {
        return producer.send(new ProducerRecord<>(topic, key, value));
    }

    /** Waits until every record sent so far is written (or has failed). */
    public void flush() {
        producer.flush();
    }

    /**
     * Reads the committed records of {@code topics} from the beginning until {@code expected} have
     * arrived (or the timeout passes), then keeps reading for {@code settle} to catch any surplus.
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(
            List<String> topics, int expected, Duration timeout, Duration settle) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        CommittedTopicReader reader =
                new CommittedTopicReader(
                        bootstrapServers,
                        new Properties(),
                        topics,
                        CommittedTopicReader.From.BEGINNING,
                        Duration.ofMillis(200),
                        "test-topic-client",
                        polled -> {
                            synchronized (records) {
                                polled.forEach(records::add);
                                records.notifyAll();
                            }
                        });
        try {
            reader.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (records) {
                long left;
                while (records.size() < expected
                        && reader.failure().isEmpty()
                        && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(records, left);
                }
            }
            if (reader.failure().isEmpty()) {
                Thread.sleep(settle.toMillis());
            }
            reader.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + topics, e);
        }
        reader.failure()
                .ifPresent(
                        failure -> {
                            throw new IllegalStateException("cannot read " + topics, failure);
                        });
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
