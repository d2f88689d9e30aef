package dev.varsent.cli;

/**
 * A command line that parsed but cannot be run (a value out of range, a missing choice); the
 * message says what is wrong. Exit code 2, as for the errors picocli finds while parsing.
 */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
