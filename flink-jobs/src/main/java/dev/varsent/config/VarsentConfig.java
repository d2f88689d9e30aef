package dev.varsent.config;

import static dev.varsent.config.VarsentOptions.ALL;
import static dev.varsent.config.VarsentOptions.CHECKPOINT_INTERVAL;
import static dev.varsent.config.VarsentOptions.CHECKPOINT_TIMEOUT;
import static dev.varsent.config.VarsentOptions.FLINK_PREFIX;
import static dev.varsent.config.VarsentOptions.KAFKA_CLIENT_PREFIX;
import static dev.varsent.config.VarsentOptions.PARALLELISM;
import static dev.varsent.config.VarsentOptions.TRANSACTION_TIMEOUT;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validated configuration: every key known (or under a pass-through prefix), every value parsed
 * by Flink's {@link Configuration} and in range, and the cross-key rules hold. Immutable; {@link
 * #with(Map)} returns a new one. A deprecated key is read as its new key, with a warning.
 *
 * <p>The file format is Java {@code .properties} (UTF-8) for every job and command.
 */
public final class VarsentConfig {

    private static final Logger LOG = LoggerFactory.getLogger(VarsentConfig.class);

    private static final Map<String, ConfigOption<?>> OPTIONS_BY_KEY = new LinkedHashMap<>();
    private static final Map<String, ConfigOption<?>> OPTIONS_BY_OLD_KEY = new LinkedHashMap<>();

    static {
        for (ConfigOption<?> option : ALL) {
            OPTIONS_BY_KEY.put(option.key(), option);
            for (FallbackKey old : option.fallbackKeys()) {
                OPTIONS_BY_OLD_KEY.put(old.getKey(), option);
            }
        }
    }

    /** Only the keys that were set explicitly (under their current names), in text form. */
    private final Map<String, String> explicit;

    /** The explicit settings in the text Flink parses; options read from it. */
    private final Configuration configuration;

