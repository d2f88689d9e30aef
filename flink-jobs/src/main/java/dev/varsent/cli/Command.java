package dev.varsent.cli;

import java.util.List;

/** One subcommand of varsent.jar. */
public interface Command {
    String name();

    /** One line for {@code --help}. */
    String summary();

    /** Runs the command; returns the process exit code. {@code args} excludes the subcommand name. */
    int run(List<String> args) throws Exception;
}
