package dev.varsent.labels;

import dev.varsent.events.InputLimits;
import dev.varsent.events.ParseRecords;

/**
 * Emits the relabel requests the labels job needs ({@link RelabelRequestParser}); a record it
 * cannot read is dead-lettered.
 */
public final class ParseRelabelRequests extends ParseRecords<LabelRequest> {

    private static final long serialVersionUID = 1L;

    public ParseRelabelRequests(InputLimits limits, int maxDeadLetterPayloadBytes) {
        super(new RelabelRequestParser(limits), maxDeadLetterPayloadBytes);
    }
}
