package dev.varsent.labels;

import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.RawRecord;
import dev.varsent.kafka.RawRecordDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link OracleLabeler}'s consuming thread: reads the relabel requests, answers each once its
 * delay has passed, and commits per partition up to the first request not yet answered. Everything
 * in it is confined to that thread, but the {@link OracleCounts}.
 */
final class OracleAnswerLoop implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(OracleLabeler.class);

    private static final long COMMIT_INTERVAL_MS = 1_000;
    private static final long MAX_POLL_WAIT_MS = 200;

    /** Requests read ahead and waiting for their delay; above this, reading pauses. */
    private static final int MAX_WAITING = 10_000;

    private static final int LOGGED_IN_FULL = 10;

    private final OracleSettings settings;
    private final GroundTruth truth;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final OracleCounts counts;
    private final BooleanSupplier stopped;
    private final RelabelRequestParser parser = new RelabelRequestParser(InputLimits.NONE);
    private final Random random;
    private final PendingAnswers pending = new PendingAnswers();
    private long lastCommit = System.currentTimeMillis();

    OracleAnswerLoop(
            OracleSettings settings,
            GroundTruth truth,
            KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> producer,
            OracleCounts counts,
            BooleanSupplier stopped) {
        this.settings = settings;
        this.truth = truth;
        this.consumer = consumer;
        this.producer = producer;
        this.counts = counts;
        this.stopped = stopped;
        this.random = new Random(settings.seed());
    }

    void run() {
        try {
            consumer.subscribe(List.of(settings.requestsTopic()), this);
            while (!stopped.getAsBoolean()) {
                long wait = pending.waitMs(System.currentTimeMillis(), MAX_POLL_WAIT_MS);
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(wait))) {
                    read(record);
                }
                sendDue();
                if (pending.waiting() >= MAX_WAITING) {
                    consumer.pause(consumer.assignment());
                } else if (!consumer.paused().isEmpty()) {
                    consumer.resume(consumer.paused());
                }
                if (System.currentTimeMillis() - lastCommit >= COMMIT_INTERVAL_MS) {
                    commit(pending.partitions());
                }
            }
        } catch (WakeupException e) {
            if (!stopped.getAsBoolean()) {
                fail(e);
            }
        } catch (Exception | Error e) {
            fail(e);
        } finally {
            try {
                if (counts.failure == null) {
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
     * {@link OracleLabeler#close()} may have woken the consumer after its last poll; that wake-up
     * is spent here.
     */
    private void finalCommit() {
        try {
            commit(pending.partitions());
        } catch (WakeupException e) {
            commit(pending.partitions());
        }
    }

    private void fail(Throwable e) {
        counts.failure = e;
        LOG.error("oracle labeler stopped: {}", e.toString(), e);
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        pending.read(partition, record.offset());
        RawRecord raw = RawRecordDeserializer.raw(record);
        Parsed<LabelRequest> parsed = parser.parse(raw, System.currentTimeMillis());
        if (parsed instanceof Parsed.Invalid<LabelRequest> bad) {
            long n = counts.invalid.incrementAndGet();
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
            long n = counts.unknown.incrementAndGet();
            if (n <= LOGGED_IN_FULL || n % 1000 == 0) {
                LOG.warn(
                        "oracle labeler: review '{}' is not in the ground truth; not answered ({} so far)",
                        id,
                        n);
            }
            return;
        }
        pending.await(
                new PendingAnswers.Answer(
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
        return Math.min(1.0, Math.max(0.0, rating + settings.noiseStd() * random.nextGaussian()));
    }

    private void sendDue() throws Exception {
        long now = System.currentTimeMillis();
        List<PendingAnswers.Answer> sent = pending.takeDue(now);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (PendingAnswers.Answer answer : sent) {
            Label label = new Label(answer.id(), answer.rating(), settings.labeler(), now);
            acks.add(
                    producer.send(
                            new ProducerRecord<>(
                                    settings.labelsTopic(), label.key(), label.toJson())));
        }
        if (sent.isEmpty()) {
            return;
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        pending.sent(sent);
        counts.answered.addAndGet(sent.size());
    }

    /** Commits, per partition, the first offset not yet answered (or all that was read). */
    private void commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = pending.toCommit(partitions);
        lastCommit = System.currentTimeMillis();
        if (!offsets.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach(
                    (partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(commits);
            pending.committed(offsets);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        commit(partitions);
        pending.forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        pending.forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
}
