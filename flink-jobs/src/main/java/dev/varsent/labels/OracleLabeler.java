package dev.varsent.labels;

import dev.varsent.kafka.KafkaClients;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Stands in for the people who label: answers each relabel request from a {@link GroundTruth}, on a
 * background thread, with a plain Kafka consumer ({@code read_committed}, its own group, from the
 * earliest offset when the group is new) and an idempotent producer to the labels topic.
 *
 * <ul>
 *   <li>A request written at time t (its Kafka timestamp) is answered no earlier than t + delay;
 *       the label's {@code labelled_at} is the time it is sent.
 *   <li>The rating is the true one plus Gaussian noise of the configured std (a seeded generator,
 *       drawn in the order requests are read), clipped to [0, 1]; std 0 gives the true rating
 *       exactly.
 *   <li>A request for an id the ground truth does not know is counted ({@link #unknown()}) and
 *       logged, not answered; one that cannot be read is counted as {@link #invalid()}.
 *   <li>Offsets are committed only up to the first request not yet answered, so after a restart
 *       every unanswered request is answered (at least once: a request answered just before a crash
 *       may be answered again; the store keeps the latest label).
 * </ul>
 */
public final class OracleLabeler implements AutoCloseable {

    private final OracleSettings settings;
    private final GroundTruth truth;
    private final OracleCounts counts = new OracleCounts();
    private volatile boolean stopped;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public OracleLabeler(OracleSettings settings, GroundTruth truth) {
        this.settings = settings;
        this.truth = truth;
    }

    /** Connects to Kafka and starts answering on a daemon thread; returns this. */
    public synchronized OracleLabeler start() {
        if (thread != null) {
            throw new IllegalStateException("the oracle labeler is already started");
        }
        // The scoring job writes relabel requests in transactions: read committed ones only.
        consumer =
                KafkaClients.committedConsumer(settings.bootstrapServers(), consumerProperties());
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = KafkaClients.producer(settings.bootstrapServers(), producerProperties());
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        OracleAnswerLoop loop =
                new OracleAnswerLoop(settings, truth, consumer, producer, counts, () -> stopped);
        thread = new Thread(loop::run, "varsent-oracle-labeler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Labels sent and acknowledged by Kafka. */
    public long answered() {
        return counts.answered.get();
    }

    /** Requests for ids the ground truth does not know (not answered). */
    public long unknown() {
        return counts.unknown.get();
    }

    /** Requests that could not be read (not answered). */
    public long invalid() {
        return counts.invalid.get();
    }

    /** Why the labeler stopped by itself, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(counts.failure);
    }

    /** True from {@link #start()} until it stops, on {@link #close()} or a failure. */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /**
     * Stops answering: requests still waiting for their delay are left unanswered and uncommitted.
     */
    @Override
    public void close() throws InterruptedException {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = thread;
            if (consumer != null) {
                consumer.wakeup();
            }
        }
        if (t != null) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** Its own group, from the earliest offset when the group is new. */
    private Properties consumerProperties() {
        Properties props = new Properties();
        props.putAll(settings.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.putAll(settings.clientProperties());
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-labels");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        return props;
    }
}
