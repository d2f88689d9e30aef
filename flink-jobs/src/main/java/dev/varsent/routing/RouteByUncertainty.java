package dev.varsent.routing;

import dev.varsent.events.RelabelRequest;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.SideOutputs;
import dev.varsent.flink.MetricGroups;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends confident predictions to the main output and doubtful ones, with the rule and the signal
 * that routed them, to {@link SideOutputs#RELABEL_REQUESTS}. The uncertainty compared is the one of
 * {@link RoutingSettings#signal()}. A prediction whose uncertainty is not a finite number is always
 * doubtful. What a target-rate rule learned (its window of recent uncertainties) is operator state:
 * it survives restarts and is redistributed on rescaling.
 */
public final class RouteByUncertainty extends ProcessFunction<ScoredReview, ScoredReview>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    public static final String RELABEL_RATE = "relabelRate";
    public static final String RELABEL_CUT = "relabelCut";
    public static final String ROUTED_TO_PREDICTIONS = "routedToPredictions";
    public static final String ROUTED_TO_RELABEL = "routedToRelabel";

    private final RoutingSettings settings;

    private transient RoutingRule rule;
    private transient ListState<Double> historyState;
    private transient RecentRate recentRelabels;
    private transient Counter toPredictions;
    private transient Counter toRelabel;
    // Written by the task thread, read by metric reporters.
    private transient volatile double relabelRate;
    private transient volatile double relabelCut;

    public RouteByUncertainty(RoutingSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        historyState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("routing-history", Types.DOUBLE));
        rule = settings.newRule();
        if (context.isRestored()) {
            rule.restore(historyState.get());
        }
        relabelCut = rule.currentCut();
    }

    @Override
    public void open(OpenContext openContext) {
        recentRelabels = new RecentRate(settings.window());
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup(MetricGroups.VARSENT);
        toPredictions = metrics.counter(ROUTED_TO_PREDICTIONS);
        toRelabel = metrics.counter(ROUTED_TO_RELABEL);
        metrics.gauge(RELABEL_RATE, (Gauge<Double>) () -> relabelRate);
        metrics.gauge(RELABEL_CUT, (Gauge<Double>) () -> relabelCut);
    }

    @Override
    public void processElement(ScoredReview scored, Context ctx, Collector<ScoredReview> out) {
        Prediction prediction = scored.prediction();
        double uncertainty = prediction.uncertainty(settings.signal());
        RoutingDecision decision =
                Double.isFinite(uncertainty)
                        ? rule.decide(
                                uncertainty,
                                measure(settings.signal(), prediction.isClassification()))
                        : new RoutingDecision(true, "non-finite uncertainty");
        recentRelabels.add(decision.relabel());
        relabelRate = recentRelabels.rate();
        relabelCut = rule.currentCut();
        if (decision.relabel()) {
            toRelabel.inc();
            ctx.output(
                    SideOutputs.RELABEL_REQUESTS,
                    new RelabelRequest(scored, decision.rule(), settings.signal()));
        } else {
            toPredictions.inc();
            out.collect(scored);
        }
    }

    /**
     * The name of the compared uncertainty in the rule text: the JSON field it equals ({@code
     * epistemic_std}, {@code bald}, {@code entropy}), or {@code total} for a regression head's
     * total signal (the calibrated std with the off-domain signal folded in, else the total std:
     * the {@code uncertainty} field).
     */
    static String measure(UncertaintySignal signal, boolean classification) {
        if (classification) {
            return signal == UncertaintySignal.EPISTEMIC ? "bald" : "entropy";
        }
        return signal == UncertaintySignal.EPISTEMIC ? "epistemic_std" : "total";
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        historyState.update(rule.history());
    }
}
