package dev.varsent.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * One configuration key: its name, default, how its text value is parsed and checked, and a one-line
 * description (printed by the {@code config} command).
 */
public final class ConfigOption<T> {

    private final String key;
    private final String defaultValue;
    private final String description;
    private final Function<String, T> parser;

    private ConfigOption(String key, String defaultValue, String description, Function<String, T> parser) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.parser = parser;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Parses and validates {@code value}; throws {@link ConfigException} naming the key. */
    public T parse(String value) {
        try {
            return parser.apply(value.trim());
        } catch (ConfigException e) {
            throw new ConfigException(key + "=" + value + ": " + e.getMessage());
        }
    }

    static ConfigOption<String> string(String key, String defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, v -> {
            if (v.isEmpty()) {
                throw new ConfigException("must not be empty");
            }
            return v;
        });
    }

    /** A string that may be empty (empty meaning "none"). */
    static ConfigOption<String> optionalString(String key, String defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, String::strip);
    }

    static ConfigOption<Integer> integer(String key, int defaultValue, int min, int max, String description) {
        return new ConfigOption<>(key, Integer.toString(defaultValue), description, v -> {
            long parsed;
            try {
                parsed = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("expected an integer in [" + min + ", " + max + "]");
            }
            if (parsed < min || parsed > max) {
                throw new ConfigException("expected an integer in [" + min + ", " + max + "]");
            }
            return (int) parsed;
        });
    }

    static ConfigOption<Long> longValue(String key, long defaultValue, long min, long max, String description) {
        return new ConfigOption<>(key, Long.toString(defaultValue), description, v -> {
            long parsed;
            try {
                parsed = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("expected an integer in [" + min + ", " + max + "]");
            }
            if (parsed < min || parsed > max) {
                throw new ConfigException("expected an integer in [" + min + ", " + max + "]");
            }
            return parsed;
        });
    }

    /** A number in {@code (0, max]}. */
    static ConfigOption<Double> positive(String key, double defaultValue, double max, String description) {
        return number(key, defaultValue, description, "a number in (0, " + max + "]", v -> v > 0 && v <= max);
    }

    /** A number in {@code [0, 1]}. */
    static ConfigOption<Double> fraction(String key, double defaultValue, String description) {
        return number(key, defaultValue, description, "a number in [0, 1]", v -> v >= 0 && v <= 1);
    }

    /** A number in {@code [min, max]}. */
    static ConfigOption<Double> between(String key, double defaultValue, double min, double max, String description) {
        return number(key, defaultValue, description, "a number in [" + min + ", " + max + "]", v -> v >= min && v <= max);
    }

    private static ConfigOption<Double> number(
            String key, double defaultValue, String description, String expected, DoublePredicate valid) {
        return new ConfigOption<>(key, Double.toString(defaultValue), description, v -> {
            double parsed;
            try {
                parsed = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("expected " + expected);
            }
            if (!valid.test(parsed)) {
                throw new ConfigException("expected " + expected);
            }
            return parsed;
        });
    }

    /** A number in {@code [0, 1]}, or empty for "not set" (read as NaN: the caller's default applies). */
    static ConfigOption<Double> optionalFraction(String key, String description) {
        return new ConfigOption<>(key, "", description, v -> {
            if (v.isEmpty()) {
                return Double.NaN;
            }
            double parsed;
            try {
                parsed = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("expected a number in [0, 1], or nothing");
            }
            if (!(parsed >= 0 && parsed <= 1)) {
                throw new ConfigException("expected a number in [0, 1], or nothing");
            }
            return parsed;
        });
    }

    static ConfigOption<Boolean> bool(String key, boolean defaultValue, String description) {
        return new ConfigOption<>(key, Boolean.toString(defaultValue), description, v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException("expected true or false");
        });
    }

    /** An enum written in lower case with dashes, e.g. {@code target-rate} for {@code TARGET_RATE}. */
    static <E extends Enum<E>> ConfigOption<E> choice(String key, E defaultValue, String description) {
        Class<E> type = defaultValue.getDeclaringClass();
        return new ConfigOption<>(key, spelling(defaultValue), description, v -> {
            for (E e : type.getEnumConstants()) {
                if (spelling(e).equals(v.toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
            List<String> allowed = Arrays.stream(type.getEnumConstants()).map(ConfigOption::spelling).toList();
            throw new ConfigException("expected one of " + String.join(", ", allowed));
        });
    }

    public static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigOption<?> other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key);
    }

    @Override
    public String toString() {
        return key;
    }
}
