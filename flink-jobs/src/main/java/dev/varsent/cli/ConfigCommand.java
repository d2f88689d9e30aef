package dev.varsent.cli;

import dev.varsent.config.VarsentConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code varsent config [--conf FILE] [--set key=value]...}: validates a configuration and prints
 * every key with its meaning, type, default and effective value, as a {@code .properties} file that
 * can be edited and used again.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = {
            "Check a configuration and print every key with its effective value and meaning.",
            "The output is a .properties file that can be edited and used again with --conf; exit code 2 if the"
                    + " configuration is invalid."
        })
public final class ConfigCommand implements Callable<Integer> {

    @Mixin ConfigurationOptions configuration;

    @Override
    public Integer call() {
        VarsentConfig config = configuration.config();
        config.describe().forEach(System.out::println);
        return ExitCodes.OK;
    }
}
