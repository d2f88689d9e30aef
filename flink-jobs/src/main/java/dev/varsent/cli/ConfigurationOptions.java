package dev.varsent.cli;

import dev.varsent.config.VarsentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command that reads the configuration shares ({@code @Mixin}): {@code --conf
 * FILE} and repeatable {@code --set key=value}. The one place a command's configuration is built.
 */
public final class ConfigurationOptions {

    @Option(
            names = "--conf",
            paramLabel = "FILE",
            description =
                    "Configuration file (.properties); 'varsent config' lists every key with its meaning.")
    Path file;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "One configuration key, over the file's value; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** {@code --conf FILE} (else the defaults) with the {@code --set} overrides on top. */
    VarsentConfig config() {
        return config(null, Map.of(), Map.of());
    }

    /**
     * The configuration, in order of precedence from lowest: {@code --conf FILE}, else {@code
     * defaultFile} when that file exists, else the defaults; the command's own {@code
     * commandDefaults}; the {@code --set} overrides; the command's {@code shorthands} (options that
     * stand for keys, e.g. {@code --rate}).
     */
    VarsentConfig config(
            Path defaultFile, Map<String, String> commandDefaults, Map<String, String> shorthands) {
        Path chosen =
                file != null
                        ? file
                        : defaultFile != null && Files.isRegularFile(defaultFile)
                                ? defaultFile
                                : null;
        VarsentConfig config =
                chosen != null ? VarsentConfig.load(chosen) : VarsentConfig.defaults();
        Map<String, String> set = new LinkedHashMap<>();
        overrides.forEach((key, value) -> set.put(key.strip(), value));
        for (Map<String, String> layer : List.of(commandDefaults, set, shorthands)) {
            if (!layer.isEmpty()) {
                config = config.with(layer);
            }
        }
        return config;
    }
}
