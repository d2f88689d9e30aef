package dev.varsent.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads every partition of one or more topics as a downstream consumer sees them ({@code
 * read_committed}, so transaction markers and aborted records never show), from their beginning or
 * their end, without a consumer group, and hands each non-empty poll to a {@link PollHandler}. The
 * poll loop runs on the caller's thread ({@link #run()}) or on a daemon thread of its own ({@link
 * #start()}); {@link #stop()} ends it, {@link #close()} also waits for it.
 */
public final class CommittedTopicReader implements Runnable, AutoCloseable {

    /** Where the reader starts in each partition. */
    public enum From {
        BEGINNING,
        END
    }

    /** Receives the records of one poll (never empty), on the reading thread. */
    @FunctionalInterface
    public interface PollHandler {
        void onPoll(ConsumerRecords<byte[], byte[]> records);
    }

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final From from;
    private final Duration pollTimeout;
    private final PollHandler handler;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile RuntimeException failure;

    /**
     * @param clientProperties Kafka client settings (e.g. security, fetch sizes); the bootstrap
     *     servers, isolation level and deserializers are set by {@link
     *     KafkaClients#committedConsumer}
     * @param threadName the name of the thread {@link #start()} starts
     */
    public CommittedTopicReader(
            String bootstrapServers,
            Properties clientProperties,
            List<String> topics,
            From from,
            Duration pollTimeout,
            String threadName,
            PollHandler handler) {
        this.topics = List.copyOf(topics);
        this.from = from;
        this.pollTimeout = pollTimeout;
        this.handler = handler;
        this.consumer = KafkaClients.committedConsumer(bootstrapServers, clientProperties);
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    /** A {@link PollHandler} that hands each record to {@code handler}, in poll order. */
    public static PollHandler eachRecord(
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        return records -> records.forEach(handler);
    }

    /** Runs the poll loop on a daemon thread of its own; returns this. */
    public CommittedTopicReader start() {
        thread.start();
        return this;
    }

    /**
     * The poll loop, until {@link #stop()}. A failure (of Kafka or of the handler) ends it: it is
     * kept for {@link #failure()} and thrown.
     */
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
            if (from == From.BEGINNING) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (!stopped) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                if (!records.isEmpty()) {
                    handler.onPoll(records);
                }
            }
        } catch (WakeupException e) {
            if (!stopped) {
                failure = e;
                throw e;
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            consumer.close(CLOSE_TIMEOUT);
        }
    }

    /** What ended the poll loop, if it ended by failing. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Ends the poll loop (its current poll returns at once); does not wait for it. */
    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    /** Ends the poll loop and, if it runs on the reader's own thread, waits for it to end. */
    @Override
    public void close() throws InterruptedException {
        stop();
        if (thread.isAlive()) {
            thread.join();
        }
    }
}
