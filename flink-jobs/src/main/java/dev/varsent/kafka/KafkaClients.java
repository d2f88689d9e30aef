package dev.varsent.kafka;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;

import dev.varsent.config.VarsentConfig;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The plain Kafka consumers, producers and admin clients of the tools around the jobs (the jobs'
 * Flink sources and sinks are {@link KafkaConnectors}'). Each takes the caller's client properties
 * first; the bootstrap servers, serializers and the guarantees set here override them.
 */
public final class KafkaClients {

    private KafkaClients() {}

    /**
     * A consumer of raw bytes that sees committed records only ({@code read_committed}) and never
     * commits offsets by itself; {@code clientProperties} may add a group, a client id or fetch
     * settings.
     */
    public static KafkaConsumer<byte[], byte[]> committedConsumer(
            String bootstrapServers, Properties clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    /**
     * An idempotent producer of raw bytes ({@code acks=all}): a send is acknowledged only once
     * every in-sync replica has it, and a retried send is not duplicated. {@code clientProperties}
     * may add a client id, linger or size settings; acks, idempotence and the serializers cannot be
     * overridden.
     */
    public static KafkaProducer<byte[], byte[]> producer(
            String bootstrapServers, Properties clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    /** An admin client; the caller closes it. */
    public static Admin admin(String bootstrapServers, Properties clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }

    /**
     * An admin client for the configured Kafka cluster, with the client pass-through properties
     * ({@code kafka.client.*}); the caller closes it.
     */
    public static Admin admin(VarsentConfig config) {
        return admin(config.get(BOOTSTRAP_SERVERS), config.kafkaClientProperties());
    }
}
