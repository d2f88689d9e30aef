package dev.varsent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.varsent.config.VarsentConfig;

/**
 * The options every command shares, {@code --conf FILE} and repeatable {@code --set key=value}, plus
 * the value options a command declares (e.g. {@code --duration}). {@code --help} is recognised.
 */
final class CommandLine {

    private final Path confFile;
    private final Map<String, String> overrides;
    private final Map<String, String> values;
    private final boolean help;
    private final Set<String> flags;

    private CommandLine(Path confFile, Map<String, String> overrides, Map<String, String> values, boolean help,
                        Set<String> flags) {
        this.confFile = confFile;
        this.overrides = overrides;
        this.values = values;
        this.help = help;
        this.flags = flags;
    }

    static CommandLine parse(List<String> args, Set<String> valueOptions) throws UsageException {
        return parse(args, valueOptions, Set.of());
    }

    /** {@code flagOptions} take no value (e.g. {@code --json}). */
    static CommandLine parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) throws UsageException {
        Path conf = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (flagOptions.contains(arg)) {
                flags.add(arg);
                continue;
            }
            if (!arg.equals("--conf") && !arg.equals("--set") && !valueOptions.contains(arg)) {
                throw new UsageException("unknown option '" + arg + "'");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(arg + " needs a value");
            }
            String value = args.get(++i);
            switch (arg) {
                case "--conf" -> conf = Path.of(value);
                case "--set" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--set takes key=value, got '" + value + "'");
                    }
                    overrides.put(value.substring(0, eq).trim(), value.substring(eq + 1));
                }
                default -> values.put(arg, value);
            }
        }
        return new CommandLine(conf, overrides, values, help, flags);
    }

    boolean flag(String option) {
        return flags.contains(option);
    }

    String value(String option, String defaultValue) {
        return values.getOrDefault(option, defaultValue);
    }

    int intValue(String option, int defaultValue) throws UsageException {
        return (int) number(option, defaultValue, Long::parseLong, "a whole number").longValue();
    }

    long longValue(String option, long defaultValue) throws UsageException {
        return number(option, defaultValue, Long::parseLong, "a whole number").longValue();
    }

    double doubleValue(String option, double defaultValue) throws UsageException {
        return number(option, defaultValue, Double::parseDouble, "a number").doubleValue();
    }

    private Number number(String option, Number defaultValue, java.util.function.Function<String, Number> parse,
                          String what) throws UsageException {
        String text = values.get(option);
        if (text == null) {
            return defaultValue;
        }
        try {
            return parse.apply(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes " + what + ", got '" + text + "'");
        }
    }

    /**
     * An enum constant named in lower case with '-' for '_' ({@code mean-max} for {@code MEAN_MAX}; any case
     * and '_' are accepted too), or {@code defaultValue} when the option is absent.
     */
    <E extends Enum<E>> E choice(String option, E defaultValue) throws UsageException {
        String text = values.get(option);
        if (text == null) {
            return defaultValue;
        }
        E[] constants = defaultValue.getDeclaringClass().getEnumConstants();
        for (E e : constants) {
            if (e.name().equalsIgnoreCase(text.trim().replace('-', '_'))) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : constants) {
            names.append(names.length() == 0 ? "" : "|").append(e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        throw new UsageException(option + " takes " + names + ", got '" + text + "'");
    }

    boolean help() {
        return help;
    }

    /**
     * The configuration: {@code --conf FILE} (else {@code defaultConf} when that file exists, else
     * the defaults) with the {@code --set} overrides on top.
     */
    VarsentConfig config(Path defaultConf) {
        return config(defaultConf, Map.of());
    }

    /** As {@link #config(Path)}, with the command's own {@code defaults} between the file and the overrides. */
    VarsentConfig config(Path defaultConf, Map<String, String> defaults) {
        Path file = confFile != null ? confFile : defaultConf != null && Files.isRegularFile(defaultConf) ? defaultConf : null;
        VarsentConfig base = file != null ? VarsentConfig.load(file) : VarsentConfig.defaults();
        if (!defaults.isEmpty()) {
            base = base.with(defaults);
        }
        return overrides.isEmpty() ? base : base.with(overrides);
    }

    Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    /** A positive whole number of seconds, if the option was given. */
    Optional<Long> seconds(String option) throws UsageException {
        Optional<String> text = value(option);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(text.get());
            if (seconds > 0) {
                return Optional.of(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a positive whole number of seconds, got '" + text.get() + "'");
    }
}
