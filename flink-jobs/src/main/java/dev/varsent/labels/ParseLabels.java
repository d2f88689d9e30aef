package dev.varsent.labels;

import dev.varsent.events.InputLimits;
import dev.varsent.events.Parsed;
import dev.varsent.events.RawRecord;
import dev.varsent.events.SideOutputs;
import dev.varsent.flink.MetricGroups;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Emits the valid labels; sends every other record of the labels topic to {@link
 * SideOutputs#DEAD_LETTERS} with its reason. Metrics: {@code varsent.labelsReceived}, {@code
 * varsent.labelsDeadLettered}.
 */
public final class ParseLabels extends ProcessFunction<RawRecord, IncomingLabel> {

    private static final long serialVersionUID = 1L;

    public static final String RECEIVED = "labelsReceived";

    private final LabelParser parser;
    private final int maxDeadLetterPayloadBytes;
    private transient Counter received;
    private transient Counter deadLettered;

    public ParseLabels(InputLimits limits, int maxDeadLetterPayloadBytes) {
        this.parser = new LabelParser(limits);
        this.maxDeadLetterPayloadBytes = maxDeadLetterPayloadBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup(MetricGroups.VARSENT);
        received = metrics.counter(RECEIVED);
        deadLettered = metrics.counter(MatchLabels.DEAD_LETTERED);
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<IncomingLabel> out) {
        received.inc();
        long now = ctx.timerService().currentProcessingTime();
        Parsed<Label> parsed = parser.parse(raw, now);
        if (parsed instanceof Parsed.Valid<Label> valid) {
            out.collect(new IncomingLabel(valid.value(), raw));
        } else if (parsed instanceof Parsed.Invalid<Label> invalid) {
            deadLettered.inc();
            ctx.output(
                    SideOutputs.DEAD_LETTERS,
                    invalid.deadLetter(raw, maxDeadLetterPayloadBytes, now));
        }
    }
}
