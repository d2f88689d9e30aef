package dev.varsent.scoring;

import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.RawRecord;
import dev.varsent.events.SideOutputs;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Emits the valid reviews; sends every other record to {@link SideOutputs#DEAD_LETTERS} with its
 * reason.
 */
public final class ParseReviews extends ProcessFunction<RawRecord, ParsedReview> {

    private static final long serialVersionUID = 1L;

    private final ReviewParser parser;
    private final int maxDeadLetterPayloadBytes;

    public ParseReviews(InputLimits limits, int maxDeadLetterPayloadBytes) {
        this.parser = new ReviewParser(limits);
        this.maxDeadLetterPayloadBytes = maxDeadLetterPayloadBytes;
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<ParsedReview> out) {
        long now = ctx.timerService().currentProcessingTime();
        Parsed<ParsedReview> parsed = parser.parse(raw, now);
        if (parsed instanceof Parsed.Valid<ParsedReview> valid) {
            out.collect(valid.value());
        } else if (parsed instanceof Parsed.Invalid<ParsedReview> invalid) {
            ctx.output(
                    SideOutputs.DEAD_LETTERS,
                    invalid.deadLetter(raw, maxDeadLetterPayloadBytes, now));
        }
    }
}