    private VarsentConfig(Map<String, String> settings, String origin) {
        this.explicit = Map.copyOf(currentNames(settings, origin));
        Map<String, String> flinkText = new LinkedHashMap<>();
        explicit.forEach(
                (key, value) -> {
                    ConfigOption<?> option = OPTIONS_BY_KEY.get(key);
                    if (!(value.isEmpty() && option != null && !option.hasDefaultValue())) {
                        flinkText.put(key, OptionTypes.flinkText(key, value));
                    }
                });
        this.configuration = Configuration.fromMap(flinkText);
        List<String> errors = new ArrayList<>();
        for (String key : new TreeMap<>(explicit).keySet()) {
            if (!OPTIONS_BY_KEY.containsKey(key) && !isPassThrough(key)) {
                errors.add(
                        "unknown key '"
                                + key
                                + "'"
                                + KeySuggestions.suggestion(key, OPTIONS_BY_KEY.keySet()));
            }
        }
        for (ConfigOption<?> option : ALL) {
            problem(option)
                    .ifPresent(
                            p ->
                                    errors.add(
                                            option.key()
                                                    + "="
                                                    + explicit.get(option.key())
                                                    + ": "
                                                    + p));
        }
        if (errors.isEmpty()) {
            errors.addAll(CrossKeyRules.errors(this));
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

    /**
     * This configuration with {@code overrides} applied on top (e.g. from {@code --set key=value}).
     */
    public VarsentConfig with(Map<String, String> overrides) {
        String origin = "configuration with overrides " + new TreeMap<>(overrides).keySet();
        Map<String, String> merged = new LinkedHashMap<>(explicit);
        merged.putAll(currentNames(overrides, origin));
        return new VarsentConfig(merged, origin);
    }

    public VarsentConfig with(ConfigOption<?> option, String value) {
        return with(Map.of(option.key(), value));
    }

    /**
     * The keys set explicitly, in text form: {@code VarsentConfig.of(explicitSettings())} is this
     * configuration again. Operators carry this map (it is serializable) instead of the
     * configuration.
     */
    public Map<String, String> explicitSettings() {
        return new LinkedHashMap<>(explicit);
    }

    public <T> T get(ConfigOption<T> option) {
        return configuration.get(option);
    }

    /** The value of an option without a default, if it is set. */
    public <T> Optional<T> getOptional(ConfigOption<T> option) {
        return configuration.getOptional(option);
    }

    public boolean isExplicit(ConfigOption<?> option) {
        return explicit.containsKey(option.key());
    }

    /**
     * The effective value of {@code option} as it is written in a file ({@code 30 s}, {@code
     * target-rate}).
     */
    public String text(ConfigOption<?> option) {
        return OptionTypes.text(get(option));
    }

    /** The {@code kafka.client.*} settings with the prefix removed. */
    public Properties kafkaClientProperties() {
        Properties properties = new Properties();
        explicit.forEach(
                (key, value) -> {
                    if (key.startsWith(KAFKA_CLIENT_PREFIX)) {
                        properties.setProperty(key.substring(KAFKA_CLIENT_PREFIX.length()), value);
                    }
                });
        return properties;
    }

    /**
     * The Flink configuration of the job: the {@code flink.*} settings with the prefix removed, and
     * {@code parallelism.default}. The checkpointing keys are set by the streaming jobs only
     * ({@code flink.JobEnvironments}): a batch job does not checkpoint.
     */
    public Configuration flinkConfiguration() {
        Map<String, String> flink = new LinkedHashMap<>();
        explicit.forEach(
                (key, value) -> {
                    if (key.startsWith(FLINK_PREFIX)) {
                        flink.put(key.substring(FLINK_PREFIX.length()), value);
                    }
                });
        Configuration configuration = Configuration.fromMap(flink);
        configuration.set(PARALLELISM, get(PARALLELISM));
        return configuration;
    }

    /**
     * How long a checkpoint may take before Flink aborts it: {@code
     * execution.checkpointing.timeout} when set, else derived from the Kafka transaction timeout
     * (see {@link CrossKeyRules#checkpointTimeout}).
     */
    public Duration checkpointTimeout() {
        return CrossKeyRules.checkpointTimeout(
                get(CHECKPOINT_INTERVAL),
                get(TRANSACTION_TIMEOUT),
                getOptional(CHECKPOINT_TIMEOUT));
    }

    /** The {@code kafka.client.*} and {@code flink.*} settings, sorted by key. */
    public Map<String, String> passThrough() {
        Map<String, String> passThrough = new TreeMap<>();
        explicit.forEach(
                (key, value) -> {
                    if (isPassThrough(key)) {
                        passThrough.put(key, value);
                    }
                });
        return passThrough;
    }

    /**
     * Every key with its effective value, for the Flink dashboard (global job parameters): the
     * options, then the pass-through keys, with the values of Kafka client secrets (passwords, JAAS
     * configurations) masked.
     */
    public Map<String, String> jobParameters() {
        return ConfigListing.jobParameters(this);
    }

    /**
     * Every option with its meaning, type and default, then its effective value, and the
     * pass-through keys: a {@code .properties} file that loads again.
     */
    public List<String> describe() {
        return ConfigListing.describe(this);
    }

    private <T> Optional<String> problem(ConfigOption<T> option) {
        T value;
        try {
            value = configuration.get(option);
        } catch (IllegalArgumentException e) {
            return Optional.of(OptionTypes.expected(option));
        }
        return OptionTypes.problem(option, value);
    }

    /** {@code settings} with values stripped and deprecated keys renamed (with a warning). */
    private static Map<String, String> currentNames(Map<String, String> settings, String origin) {
        Map<String, String> current = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (var entry : new TreeMap<>(settings).entrySet()) {
            String key = entry.getKey().strip();
            String value = entry.getValue().strip();
            ConfigOption<?> renamed = OPTIONS_BY_OLD_KEY.get(key);
            if (renamed == null) {
                current.put(key, value);
                continue;
            }
            LOG.warn(
                    "{}: '{}' is deprecated, write '{}' (read as {}={})",
                    origin,
                    key,
                    renamed.key(),
                    renamed.key(),
                    OptionTypes.flinkText(key, value));
            if (settings.containsKey(renamed.key()) || current.containsKey(renamed.key())) {
                errors.add(
                        "'"
                                + key
                                + "' and '"
                                + renamed.key()
                                + "' set the same key ('"
                                + key
                                + "' is its old name)");
            }
            current.putIfAbsent(renamed.key(), OptionTypes.flinkText(key, value));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(origin + ": " + String.join("; ", errors));
        }
        return current;
    }

    private static boolean isPassThrough(String key) {
        return (key.startsWith(KAFKA_CLIENT_PREFIX) && key.length() > KAFKA_CLIENT_PREFIX.length())
                || (key.startsWith(FLINK_PREFIX) && key.length() > FLINK_PREFIX.length());
    }
}
