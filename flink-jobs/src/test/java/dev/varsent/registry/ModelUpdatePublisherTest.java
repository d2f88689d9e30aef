package dev.varsent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.TopicClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelUpdatePublisherTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void promotionsAreAnnouncedInOrderAndReadBackByAReadCommittedConsumer(
            @TempDir Path root, @TempDir Path work) throws Exception {
        VarsentConfig config =
                VarsentConfig.of(
                        Map.of(
                                VarsentOptions.BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                                VarsentOptions.REGISTRY_URI.key(), root.toUri().toString(),
                                VarsentOptions.TOPIC_MODEL_UPDATES.key(), "updates-in-order"));
        // Two partitions: the constant key must still put every update of the model on one of them.
        kafka.createTopics(2, config.get(VarsentOptions.TOPIC_MODEL_UPDATES));
        ModelRegistry registry = ModelRegistry.fromConfig(config);
        String model = config.get(VarsentOptions.REGISTRY_MODEL_NAME);

        BundleInfo v1 =
                registry.publish(RegistryFixtures.bundle(work, "v1", Map.of("test_rmse", 1.5)));
        ModelUpdate first =
                ModelUpdate.of(
                        model,
                        registry.promote("v1", Map.of("holdout_rmse", 1.4), "first model"),
                        v1);
        BundleInfo v2 =
                registry.publish(RegistryFixtures.bundle(work, "v2", Map.of("test_rmse", 1.3)));
        ModelUpdate second =
                ModelUpdate.of(
                        model,
                        registry.promote(
                                "v2", Map.of("holdout_rmse", 1.2), "beats v1 on the holdout"),
                        v2);

        RecordMetadata firstWritten;
        RecordMetadata secondWritten;
        try (ModelUpdatePublisher publisher = ModelUpdatePublisher.fromConfig(config)) {
            firstWritten = publisher.announce(first);
            secondWritten = publisher.announce(second);
        }
        assertThat(secondWritten.partition()).isEqualTo(firstWritten.partition());
        assertThat(secondWritten.offset()).isGreaterThan(firstWritten.offset());

        List<ConsumerRecord<byte[], byte[]>> records;
        try (TopicClient topics = new TopicClient(kafka.bootstrapServers())) {
            records =
                    topics.readCommitted(
                            List.of(config.get(VarsentOptions.TOPIC_MODEL_UPDATES)),
                            2,
                            Duration.ofSeconds(30),
                            Duration.ofMillis(500));
        }
        assertThat(records).hasSize(2);
        assertThat(records)
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsOnly("sentiment");
        List<ModelUpdate> parsed =
                records.stream()
                        .map(r -> ModelUpdateParser.parse(r.value()))
                        .map(outcome -> ((ModelUpdateOutcome.Valid) outcome).update())
                        .toList();
        assertThat(parsed).containsExactly(first, second);
        assertThat(parsed.get(0).previousVersion()).isNull();
        assertThat(parsed.get(1).previousVersion()).isEqualTo("v1");
        assertThat(parsed.get(1).bundleUri()).isEqualTo(registry.bundleUri("v2"));
        assertThat(parsed.get(1).sha256()).isEqualTo(v2.sha256());
        assertThat(parsed.get(1).metrics()).containsEntry("test_rmse", 1.3);
        assertThat(parsed.get(1).scores()).containsEntry("holdout_rmse", 1.2);
        assertThat(registry.load(parsed.get(1).version()).version()).isEqualTo("v2");
    }
}
