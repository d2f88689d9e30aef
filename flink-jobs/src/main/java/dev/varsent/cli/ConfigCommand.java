package dev.varsent.cli;

import java.util.List;
import java.util.Set;

import dev.varsent.config.ConfigException;
import dev.varsent.config.VarsentConfig;

/**
 * {@code varsent config [--conf FILE] [--set key=value]...}: validates a configuration and prints every
 * key with its effective value and description, as a {@code .properties} file that can be edited and
 * used again.
 */
public final class ConfigCommand implements Command {

    @Override
    public String name() {
        return "config";
    }

    @Override
    public String summary() {
        return "check a configuration and print every key with its effective value";
    }

    @Override
    public int run(List<String> args) {
        CommandLine line;
        try {
            line = CommandLine.parse(args, Set.of());
        } catch (UsageException e) {
            System.err.println("varsent config: " + e.getMessage());
            return 2;
        }
        if (line.help()) {
            System.out.println("usage: varsent config [--conf FILE] [--set key=value]...");
            System.out.println("Prints the effective configuration; exits with 2 if it is invalid.");
            return 0;
        }
        VarsentConfig config;
        try {
            config = line.config(null);
        } catch (ConfigException e) {
            System.err.println("varsent config: " + e.getMessage());
            return 2;
        }
        config.describe().forEach(System.out::println);
        return 0;
    }
}
