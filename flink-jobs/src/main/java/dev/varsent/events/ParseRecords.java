package dev.varsent.events;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Emits what a {@link RecordParser} reads from each raw record; a record it cannot read goes to
 * {@link SideOutputs#DEAD_LETTERS} with its reason. A subclass names the parser, so that Flink sees
 * the type it emits.
 */
public abstract class ParseRecords<T> extends ProcessFunction<RawRecord, T> {

    private static final long serialVersionUID = 1L;

    private final RecordParser<T> parser;
    private final int maxDeadLetterPayloadBytes;

    protected ParseRecords(RecordParser<T> parser, int maxDeadLetterPayloadBytes) {
        this.parser = parser;
        this.maxDeadLetterPayloadBytes = maxDeadLetterPayloadBytes;
    }

    @Override
    public final void processElement(RawRecord raw, Context ctx, Collector<T> out) {
        long now = ctx.timerService().currentProcessingTime();
        Parsed<T> parsed = parser.parse(raw, now);
        if (parsed instanceof Parsed.Valid<T> valid) {
            out.collect(valid.value());
        } else if (parsed instanceof Parsed.Invalid<T> invalid) {
            ctx.output(
                    SideOutputs.DEAD_LETTERS,
                    invalid.deadLetter(raw, maxDeadLetterPayloadBytes, now));
        }
    }
}
