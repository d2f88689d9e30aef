package dev.varsent.labels;

import dev.varsent.events.RawRecord;

/**
 * A valid label with the raw record it came in, kept so that it can still be dead-lettered
 * unchanged.
 */
public record IncomingLabel(Label label, RawRecord raw) {

    public String id() {
        return label.id();
    }
}
