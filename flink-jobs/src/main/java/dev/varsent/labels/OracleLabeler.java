package dev.varsent.labels;

import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.RawRecord;
import dev.varsent.kafka.KafkaConnectors;
import dev.varsent.kafka.RawRecordDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(OracleLabeler.class);

    private static final long COMMIT_INTERVAL_MS = 1_000;
    private static final long MAX_POLL_WAIT_MS = 200;

    /** Requests read ahead and waiting for their delay; above this, reading pauses. */
    private static final int MAX_WAITING = 10_000;

    private static final int LOGGED_IN_FULL = 10;

    private final OracleSettings settings;
    private final GroundTruth truth;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final RelabelRequestParser parser = new RelabelRequestParser(InputLimits.NONE);
    private volatile boolean stopped;
    private volatile Throwable failure;
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
                KafkaConnectors.committedConsumer(
                        settings.bootstrapServers(), consumerProperties());
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = KafkaConnectors.producer(settings.bootstrapServers(), producerProperties());
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        Loop loop = new Loop(consumer, producer);
        thread = new Thread(loop::run, "varsent-oracle-labeler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Labels sent and acknowledged by Kafka. */
    public long answered() {
        return answered.get();
    }

    /** Requests for ids the ground truth does not know (not answered). */
    public long unknown() {
        return unknown.get();
    }

    /** Requests that could not be read (not answered). */
    public long invalid() {
        return invalid.get();
    }

    /** Why the labeler stopped by itself, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
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

    /** A request waiting for its delay, with the rating it will get. */
    private record Answer(
            TopicPartition partition, long offset, String id, double rating, long due) {}

    /** The consuming thread; everything in it is confined to that thread. */
    private final class Loop implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<byte[], byte[]> producer;
        private final Random random = new Random(settings.seed());
        private final PriorityQueue<Answer> waiting =
                new PriorityQueue<>(
                        Comparator.comparingLong(Answer::due).thenComparingLong(Answer::offset));

        /**
         * Per partition: offsets read but not yet answered, and the offset after the last one read.
         */
        private final Map<TopicPartition, TreeSet<Long>> unanswered = new HashMap<>();

        private final Map<TopicPartition, Long> readUpTo = new HashMap<>();
        private final Map<TopicPartition, Long> committed = new HashMap<>();
        private long lastCommit = System.currentTimeMillis();

        Loop(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer) {
            this.consumer = consumer;
            this.producer = producer;
        }

        void run() {
            try {
                consumer.subscribe(List.of(settings.requestsTopic()), this);
                while (!stopped) {
                    long now = System.currentTimeMillis();
                    long wait =
                            waiting.isEmpty()
                                    ? MAX_POLL_WAIT_MS
                                    : Math.max(
                                            0,
                                            Math.min(MAX_POLL_WAIT_MS, waiting.peek().due() - now));
                    for (ConsumerRecord<byte[], byte[]> record :
                            consumer.poll(Duration.ofMillis(wait))) {
                        read(record);
                    }
                    sendDue();
                    if (waiting.size() >= MAX_WAITING) {
                        consumer.pause(consumer.assignment());
                    } else if (!consumer.paused().isEmpty()) {
                        consumer.resume(consumer.paused());
                    }
                    if (System.currentTimeMillis() - lastCommit >= COMMIT_INTERVAL_MS) {
                        commit(readUpTo.keySet());
                    }
                }
            } catch (WakeupException e) {
                if (!stopped) {
                    fail(e);
                }
            } catch (Exception | Error e) {
                fail(e);
            } finally {
                try {
                    if (failure == null) {
                        finalCommit();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("oracle labeler: last offset commit failed: {}", e.toString());
                } finally {
                    producer.close(Duration.ofSeconds(10));
                    consumer.close(Duration.ofSeconds(10));
                }
            }
        }

        /**
         * {@link #close()} may have woken the consumer after its last poll; that wake-up is spent
         * here.
         */
        private void finalCommit() {
            try {
                commit(readUpTo.keySet());
            } catch (WakeupException e) {
                commit(readUpTo.keySet());
            }
        }

        private void fail(Throwable e) {
            failure = e;
            LOG.error("oracle labeler stopped: {}", e.toString(), e);
        }

        private void read(ConsumerRecord<byte[], byte[]> record) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            readUpTo.put(partition, record.offset() + 1);
            RawRecord raw = RawRecordDeserializer.raw(record);
            Parsed<LabelRequest> parsed = parser.parse(raw, System.currentTimeMillis());
            if (parsed instanceof Parsed.Invalid<LabelRequest> bad) {
                long n = invalid.incrementAndGet();
                if (n <= LOGGED_IN_FULL || n % 1000 == 0) {
                    LOG.warn(
                            "oracle labeler: unreadable relabel request at {} ({} so far): {} {}",
                            raw.position(),
                            n,
                            bad.reason(),
                            bad.message());
                }
                return;
            }
            String id = ((Parsed.Valid<LabelRequest>) parsed).value().id();
            OptionalDouble rating = truth.rating(id);
            if (rating.isEmpty()) {
                long n = unknown.incrementAndGet();
                if (n <= LOGGED_IN_FULL || n % 1000 == 0) {
                    LOG.warn(
                            "oracle labeler: review '{}' is not in the ground truth; not answered ({} so far)",
                            id,
                            n);
                }
                return;
            }
            unanswered.computeIfAbsent(partition, p -> new TreeSet<>()).add(record.offset());
            waiting.add(
                    new Answer(
                            partition,
                            record.offset(),
                            id,
                            noisy(rating.getAsDouble()),
                            record.timestamp() + settings.delayMs()));
        }

        private double noisy(double rating) {
            if (settings.noiseStd() == 0) {
                return rating;
            }
            return Math.min(
                    1.0, Math.max(0.0, rating + settings.noiseStd() * random.nextGaussian()));
        }

        private void sendDue() throws Exception {
            List<Answer> sent = new ArrayList<>();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            long now = System.currentTimeMillis();
            while (!waiting.isEmpty() && waiting.peek().due() <= now) {
                Answer answer = waiting.poll();
                Label label = new Label(answer.id(), answer.rating(), settings.labeler(), now);
                acks.add(
                        producer.send(
                                new ProducerRecord<>(
                                        settings.labelsTopic(), label.key(), label.toJson())));
                sent.add(answer);
            }
            if (sent.isEmpty()) {
                return;
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            for (Answer answer : sent) {
                TreeSet<Long> offsets = unanswered.get(answer.partition());
                if (offsets != null) {
                    offsets.remove(answer.offset());
                }
            }
            answered.addAndGet(sent.size());
        }

        /** Commits, per partition, the first offset not yet answered (or all that was read). */
        private void commit(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition partition : partitions) {
                TreeSet<Long> open = unanswered.get(partition);
                Long offset =
                        open != null && !open.isEmpty() ? open.first() : readUpTo.get(partition);
                if (offset != null && !offset.equals(committed.get(partition))) {
                    offsets.put(partition, new OffsetAndMetadata(offset));
                }
            }
            lastCommit = System.currentTimeMillis();
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
                offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

        /** Another member answers these partitions now, from the committed offsets. */
        private void forget(Collection<TopicPartition> partitions) {
            waiting.removeIf(answer -> partitions.contains(answer.partition()));
            for (TopicPartition partition : partitions) {
                unanswered.remove(partition);
                readUpTo.remove(partition);
                committed.remove(partition);
            }
        }
    }
}
