package dev.varsent.labels;

import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.SideOutputs;
import dev.varsent.flink.MetricGroups;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by review id, joins each label with the relabel request of its review and emits the {@link
 * LabelledExample} (the text from the request, the model version and uncertainty of the prediction
 * that asked).
 *
 * <ul>
 *   <li>A label that arrives before its request waits for it, at most {@code matchTimeoutMs} of
 *       processing time; then it is dead-lettered as {@link DeadLetterReason#UNKNOWN_REVIEW}. At
 *       most one label of a review waits: a newer one ({@code labelled_at}, equal times: the later
 *       arrival) replaces it and the replaced one is dead-lettered as {@link
 *       DeadLetterReason#STALE_LABEL}, as is a label older than the one waiting. So a flood of
 *       labels for one review costs constant work per label and constant state per review; the
 *       waiting label lives in keyed state with a time-to-live.
 *   <li>A later label of the same review emits again, so the store's latest record is the latest
 *       label. A label older ({@code labelled_at}) than one already emitted would overwrite a newer
 *       one in the compacted store, so it is dead-lettered as {@link DeadLetterReason#STALE_LABEL};
 *       equal times: the later arrival wins.
 *   <li>The request (and the time of the review's latest label) is kept for {@code requestTtlMs}
 *       after it was written; a request that arrives again replaces it.
 * </ul>
 *
 * Every label thus ends in exactly one of the labelled examples and the dead letters.
 *
 * <p>Metrics ({@code varsent}): {@code labelsMatched}, {@code labelsDeadLettered}, and the gauge
 * {@code pendingLabels} (labels waiting for their request, kept in operator state so it survives a
 * restore).
 */
public final class MatchLabels
        extends KeyedCoProcessFunction<String, LabelRequest, IncomingLabel, LabelledExample>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    public static final String MATCHED = "labelsMatched";
    public static final String DEAD_LETTERED = "labelsDeadLettered";
    public static final String PENDING = "pendingLabels";
    private static final long PENDING_TTL_MARGIN_MS = 60_000;

    private final long matchTimeoutMs;
    private final long requestTtlMs;
    private final int maxDeadLetterPayloadBytes;

    private transient ValueState<LabelRequest> request;
    private transient ValueState<Long> latestLabelledAt;
    private transient ValueState<PendingLabel> pending;
    private transient ListState<Long> pendingCountState;
    private transient AtomicLong pendingCount;
    private transient Counter matched;
    private transient Counter deadLettered;

    public MatchLabels(long matchTimeoutMs, long requestTtlMs, int maxDeadLetterPayloadBytes) {
        this.matchTimeoutMs = matchTimeoutMs;
        this.requestTtlMs = requestTtlMs;
        this.maxDeadLetterPayloadBytes = maxDeadLetterPayloadBytes;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        pendingCountState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("pending-label-count", Long.class));
        long restored = 0;
        for (Long count : pendingCountState.get()) {
            restored += count;
        }
        pendingCount = new AtomicLong(restored);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        pendingCountState.update(List.of(pendingCount.get()));
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl =
                StateTtlConfig.newBuilder(Duration.ofMillis(requestTtlMs))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .build();
        ValueStateDescriptor<LabelRequest> requestDescriptor =
                new ValueStateDescriptor<>("request", LabelRequest.class);
        requestDescriptor.enableTimeToLive(ttl);
        ValueStateDescriptor<Long> latestDescriptor =
                new ValueStateDescriptor<>("latest-labelled-at", Long.class);
        latestDescriptor.enableTimeToLive(ttl);
        request = getRuntimeContext().getState(requestDescriptor);
        latestLabelledAt = getRuntimeContext().getState(latestDescriptor);
        // The timer dead-letters a waiting label at its expiry; the TTL, a little longer, only
        // makes sure
        // that no state outlives it (e.g. after a restore with a changed timeout).
        ValueStateDescriptor<PendingLabel> pendingDescriptor =
                new ValueStateDescriptor<>("pending-label", PendingLabel.class);
        pendingDescriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(Duration.ofMillis(matchTimeoutMs + PENDING_TTL_MARGIN_MS))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .build());
        pending = getRuntimeContext().getState(pendingDescriptor);

        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup(MetricGroups.VARSENT);
        matched = metrics.counter(MATCHED);
        deadLettered = metrics.counter(DEAD_LETTERED);
        AtomicLong count = pendingCount;
        metrics.gauge(PENDING, (Gauge<Long>) count::get);
    }

    @Override
    public void processElement1(
            LabelRequest newRequest, Context ctx, Collector<LabelledExample> out) throws Exception {
        request.update(newRequest);
        PendingLabel waiting = pending.value();
        if (waiting == null) {
            return;
        }
        pending.clear();
        pendingCount.decrementAndGet();
        ctx.timerService().deleteProcessingTimeTimer(waiting.expiresAt());
        emit(waiting.incoming(), newRequest, ctx, out);
    }

    @Override
    public void processElement2(IncomingLabel label, Context ctx, Collector<LabelledExample> out)
            throws Exception {
        LabelRequest known = request.value();
        if (known != null) {
            emit(label, known, ctx, out);
            return;
        }
        PendingLabel waiting = pending.value();
        if (waiting != null
                && label.label().labelledAt() < waiting.incoming().label().labelledAt()) {
            deadLetter(
                    label,
                    DeadLetterReason.STALE_LABEL,
                    "label of review '"
                            + label.id()
                            + "' labelled at "
                            + label.label().labelledAt()
                            + " is older than the one waiting for its request (labelled at "
                            + waiting.incoming().label().labelledAt()
                            + ")",
                    ctx);
            return;
        }
        if (waiting != null) {
            ctx.timerService().deleteProcessingTimeTimer(waiting.expiresAt());
            deadLetter(
                    waiting.incoming(),
                    DeadLetterReason.STALE_LABEL,
                    "label of review '"
                            + label.id()
                            + "' labelled at "
                            + waiting.incoming().label().labelledAt()
                            + " was replaced, while waiting for"
                            + " its request, by a newer one (labelled at "
                            + label.label().labelledAt()
                            + ")",
                    ctx);
        } else {
            pendingCount.incrementAndGet();
        }
        long expiresAt = ctx.timerService().currentProcessingTime() + matchTimeoutMs;
        pending.update(new PendingLabel(label, expiresAt));
        ctx.timerService().registerProcessingTimeTimer(expiresAt);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LabelledExample> out)
            throws Exception {
        PendingLabel waiting = pending.value();
        if (waiting == null || waiting.expiresAt() > timestamp) {
            return;
        }
        pending.clear();
        pendingCount.decrementAndGet();
        deadLetter(
                waiting.incoming(),
                DeadLetterReason.UNKNOWN_REVIEW,
                "no relabel request for review '"
                        + ctx.getCurrentKey()
                        + "' arrived within "
                        + matchTimeoutMs
                        + " ms of its label"
                        + " (labels.match-timeout), or its request is older than labels.request-ttl",
                ctx);
    }

    private void emit(
            IncomingLabel incoming, LabelRequest known, Context ctx, Collector<LabelledExample> out)
            throws Exception {
        Label label = incoming.label();
        Long latest = latestLabelledAt.value();
        if (latest != null && label.labelledAt() < latest) {
            deadLetter(
                    incoming,
                    DeadLetterReason.STALE_LABEL,
                    "label of review '"
                            + label.id()
                            + "' labelled at "
                            + label.labelledAt()
                            + " is older than the one already stored (labelled at "
                            + latest
                            + ")",
                    ctx);
            return;
        }
        latestLabelledAt.update(label.labelledAt());
        matched.inc();
        out.collect(
                new LabelledExample(
                        label.id(),
                        known.text(),
                        label.rating(),
                        label.labeler(),
                        label.labelledAt(),
                        known.modelVersion(),
                        known.uncertainty()));
    }

    private void deadLetter(
            IncomingLabel incoming, DeadLetterReason reason, String message, Context ctx) {
        deadLettered.inc();
        ctx.output(
                SideOutputs.DEAD_LETTERS,
                DeadLetter.of(
                        incoming.raw(),
                        reason,
                        message,
                        incoming.id(),
                        maxDeadLetterPayloadBytes,
                        ctx.timerService().currentProcessingTime()));
    }
}
