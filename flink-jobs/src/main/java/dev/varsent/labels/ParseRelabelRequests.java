package dev.varsent.labels;

import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.RawRecord;
import dev.varsent.events.SideOutputs;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Emits the relabel requests the labels job needs; a record it cannot read goes to {@link
 * SideOutputs#DEAD_LETTERS}.
 */
public final class ParseRelabelRequests extends ProcessFunction<RawRecord, LabelRequest> {

    private static final long serialVersionUID = 1L;

    private final RelabelRequestParser parser;
    private final int maxDeadLetterPayloadBytes;

    public ParseRelabelRequests(InputLimits limits, int maxDeadLetterPayloadBytes) {
        this.parser = new RelabelRequestParser(limits);
        this.maxDeadLetterPayloadBytes = maxDeadLetterPayloadBytes;
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<LabelRequest> out) {
        long now = ctx.timerService().currentProcessingTime();
        Parsed<LabelRequest> parsed = parser.parse(raw, now);
        if (parsed instanceof Parsed.Valid<LabelRequest> valid) {
            out.collect(valid.value());
        } else if (parsed instanceof Parsed.Invalid<LabelRequest> invalid) {
            ctx.output(
                    SideOutputs.DEAD_LETTERS,
                    invalid.deadLetter(raw, maxDeadLetterPayloadBytes, now));
        }
    }
}
