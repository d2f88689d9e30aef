package dev.varsent.labels;

import dev.varsent.events.DeadLetterReason;

/** What a parser made of one raw record: a value, or the reason it is not one. */
public sealed interface Parsed<T> {

    record Valid<T>(T value) implements Parsed<T> {}

    /** {@code id} is the review id when the record got far enough to have one, else null. */
    record Invalid<T>(DeadLetterReason reason, String message, String id) implements Parsed<T> {}
}
