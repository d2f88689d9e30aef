package dev.varsent.events;

import java.io.Serializable;

/** Reads one raw record of an input topic ({@link ParseRecords}). */
public interface RecordParser<T> extends Serializable {

    /**
     * What {@code raw} holds, or why it holds nothing valid; {@code now}: the processing time,
     * against which a time in the future is judged.
     */
    Parsed<T> parse(RawRecord raw, long now);
}
