package dev.varsent.events;

/** What a parser made of one raw record: a value, or the reason it is not one. */
public sealed interface Parsed<T> {

    /** The outcome of a parser that threw {@code rejected}. */
    static <T> Parsed<T> rejected(Rejected rejected) {
        return new Invalid<>(rejected.reason(), rejected.getMessage(), rejected.id());
    }

    record Valid<T>(T value) implements Parsed<T> {}

    /** {@code id} is the review id when the record got far enough to have one, else null. */
    record Invalid<T>(DeadLetterReason reason, String message, String id) implements Parsed<T> {

        /** The dead letter of {@code raw}, the record this outcome was parsed from. */
        public DeadLetter deadLetter(RawRecord raw, int maxPayloadBytes, long now) {
            return DeadLetter.of(raw, reason, message, id, maxPayloadBytes, now);
        }
    }
}
