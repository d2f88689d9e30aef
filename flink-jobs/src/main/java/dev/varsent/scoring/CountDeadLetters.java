package dev.varsent.scoring;

import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.flink.MetricGroups;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts dead letters on their way to the sink, one counter per reason under a key/value group, so
 * that Prometheus gets the reason as a label ({@code varsent.reason.<REASON>.deadLetters}, i.e.
 * {@code addGroup("varsent").addGroup("reason", REASON).counter("deadLetters")}; all registered up
 * front so that a zero shows as zero), plus the total {@code varsent.deadLettersTotal}.
 */
public final class CountDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {

    private static final long serialVersionUID = 1L;

    public static final String REASON_KEY = "reason";
    public static final String BY_REASON = "deadLetters";
    public static final String TOTAL = "deadLettersTotal";

    private transient Map<DeadLetterReason, Counter> byReason;
    private transient Counter total;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup(MetricGroups.VARSENT);
        byReason = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            byReason.put(reason, metrics.addGroup(REASON_KEY, reason.name()).counter(BY_REASON));
        }
        total = metrics.counter(TOTAL);
    }

    @Override
    public DeadLetter map(DeadLetter letter) {
        byReason.get(letter.reason()).inc();
        total.inc();
        return letter;
    }
}
