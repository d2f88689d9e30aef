package dev.varsent.config;

import static dev.varsent.config.VarsentOptions.ALL;
import static dev.varsent.config.VarsentOptions.CHECKPOINT_INTERVAL_MS;
import static dev.varsent.config.VarsentOptions.DELIVERY_GUARANTEE;
import static dev.varsent.config.VarsentOptions.FLINK_PREFIX;
import static dev.varsent.config.VarsentOptions.KAFKA_CLIENT_PREFIX;
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
import static dev.varsent.config.VarsentOptions.TRANSACTION_TIMEOUT_MS;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;

/**
 * A validated configuration: every key known (or under a pass-through prefix), every value parsed and
 * in range, and the cross-key rules hold. Immutable; {@link #with(Map)} returns a new one.
 *
 * <p>The file format is Java {@code .properties} (UTF-8) for every job and command.
 */
public final class VarsentConfig {

    private static final Map<String, ConfigOption<?>> OPTIONS_BY_KEY = new LinkedHashMap<>();

    static {
        for (ConfigOption<?> option : ALL) {
            OPTIONS_BY_KEY.put(option.key(), option);
        }
    }

    /** Only the keys that were set explicitly, in text form. */
    private final Map<String, String> explicit;
    private final Map<ConfigOption<?>, Object> values;

    private VarsentConfig(Map<String, String> explicit, String origin) {
        this.explicit = Map.copyOf(explicit);
        this.values = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (String key : new TreeMap<>(explicit).keySet()) {
            if (!OPTIONS_BY_KEY.containsKey(key) && !isPassThrough(key)) {
                errors.add("unknown key '" + key + "'" + suggestion(key));
            }
        }
        for (ConfigOption<?> option : ALL) {
            String text = explicit.getOrDefault(option.key(), option.defaultValue());
            try {
                values.put(option, option.parse(text));
            } catch (ConfigException e) {
                errors.add(e.getMessage());
            }
        }
        if (errors.isEmpty()) {
            errors.addAll(crossKeyErrors());
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(origin + ": " + String.join("; ", errors));
        }
    }

    public static VarsentConfig defaults() {
        return new VarsentConfig(Map.of(), "defaults");
    }

    public static VarsentConfig of(Map<String, String> settings) {
        return new VarsentConfig(settings, "configuration");
    }

