package dev.varsent.cli;

import dev.varsent.bundle.BundleFormatException;
import dev.varsent.config.ConfigException;
import dev.varsent.data.DataNotFoundException;
import dev.varsent.registry.BundleRefusedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The exit codes of {@code varsent}, and the one-line messages that go with them on stderr:
 *
 * <ul>
 *   <li>{@value #OK}: the command did its work ({@code --help} and {@code --version} included);
 *   <li>{@value #USAGE}: a command line that cannot be run (unknown command or option, a value of
 *       the wrong type, a missing required option, {@link UsageException}), an invalid
 *       configuration ({@link ConfigException}, {@link IllegalArgumentException}) or missing data
 *       ({@link DataNotFoundException}); nothing was started;
 *   <li>{@value #FAILED}: the command ran and failed: a refused model bundle, a failed job, a
 *       failed check of {@code doctor}, or any other exception (it is kept for {@link
 *       #rethrowUnexpected()}).
 * </ul>
 */
final class ExitCodes implements IParameterExceptionHandler, IExecutionExceptionHandler {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Exception unexpected;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + name + " --help' for its options.");
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        int code;
        if (e instanceof UsageException
                || e instanceof ConfigException
                || e instanceof DataNotFoundException
                || e instanceof IllegalArgumentException) {
            err.println(name + ": " + e.getMessage());
            code = USAGE;
        } else if (e instanceof BundleFormatException || e instanceof BundleRefusedException) {
            err.println(name + ": refused model bundle: " + e.getMessage());
            code = FAILED;
        } else {
            unexpected = e;
            code = FAILED;
        }
        err.flush();
        return code;
    }

    /**
     * Throws the exception a command failed with that has no message of its own here, so that it
     * reaches the JVM (a stack trace, exit code 1) or, inside Flink, fails the application with its
     * cause.
     */
    void rethrowUnexpected() throws Exception {
        if (unexpected != null) {
            throw unexpected;
        }
    }
}
