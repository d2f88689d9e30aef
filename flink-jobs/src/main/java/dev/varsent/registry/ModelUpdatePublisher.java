package dev.varsent.registry;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.kafka.KafkaClients;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Announces promotions on the model-updates topic with an idempotent producer ({@code acks=all}):
 * an update is acknowledged only once every in-sync replica has it, and a retried send is not
 * duplicated. Records are keyed by model name, so one model's updates stay in promotion order.
 */
public final class ModelUpdatePublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    /**
     * @param clientProperties extra Kafka client settings (e.g. security); acks, idempotence and
     *     the serializers are set here and cannot be overridden
     */
    public ModelUpdatePublisher(
            String bootstrapServers, Properties clientProperties, String topic) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "varsent-model-updates");
        this.producer = KafkaClients.producer(bootstrapServers, props);
        this.topic = topic;
    }

    /** Publishes on {@code topic.model-updates} of the configured Kafka cluster. */
    public static ModelUpdatePublisher fromConfig(VarsentConfig config) {
        return new ModelUpdatePublisher(
                config.get(VarsentOptions.BOOTSTRAP_SERVERS),
                config.kafkaClientProperties(),
                config.get(VarsentOptions.TOPIC_MODEL_UPDATES));
    }

    /**
     * Sends {@code update} and waits until Kafka has acknowledged it (at most the producer's {@code
     * delivery.timeout.ms}); returns where it was written.
     */
    public RecordMetadata announce(ModelUpdate update) throws IOException {
        try {
            return producer.send(new ProducerRecord<>(topic, update.key(), update.toJson())).get();
        } catch (ExecutionException e) {
            throw new IOException(
                    "cannot announce version "
                            + update.version()
                            + " of "
                            + update.model()
                            + " on topic "
                            + topic
                            + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted =
                    new InterruptedIOException(
                            "interrupted while announcing version "
                                    + update.version()
                                    + " on topic "
                                    + topic);
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
