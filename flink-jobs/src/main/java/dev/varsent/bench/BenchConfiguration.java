package dev.varsent.bench;

import static dev.varsent.config.VarsentOptions.BATCH_SIZE;
import static dev.varsent.config.VarsentOptions.MC_SAMPLES;
import static dev.varsent.config.VarsentOptions.MODEL_LOCATION;
import static dev.varsent.config.VarsentOptions.PARALLELISM;
import static dev.varsent.config.VarsentOptions.REGISTRY_MODEL_NAME;
import static dev.varsent.config.VarsentOptions.REGISTRY_URI;
import static dev.varsent.config.VarsentOptions.ROUTING_MODE;
import static dev.varsent.config.VarsentOptions.ROUTING_SIGNAL;
import static dev.varsent.config.VarsentOptions.ROUTING_TARGET_RATE;
import static dev.varsent.config.VarsentOptions.ROUTING_THRESHOLD;
import static dev.varsent.config.VarsentOptions.ROUTING_WARMUP;
import static dev.varsent.config.VarsentOptions.ROUTING_WINDOW;
import static dev.varsent.config.VarsentOptions.SCORING_DECISION_THRESHOLD;
import static dev.varsent.config.VarsentOptions.SCORING_MAX_SEGMENTS;
import static dev.varsent.config.VarsentOptions.SCORING_MC_ADAPTIVE;
import static dev.varsent.config.VarsentOptions.SCORING_MC_ERROR_RATE;
import static dev.varsent.config.VarsentOptions.SCORING_MC_MIN_SAMPLES;

import dev.varsent.config.VarsentConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;

/**
 * One configuration the end-to-end bench streams with: a name and the keys it sets on top of the
 * run's configuration (e.g. {@code delivery.guarantee=at-least-once}). The model-only side is
 * measured once for all configurations of a run, so a configuration may not change what the
 * model-only side scores with.
 */
public record BenchConfiguration(String name, Map<String, String> settings) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final List<ConfigOption<?>> MODEL_SIDE =
            List.of(
                    MC_SAMPLES,
                    BATCH_SIZE,
                    PARALLELISM,
                    SCORING_MAX_SEGMENTS,
                    SCORING_DECISION_THRESHOLD,
                    SCORING_MC_ADAPTIVE,
                    SCORING_MC_MIN_SAMPLES,
                    SCORING_MC_ERROR_RATE,
                    // adaptive sampling's threshold and the router's cut it follows
                    ROUTING_SIGNAL,
                    ROUTING_MODE,
                    ROUTING_THRESHOLD,
                    ROUTING_TARGET_RATE,
                    ROUTING_WINDOW,
                    ROUTING_WARMUP,
                    MODEL_LOCATION,
                    REGISTRY_URI,
                    REGISTRY_MODEL_NAME);

    /** The run's configuration as it is (after the pattern it is checked against). */
    public static final BenchConfiguration AS_CONFIGURED =
            new BenchConfiguration("configured", Map.of());

    public BenchConfiguration {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a configuration name is letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        settings = Map.copyOf(settings);
    }

    /**
     * Parses {@code name:key=value,key=value;name:...} (a name alone: the run's configuration as it
     * is) and checks each configuration against {@code base}: its keys known, its values valid,
     * none of the model side.
     */
    public static List<BenchConfiguration> parseList(String spec, VarsentConfig base) {
        List<BenchConfiguration> configurations = new ArrayList<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            String name = (colon < 0 ? part : part.substring(0, colon)).trim();
            Map<String, String> settings = new LinkedHashMap<>();
            if (colon >= 0) {
                for (String setting : part.substring(colon + 1).split(",")) {
                    int eq = setting.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(
                                "configuration '"
                                        + name
                                        + "': '"
                                        + setting.trim()
                                        + "' is not key=value");
                    }
                    settings.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
                }
            }
            BenchConfiguration configuration = new BenchConfiguration(name, settings);
            if (configurations.stream().anyMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException("configuration '" + name + "' is given twice");
            }
            configuration.applyTo(base);
            configurations.add(configuration);
        }
        if (configurations.isEmpty()) {
            throw new IllegalArgumentException("no configuration in '" + spec + "'");
        }
        return configurations;
    }

    /** {@code base} with this configuration's settings; refuses a change to the model side. */
    public VarsentConfig applyTo(VarsentConfig base) {
        VarsentConfig config = base.with(settings);
        for (ConfigOption<?> option : MODEL_SIDE) {
            if (!config.text(option).equals(base.text(option))) {
                throw new IllegalArgumentException(
                        "configuration '"
                                + name
                                + "' sets "
                                + option.key()
                                + ": the model-only side is measured once for every configuration of a run; set it for the"
                                + " whole run (--set) instead");
            }
        }
        return config;
    }
}
