package dev.varsent.events;

/**
 * Thrown inside a parser to reject a record with a reason; checked, so each parser maps it in one
 * place.
 */
public final class Rejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;
    private final String id;

    public Rejected(DeadLetterReason reason, String message, String id) {
        super(message, null, false, false);
        this.reason = reason;
        this.id = id;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    /** The record's id when it was read before the rejection, else null. */
    public String id() {
        return id;
    }
}
