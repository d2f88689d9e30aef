package dev.varsent.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CommittedTopicReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void readsTheCommittedRecordsOfEveryPartitionOfEveryTopicFromTheBeginning() throws Exception {
        kafka.createTopics(3, "begin-a", "begin-b");
        Properties transactional = new Properties();
        transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reader-test");
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.producer(kafka.bootstrapServers(), transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            send(producer, "begin-a", "aborted");
            producer.abortTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 6; i++) {
                send(producer, "begin-a", "a" + i);
            }
            send(producer, "begin-b", "b0");
            producer.commitTransaction();
        }
        List<String> values = new CopyOnWriteArrayList<>();
        try (CommittedTopicReader reader =
                reader(List.of("begin-a", "begin-b"), CommittedTopicReader.From.BEGINNING, values)
                        .start()) {
            await(() -> values.size() >= 7);
            Thread.sleep(500);
        }
        assertThat(values).containsExactlyInAnyOrder("a0", "a1", "a2", "a3", "a4", "a5", "b0");
    }

    @Test
    void fromTheEndSeesOnlyTheRecordsWrittenAfterItStarted() throws Exception {
        kafka.createTopics(2, "end");
        List<String> values = new CopyOnWriteArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.producer(kafka.bootstrapServers(), new Properties())) {
            send(producer, "end", "before").get(30, TimeUnit.SECONDS);
            try (CommittedTopicReader reader =
                    reader(List.of("end"), CommittedTopicReader.From.END, values).start()) {
                // The reader is at the end once a record sent now is the only one it sees.
                long deadline = System.nanoTime() + WAIT.toNanos();
                int sent = 0;
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    send(producer, "end", "after" + sent++).get(30, TimeUnit.SECONDS);
                    Thread.sleep(200);
                }
            }
        }
        assertThat(values).isNotEmpty().noneMatch("before"::equals);
    }

    @Test
    void aFailingHandlerEndsTheLoopAndIsKept() throws Exception {
        kafka.createTopics(1, "failing");
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.producer(kafka.bootstrapServers(), new Properties())) {
            send(producer, "failing", "x").get(30, TimeUnit.SECONDS);
        }
        IllegalStateException boom = new IllegalStateException("boom");
        CommittedTopicReader reader =
                new CommittedTopicReader(
                        kafka.bootstrapServers(),
                        new Properties(),
                        List.of("failing"),
                        CommittedTopicReader.From.BEGINNING,
                        Duration.ofMillis(100),
                        "reader-test-failing",
                        records -> {
                            throw boom;
                        });
        reader.start();
        await(() -> reader.failure().isPresent());
        reader.close();
        assertThat(reader.failure()).containsSame(boom);
    }

    @Test
    void stopEndsALoopOnTheCallersThreadWithoutAFailure() throws Exception {
        kafka.createTopics(1, "stopped");
        CommittedTopicReader reader =
                reader(List.of("stopped"), CommittedTopicReader.From.BEGINNING, List.of());
        Thread caller = new Thread(reader);
        caller.start();
        Thread.sleep(1_000);
        reader.stop();
        caller.join(WAIT.toMillis());
        assertThat(caller.isAlive()).isFalse();
        assertThat(reader.failure()).isEmpty();
    }

    private static CommittedTopicReader reader(
            List<String> topics, CommittedTopicReader.From from, List<String> values) {
        return new CommittedTopicReader(
                kafka.bootstrapServers(),
                new Properties(),
                topics,
                from,
                Duration.ofMillis(100),
                "reader-test",
                CommittedTopicReader.eachRecord(
                        record -> values.add(new String(record.value(), StandardCharsets.UTF_8))));
    }

    private static java.util.concurrent.Future<?> send(
            KafkaProducer<byte[], byte[]> producer, String topic, String value) {
        return producer.send(
                new ProducerRecord<>(topic, null, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("reached within %s", WAIT).isTrue();
    }
}