    /** Reads a UTF-8 {@code .properties} file. */
    public static VarsentConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            settings.put(key, properties.getProperty(key));
        }
        return new VarsentConfig(settings, file.toString());
    }

    /** This configuration with {@code overrides} applied on top (e.g. from {@code --set key=value}). */
    public VarsentConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(explicit);
        merged.putAll(overrides);
        return new VarsentConfig(merged, "configuration with overrides " + overrides.keySet());
    }

    public VarsentConfig with(ConfigOption<?> option, String value) {
        return with(Map.of(option.key(), value));
    }

    /**
     * The keys set explicitly, in text form: {@code VarsentConfig.of(explicitSettings())} is this
     * configuration again. Operators carry this map (it is serializable) instead of the configuration.
     */
    public Map<String, String> explicitSettings() {
        return new LinkedHashMap<>(explicit);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigOption<T> option) {
        return (T) values.get(option);
    }

    public boolean isExplicit(ConfigOption<?> option) {
        return explicit.containsKey(option.key());
    }

    /** The {@code kafka.client.*} settings with the prefix removed. */
    public Properties kafkaClientProperties() {
        Properties properties = new Properties();
        explicit.forEach((key, value) -> {
            if (key.startsWith(KAFKA_CLIENT_PREFIX)) {
                properties.setProperty(key.substring(KAFKA_CLIENT_PREFIX.length()), value.trim());
            }
        });
        return properties;
    }

    /** The {@code flink.*} settings with the prefix removed, as a Flink configuration. */
    public Configuration flinkConfiguration() {
        Map<String, String> flink = new LinkedHashMap<>();
        explicit.forEach((key, value) -> {
            if (key.startsWith(FLINK_PREFIX)) {
                flink.put(key.substring(FLINK_PREFIX.length()), value.trim());
            }
        });
        return Configuration.fromMap(flink);
    }

    /**
     * How long a checkpoint may take before Flink aborts it: {@code flink.execution.checkpointing.timeout} when
     * set, else half of what the Kafka transaction timeout leaves after one checkpoint interval, at most Flink's
     * own default. A transaction opened after one checkpoint is committed only when the next one completes, so
     * the transaction must outlive an interval plus a checkpoint that takes its whole timeout; otherwise the
     * broker aborts it and its records are lost.
     */
    public Duration checkpointTimeout() {
        return explicitCheckpointTimeout().orElseGet(() -> {
            long room = (get(TRANSACTION_TIMEOUT_MS) - get(CHECKPOINT_INTERVAL_MS)) / 2;
            Duration flinkDefault = CheckpointingOptions.CHECKPOINTING_TIMEOUT.defaultValue();
            return room > 0 && room < flinkDefault.toMillis() ? Duration.ofMillis(room) : flinkDefault;
        });
    }

    private Optional<Duration> explicitCheckpointTimeout() {
        return flinkConfiguration().getOptional(CheckpointingOptions.CHECKPOINTING_TIMEOUT);
    }

    /** The effective value of {@code option} as text: as set, or its default. */
    public String text(ConfigOption<?> option) {
        return explicit.getOrDefault(option.key(), option.defaultValue()).trim();
    }

    /** The {@code kafka.client.*} and {@code flink.*} settings, sorted by key. */
    public Map<String, String> passThrough() {
        Map<String, String> passThrough = new TreeMap<>();
        explicit.forEach((key, value) -> {
            if (isPassThrough(key)) {
                passThrough.put(key, value.trim());
            }
        });
        return passThrough;
    }

    /** Every known key with its effective value, then the pass-through keys, one {@code key=value} per line. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (ConfigOption<?> option : ALL) {
            lines.add(option.key() + "=" + text(option) + (isExplicit(option) ? "" : "   # default"));
        }
        passThrough().forEach((key, value) -> lines.add(key + "=" + value));
        return lines;
    }

    private List<String> crossKeyErrors() {
        List<String> errors = new ArrayList<>();
        if (get(DELIVERY_GUARANTEE) == Delivery.EXACTLY_ONCE
                && get(TRANSACTION_TIMEOUT_MS) <= get(CHECKPOINT_INTERVAL_MS)) {
            errors.add(TRANSACTION_TIMEOUT_MS.key() + " (" + get(TRANSACTION_TIMEOUT_MS) + ") must exceed "
                    + CHECKPOINT_INTERVAL_MS.key() + " (" + get(CHECKPOINT_INTERVAL_MS)
                    + "): a transaction stays open for at least one checkpoint interval");
        }
        if (get(DELIVERY_GUARANTEE) == Delivery.EXACTLY_ONCE) {
            try {
                Optional<Duration> timeout = explicitCheckpointTimeout();
                long needed = get(CHECKPOINT_INTERVAL_MS) + (timeout.isPresent() ? timeout.get().toMillis() * 3 / 2 : 0);
                if (timeout.isPresent() && get(TRANSACTION_TIMEOUT_MS) <= needed) {
                    errors.add(TRANSACTION_TIMEOUT_MS.key() + " (" + get(TRANSACTION_TIMEOUT_MS) + ") must exceed "
                            + CHECKPOINT_INTERVAL_MS.key() + " plus 1.5 x " + FLINK_PREFIX
                            + CheckpointingOptions.CHECKPOINTING_TIMEOUT.key() + " (" + needed + " ms): a transaction"
                            + " must outlive a checkpoint that takes its whole timeout, or the broker aborts it and its"
                            + " records are lost");
                }
            } catch (IllegalArgumentException e) {
                errors.add(FLINK_PREFIX + CheckpointingOptions.CHECKPOINTING_TIMEOUT.key() + ": " + e.getMessage());
            }
        }
        if (get(ROUTING_WARMUP) > get(ROUTING_WINDOW)) {
            errors.add(ROUTING_WARMUP.key() + " (" + get(ROUTING_WARMUP) + ") must not exceed "
                    + ROUTING_WINDOW.key() + " (" + get(ROUTING_WINDOW) + ")");
        }
        // The size of the records a job writes is checked against the producers' max.request.size and the
        // topics' max.message.bytes when the job starts (kafka.TopicSizeCheck), with the JSON escaping counted.
        Set<String> topics = new HashSet<>();
        for (ConfigOption<String> topic : List.of(
                TOPIC_REVIEWS, TOPIC_PREDICTIONS, TOPIC_RELABEL, TOPIC_DEAD_LETTERS, TOPIC_MODEL_UPDATES,
                TOPIC_LABELS, TOPIC_LABELLED_EXAMPLES)) {
            if (!topics.add(get(topic))) {
                errors.add("topic '" + get(topic) + "' is configured twice; the topics must differ");
            }
        }
        if (get(LABELS_TRANSACTIONAL_ID_PREFIX).equals(get(TRANSACTIONAL_ID_PREFIX))) {
            errors.add(LABELS_TRANSACTIONAL_ID_PREFIX.key() + " must differ from " + TRANSACTIONAL_ID_PREFIX.key()
                    + " ('" + get(TRANSACTIONAL_ID_PREFIX) + "'): the two jobs' sinks would fence each other");
        }
        return errors;
    }

    private static boolean isPassThrough(String key) {
        return (key.startsWith(KAFKA_CLIENT_PREFIX) && key.length() > KAFKA_CLIENT_PREFIX.length())
                || (key.startsWith(FLINK_PREFIX) && key.length() > FLINK_PREFIX.length());
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : OPTIONS_BY_KEY.keySet()) {
            int d = editDistance(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
