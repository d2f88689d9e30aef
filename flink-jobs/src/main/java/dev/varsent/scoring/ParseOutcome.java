package dev.varsent.scoring;

import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.ParsedReview;

/**
 * What {@link ReviewParser} made of one raw record: a valid review, or the reason it is not one.
 */
public sealed interface ParseOutcome {

    record Valid(ParsedReview review) implements ParseOutcome {}

    /** {@code id} is the review's id when the record got far enough to have one, else null. */
    record Invalid(DeadLetterReason reason, String message, String id) implements ParseOutcome {}
}
