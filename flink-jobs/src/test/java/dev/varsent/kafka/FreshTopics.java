package dev.varsent.kafka;

import dev.varsent.config.VarsentConfig;
import dev.varsent.local.LocalStack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's configuration on fresh topics of the embedded broker, named {@code <prefix>-...} and
 * created here: the broker, the consumer and transaction settings, the topics and a 300 ms
 * checkpoint interval, to which each test adds its own keys ({@link #with}).
 */
public final class FreshTopics {

    private final Map<String, String> settings = new LinkedHashMap<>();

    private FreshTopics(EmbeddedKafka kafka) {
        settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("kafka.starting-offsets", "earliest");
        settings.put("kafka.transaction-timeout", "60000");
        settings.put("execution.checkpointing.interval", "300");
    }

    /**
     * The scoring job's topics: reviews, predictions, relabel requests and dead letters with two
     * partitions, the model updates compacted with one.
     */
    public static FreshTopics scoring(EmbeddedKafka kafka, String prefix) {
        FreshTopics fresh = new FreshTopics(kafka);
        fresh.settings.put("kafka.group-id", prefix + "-scoring");
        fresh.settings.put("kafka.transactional-id-prefix", prefix);
        fresh.settings.put("topic.reviews", prefix + "-reviews");
        fresh.settings.put("topic.predictions", prefix + "-predictions");
        fresh.settings.put("topic.relabel-requests", prefix + "-relabel");
        fresh.settings.put("topic.dead-letters", prefix + "-dead-letters");
        fresh.settings.put("topic.model-updates", prefix + "-model-updates");
        kafka.createTopics(
                2,
                prefix + "-reviews",
                prefix + "-predictions",
                prefix + "-relabel",
                prefix + "-dead-letters");
        kafka.createTopics(1, LocalStack.COMPACTED, List.of(prefix + "-model-updates"));
        return fresh;
    }

    /**
     * The labels job's topics, all with two partitions: relabel requests, labels and dead letters,
     * and the labelled-example store ({@code <prefix>-examples}) compacted.
     */
    public static FreshTopics labels(EmbeddedKafka kafka, String prefix) {
        FreshTopics fresh = new FreshTopics(kafka);
        fresh.settings.put("labels.group-id", prefix + "-labels-job");
        fresh.settings.put("labels.transactional-id-prefix", prefix + "-labels-job");
        fresh.settings.put("topic.relabel-requests", prefix + "-relabel");
        fresh.settings.put("topic.labels", prefix + "-labels");
        fresh.settings.put("topic.labelled-examples", prefix + "-examples");
        fresh.settings.put("topic.dead-letters", prefix + "-dead-letters");
        kafka.createTopics(
                2, List.of(prefix + "-relabel", prefix + "-labels", prefix + "-dead-letters"));
        kafka.createTopics(2, LocalStack.COMPACTED, List.of(prefix + "-examples"));
        return fresh;
    }

    /** Adds or replaces keys: {@code key1, value1, key2, value2, ...}. */
    public FreshTopics with(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return this;
    }

    /** Adds or replaces the keys of {@code more}. */
    public FreshTopics with(Map<String, String> more) {
        settings.putAll(more);
        return this;
    }

    public VarsentConfig config() {
        return VarsentConfig.of(settings);
    }
}
