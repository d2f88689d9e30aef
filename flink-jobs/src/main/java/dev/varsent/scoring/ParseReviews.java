package dev.varsent.scoring;

import dev.varsent.events.InputLimits;
import dev.varsent.events.ParseRecords;
import dev.varsent.events.ParsedReview;

/** Emits the valid reviews ({@link ReviewParser}); every other record is dead-lettered. */
public final class ParseReviews extends ParseRecords<ParsedReview> {

    private static final long serialVersionUID = 1L;

    public ParseReviews(InputLimits limits, int maxDeadLetterPayloadBytes) {
        super(new ReviewParser(limits), maxDeadLetterPayloadBytes);
    }
}
