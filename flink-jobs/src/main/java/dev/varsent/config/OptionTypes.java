package dev.varsent.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;

/**
 * Builds varsent's options as Flink {@link ConfigOption}s and keeps what Flink's types do not
 * check: a range, a non-empty string. Each builder records, by key, the check and a reader's name
 * of the type ("integer in [1, 1000]"), which {@code config} prints and a bad value's error names.
 */
final class OptionTypes {

    private record Check<T>(String type, String failure, Predicate<T> valid) {}

    private static final Map<String, Check<?>> CHECKS = new HashMap<>();

    /**
     * Keys of enum options, whose values are written in lower case with dashes ({@code
     * target-rate}).
     */
    private static final Set<String> ENUMS = new HashSet<>();

    /**
     * Deprecated keys whose bare numbers meant seconds (a bare number is milliseconds to Flink's
     * durations).
     */
    private static final Set<String> SECONDS_KEYS = new HashSet<>();

    private OptionTypes() {}

    static ConfigOption<String> string(String key, String defaultValue, String description) {
        return checked(
                ConfigOptions.key(key)
                        .stringType()
                        .defaultValue(defaultValue)
                        .withDescription(description),
                "non-empty string",
                "must not be empty",
                v -> !v.isBlank());
    }

    /** A string that may be empty (empty meaning "none"). */
    static ConfigOption<String> optionalString(
            String key, String defaultValue, String description) {
        return checked(
                ConfigOptions.key(key)
                        .stringType()
                        .defaultValue(defaultValue)
                        .withDescription(description),
                "string, empty = none",
                "",
                v -> true);
    }

    static ConfigOption<Boolean> bool(String key, boolean defaultValue, String description) {
        return checked(
                ConfigOptions.key(key)
                        .booleanType()
                        .defaultValue(defaultValue)
                        .withDescription(description),
                "boolean",
                "expected true or false",
                v -> true);
    }

    static ConfigOption<Integer> integer(
            String key, int defaultValue, int min, int max, String description) {
        String type = "integer in [" + min + ", " + max + "]";
        return checked(
                ConfigOptions.key(key)
                        .intType()
                        .defaultValue(defaultValue)
                        .withDescription(description),
                type,
                "expected an " + type,
                v -> v >= min && v <= max);
    }

    static ConfigOption<Long> longValue(
            String key, long defaultValue, long min, long max, String description) {
        String type = "integer in [" + min + ", " + max + "]";
        return checked(
                ConfigOptions.key(key)
                        .longType()
                        .defaultValue(defaultValue)
                        .withDescription(description),
                type,
                "expected an " + type,
                v -> v >= min && v <= max);
    }

    /** A number in {@code (0, max]}. */
    static ConfigOption<Double> positive(
            String key, double defaultValue, double max, String description) {
        return number(
                key,
                defaultValue,
                description,
                "number in (0, " + max + "]",
                v -> v > 0 && v <= max);
    }

    /** A number in {@code [0, 1]}. */
    static ConfigOption<Double> fraction(String key, double defaultValue, String description) {
        return number(key, defaultValue, description, "number in [0, 1]", v -> v >= 0 && v <= 1);
    }

    /** A number in {@code [min, max]}. */
    static ConfigOption<Double> between(
            String key, double defaultValue, double min, double max, String description) {
        return number(
                key,
                defaultValue,
                description,
                "number in [" + min + ", " + max + "]",
                v -> v >= min && v <= max);
    }

    private static ConfigOption<Double> number(
            String key,
            double defaultValue,
            String description,
            String type,
            Predicate<Double> valid) {
        return checked(
                ConfigOptions.key(key)
                        .doubleType()
                        .defaultValue(defaultValue)
                        .withDescription(description),
                type,
                "expected a " + type,
                valid);
    }

    /** A number in {@code [0, 1]} without a default: empty or absent means "not set". */
    static ConfigOption<Double> optionalFraction(String key, String description) {
        return checked(
                ConfigOptions.key(key).doubleType().noDefaultValue().withDescription(description),
                "number in [0, 1], or empty",
                "expected a number in [0, 1], or nothing",
                v -> v >= 0 && v <= 1);
    }

