package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentConfig;
import dev.varsent.kafka.EmbeddedKafka;
import dev.varsent.kafka.FreshTopics;
import dev.varsent.kafka.TopicClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Thousands of keyed reviews through the scoring job, reconciled at the end: the fixture of the
 * fault scenarios (broker restart, savepoint and rescale, transaction expiry). Every review is
 * scorable, so each id must come out exactly once across predictions and relabel requests, none as
 * a dead letter.
 */
final class KeyedStream {

    private final String prefix;
    private final VarsentConfig config;

    private KeyedStream(String prefix, VarsentConfig config) {
        this.prefix = prefix;
        this.config = config;
    }

    /**
     * Fresh topics named with {@code prefix} on {@code kafka}, and a scoring configuration on them.
     */
    static KeyedStream on(EmbeddedKafka kafka, String prefix, Map<String, String> extra) {
        VarsentConfig config =
                FreshTopics.scoring(kafka, prefix)
                        .with(
                                "scoring.batch-size", "8",
                                "scoring.batch-max-wait", "50",
                                "routing.mode", "threshold",
                                "routing.threshold", "0.5",
                                "parallelism.default", "2")
                        .with(extra)
                        .config();
        return new KeyedStream(prefix, config);
    }

    VarsentConfig config() {
        return config;
    }

    List<String> outputTopics() {
        return List.of(prefix + "-predictions", prefix + "-relabel", prefix + "-dead-letters");
    }

    /**
     * Produces reviews {@code r<from>} to {@code r<to - 1>}, keyed by their id, and waits until
     * every one is written.
     */
    void produce(TopicClient client, int from, int to) throws Exception {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String id = "r" + i;
            String text = "word ".repeat(1 + i % 12).trim();
            sends.add(
                    client.sendAsync(
                            prefix + "-reviews",
                            id.getBytes(StandardCharsets.UTF_8),
                            ("{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}")
                                    .getBytes(StandardCharsets.UTF_8)));
        }
        client.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
    }

    /**
     * The committed outputs, read until {@code expected} arrived (or {@code timeout}), then for 3 s
     * more.
     */
    List<ConsumerRecord<byte[], byte[]>> outputs(
            TopicClient client, int expected, Duration timeout) {
        return client.readCommitted(outputTopics(), expected, timeout, Duration.ofSeconds(3));
    }

    /**
     * Asserts that reviews {@code r0} to {@code r<reviews - 1>} each came out exactly once, none
     * dead-lettered.
     */
    void assertEveryReviewExactlyOnce(TopicClient client, int reviews, Duration timeout) {
        Map<String, Integer> copies = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : outputs(client, reviews, timeout)) {
            assertThat(record.topic())
                    .as("a scorable review was dead-lettered")
                    .isNotEqualTo(prefix + "-dead-letters");
            copies.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        Map<String, Integer> notOnce = new HashMap<>();
        for (int i = 0; i < reviews; i++) {
            int n = copies.getOrDefault("r" + i, 0);
            if (n != 1) {
                notOnce.put("r" + i, n);
            }
        }
        assertThat(notOnce).as("reviews not exactly once (id -> copies)").isEmpty();
        assertThat(copies).hasSize(reviews);
    }
}
