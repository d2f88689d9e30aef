package dev.varsent.config;

import static dev.varsent.config.VarsentOptions.ALL;
import static dev.varsent.config.VarsentOptions.KAFKA_CLIENT_PREFIX;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/**
 * A configuration written out: for a person ({@code varsent config}) and for the Flink dashboard.
 */
final class ConfigListing {

    static final String MASK = "******";

    private ConfigListing() {}

    static List<String> describe(VarsentConfig config) {
        List<String> lines = new ArrayList<>();
        for (ConfigOption<?> option : ALL) {
            lines.add("# " + OptionTypes.description(option));
            StringBuilder type = new StringBuilder("# ").append(OptionTypes.type(option));
            if (option.hasDefaultValue()) {
                type.append("; default ").append(OptionTypes.text(option.defaultValue()));
            }
            List<String> old = new ArrayList<>();
            option.fallbackKeys().forEach(k -> old.add(k.getKey()));
            if (!old.isEmpty()) {
                type.append("; formerly ").append(String.join(", ", old));
            }
            lines.add(type.toString());
            lines.add(option.key() + "=" + config.text(option));
        }
        config.passThrough().forEach((key, value) -> lines.add(key + "=" + value));
        return lines;
    }

    static Map<String, String> jobParameters(VarsentConfig config) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (ConfigOption<?> option : ALL) {
            parameters.put(option.key(), config.text(option));
        }
        config.passThrough()
                .forEach((key, value) -> parameters.put(key, isSecret(key) ? MASK : value));
        return parameters;
    }

    private static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.startsWith(KAFKA_CLIENT_PREFIX)
                && (lower.contains("password")
                        || lower.contains("sasl.jaas")
                        || lower.contains("secret"));
    }
}
