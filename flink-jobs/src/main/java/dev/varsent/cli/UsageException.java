package dev.varsent.cli;

/** A command line that cannot be run; the message says what is wrong. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
