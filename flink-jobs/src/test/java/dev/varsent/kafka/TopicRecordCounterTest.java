package dev.varsent.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class TopicRecordCounterTest {

    @Test
    void countsTheCommittedRecordsOfEveryPartitionButNotAbortedOnesNorMarkers() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, "counted");
            Properties transactional = new Properties();
            transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "counter-test");
            try (KafkaProducer<byte[], byte[]> producer =
                    KafkaClients.producer(kafka.bootstrapServers(), transactional)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("counted", new byte[] {9}));
                producer.abortTransaction();
                producer.beginTransaction();
                for (byte i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("counted", new byte[] {i}));
                }
                producer.commitTransaction();
            }
            try (TopicRecordCounter counter =
                    new TopicRecordCounter(kafka.bootstrapServers(), new Properties(), "counted")
                            .start()) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (counter.count() < 5 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(1_000);
                assertThat(counter.count()).isEqualTo(5);
            }
        }
    }
}