    /**
     * A duration in {@code [min, max]}, written as Flink writes them ({@code 500 ms}, {@code 30 s},
     * {@code 10 min}).
     */
    static ConfigOption<Duration> duration(
            String key, Duration defaultValue, Duration min, Duration max, String description) {
        return duration(
                ConfigOptions.key(key)
                        .durationType()
                        .defaultValue(defaultValue)
                        .withDescription(description),
                min,
                max);
    }

    /** Adds the range check to a duration option built elsewhere (one of Flink's own keys). */
    static ConfigOption<Duration> duration(
            ConfigOption<Duration> option, Duration min, Duration max) {
        String type = "duration in [" + text(min) + ", " + text(max) + "]";
        return checked(
                option,
                type,
                "expected a " + type + ", e.g. 500 ms, 30 s or 10 min",
                v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0);
    }

    /**
     * An enum written in lower case with dashes, e.g. {@code target-rate} for {@code TARGET_RATE}.
     */
    static <E extends Enum<E>> ConfigOption<E> choice(
            String key, E defaultValue, String description) {
        Class<E> type = defaultValue.getDeclaringClass();
        String allowed =
                Arrays.stream(type.getEnumConstants())
                        .map(OptionTypes::spelling)
                        .collect(Collectors.joining(", "));
        ENUMS.add(key);
        return checked(
                ConfigOptions.key(key)
                        .enumType(type)
                        .defaultValue(defaultValue)
                        .withDescription(description),
                "one of " + allowed,
                "expected one of " + allowed,
                v -> true);
    }

    /** {@code option} with {@code oldKey} as a deprecated key whose bare numbers were seconds. */
    static ConfigOption<Duration> formerlySeconds(ConfigOption<Duration> option, String oldKey) {
        SECONDS_KEYS.add(oldKey);
        return option.withDeprecatedKeys(oldKey);
    }

    private static <T> ConfigOption<T> checked(
            ConfigOption<T> option, String type, String failure, Predicate<T> valid) {
        CHECKS.put(option.key(), new Check<>(type, failure, valid));
        return option;
    }

    /**
     * The type of {@code option} as {@code config} prints it, e.g. {@code integer in [1, 1000]}.
     */
    static String type(ConfigOption<?> option) {
        Check<?> check = CHECKS.get(option.key());
        return check == null ? "" : check.type();
    }

    /**
     * What is wrong with {@code value} beyond its type, if anything (e.g. {@code expected an
     * integer in [1, 10]}).
     */
    @SuppressWarnings("unchecked")
    static <T> Optional<String> problem(ConfigOption<T> option, T value) {
        Check<T> check = (Check<T>) CHECKS.get(option.key());
        return check == null || value == null || check.valid().test(value)
                ? Optional.empty()
                : Optional.of(check.failure());
    }

    /**
     * What a value that does not even parse should have been, e.g. {@code expected one of warm,
     * scratch}.
     */
    static String expected(ConfigOption<?> option) {
        Check<?> check = CHECKS.get(option.key());
        return check == null
                ? "cannot be parsed"
                : check.failure().isEmpty() ? "expected a " + check.type() : check.failure();
    }

    /**
     * The text Flink parses for {@code value} written under {@code key}: enum spellings, legacy
     * seconds.
     */
    static String flinkText(String key, String value) {
        if (ENUMS.contains(key)) {
            return value.replace('-', '_');
        }
        if (SECONDS_KEYS.contains(key) && value.matches("\\d+")) {
            return value + " s";
        }
        return value;
    }

    /** A value as it is written in a configuration file. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Duration d) {
            return TimeUtils.formatWithHighestUnit(d);
        }
        if (value instanceof Enum<?> e) {
            return spelling(e);
        }
        return value.toString();
    }

    /**
     * The description of {@code option} as plain text (varsent's descriptions are one text block
     * each).
     */
    static String description(ConfigOption<?> option) {
        return option.description().getBlocks().stream()
                .map(block -> block instanceof TextElement text ? text.getFormat() : "")
                .collect(Collectors.joining(" "));
    }

    static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
