package dev.varsent.config;

import static dev.varsent.config.VarsentOptions.CHECKPOINT_INTERVAL;
import static dev.varsent.config.VarsentOptions.CHECKPOINT_TIMEOUT;
import static dev.varsent.config.VarsentOptions.DELIVERY_GUARANTEE;
import static dev.varsent.config.VarsentOptions.LABELS_TRANSACTIONAL_ID_PREFIX;
import static dev.varsent.config.VarsentOptions.ROUTING_WARMUP;
import static dev.varsent.config.VarsentOptions.ROUTING_WINDOW;
import static dev.varsent.config.VarsentOptions.TOPIC_DEAD_LETTERS;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELLED_EXAMPLES;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELS;
import static dev.varsent.config.VarsentOptions.TOPIC_MODEL_UPDATES;
import static dev.varsent.config.VarsentOptions.TOPIC_PREDICTIONS;
import static dev.varsent.config.VarsentOptions.TOPIC_RELABEL;
import static dev.varsent.config.VarsentOptions.TOPIC_REVIEWS;
import static dev.varsent.config.VarsentOptions.TRANSACTIONAL_ID_PREFIX;
import static dev.varsent.config.VarsentOptions.TRANSACTION_TIMEOUT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;

/** The rules that tie several keys together; each broken rule is one message naming the keys. */
final class CrossKeyRules {

    private CrossKeyRules() {}

    /**
     * How long a checkpoint may take before Flink aborts it: {@code timeout} when set, else half of
     * what the Kafka transaction timeout leaves after one checkpoint interval, at most Flink's own
     * default. A transaction opened after one checkpoint is committed only when the next one
     * completes, so it must outlive an interval plus a checkpoint that takes its whole timeout;
     * otherwise the broker aborts it and its records are lost.
     */
    static Duration checkpointTimeout(
            Duration interval, Duration transactionTimeout, Optional<Duration> timeout) {
        return timeout.orElseGet(
                () -> {
                    Duration room = transactionTimeout.minus(interval).dividedBy(2);
                    Duration flinkDefault =
                            CheckpointingOptions.CHECKPOINTING_TIMEOUT.defaultValue();
                    return !room.isNegative() && !room.isZero() && room.compareTo(flinkDefault) < 0
                            ? room
                            : flinkDefault;
                });
    }

    static List<String> errors(VarsentConfig config) {
        List<String> errors = new ArrayList<>();
        if (config.get(DELIVERY_GUARANTEE) == Delivery.EXACTLY_ONCE) {
            Duration transaction = config.get(TRANSACTION_TIMEOUT);
            Duration interval = config.get(CHECKPOINT_INTERVAL);
            Optional<Duration> timeout = config.getOptional(CHECKPOINT_TIMEOUT);
            if (transaction.compareTo(interval) <= 0) {
                errors.add(
                        TRANSACTION_TIMEOUT.key()
                                + " ("
                                + text(transaction)
                                + ") must exceed "
                                + CHECKPOINT_INTERVAL.key()
                                + " ("
                                + text(interval)
                                + "): a transaction stays open for at least one checkpoint interval");
            } else if (timeout.isPresent()) {
                Duration needed = interval.plus(timeout.get().multipliedBy(3).dividedBy(2));
                if (transaction.compareTo(needed) <= 0) {
                    errors.add(
                            TRANSACTION_TIMEOUT.key()
                                    + " ("
                                    + text(transaction)
                                    + ") must exceed "
                                    + CHECKPOINT_INTERVAL.key()
                                    + " plus 1.5 x "
                                    + CHECKPOINT_TIMEOUT.key()
                                    + " ("
                                    + text(needed)
                                    + "): a transaction must outlive a checkpoint that takes its whole timeout,"
                                    + " or the broker aborts it and its records are lost");
                }
            }
        }
        if (config.get(ROUTING_WARMUP) > config.get(ROUTING_WINDOW)) {
            errors.add(
                    ROUTING_WARMUP.key()
                            + " ("
                            + config.get(ROUTING_WARMUP)
                            + ") must not exceed "
                            + ROUTING_WINDOW.key()
                            + " ("
                            + config.get(ROUTING_WINDOW)
                            + ")");
        }
        // The size of the records a job writes is checked against the producers' max.request.size
        // and the
        // topics' max.message.bytes when the job starts (kafka.TopicSizeCheck), with the JSON
        // escaping counted.
        Set<String> topics = new HashSet<>();
        for (ConfigOption<String> topic :
                List.of(
                        TOPIC_REVIEWS,
                        TOPIC_PREDICTIONS,
                        TOPIC_RELABEL,
                        TOPIC_DEAD_LETTERS,
                        TOPIC_MODEL_UPDATES,
                        TOPIC_LABELS,
                        TOPIC_LABELLED_EXAMPLES)) {
            if (!topics.add(config.get(topic))) {
                errors.add(
                        "topic '"
                                + config.get(topic)
                                + "' is configured twice; the topics must differ");
            }
        }
        if (config.get(LABELS_TRANSACTIONAL_ID_PREFIX)
                .equals(config.get(TRANSACTIONAL_ID_PREFIX))) {
            errors.add(
                    LABELS_TRANSACTIONAL_ID_PREFIX.key()
                            + " must differ from "
                            + TRANSACTIONAL_ID_PREFIX.key()
                            + " ('"
                            + config.get(TRANSACTIONAL_ID_PREFIX)
                            + "'): the two jobs' sinks would fence each other");
        }
        return errors;
    }

    private static String text(Duration d) {
        return OptionTypes.text(d);
    }
}
