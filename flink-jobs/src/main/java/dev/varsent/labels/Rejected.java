package dev.varsent.labels;

import dev.varsent.events.DeadLetterReason;

/** Thrown inside a parser to reject a record with a reason; checked, so each parser maps it in one place. */
final class Rejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;
    private final String id;

    Rejected(DeadLetterReason reason, String message, String id) {
        super(message, null, false, false);
        this.reason = reason;
        this.id = id;
    }

    <T> Parsed<T> outcome() {
        return new Parsed.Invalid<>(reason, getMessage(), id);
    }
}
