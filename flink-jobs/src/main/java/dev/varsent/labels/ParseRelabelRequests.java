package dev.varsent.labels;

import dev.varsent.events.DeadLetter;
import dev.varsent.events.RawRecord;
import dev.varsent.scoring.SideOutputs;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Emits the relabel requests the labels job needs; a record it cannot read goes to {@link SideOutputs#DEAD_LETTERS}. */
public final class ParseRelabelRequests extends ProcessFunction<RawRecord, LabelRequest> {

    private static final long serialVersionUID = 1L;

    private final RelabelRequestParser parser = new RelabelRequestParser();
    private final int maxDeadLetterPayloadBytes;

    public ParseRelabelRequests(int maxDeadLetterPayloadBytes) {
        this.maxDeadLetterPayloadBytes = maxDeadLetterPayloadBytes;
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<LabelRequest> out) {
        Parsed<LabelRequest> parsed = parser.parse(raw);
        if (parsed instanceof Parsed.Valid<LabelRequest> valid) {
            out.collect(valid.value());
        } else if (parsed instanceof Parsed.Invalid<LabelRequest> invalid) {
            ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(raw, invalid.reason(), invalid.message(), invalid.id(),
                    maxDeadLetterPayloadBytes, ctx.timerService().currentProcessingTime()));
        }
    }
}
