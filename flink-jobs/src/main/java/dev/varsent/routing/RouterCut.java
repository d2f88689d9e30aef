package dev.varsent.routing;

import dev.varsent.config.RoutingMode;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.predict.RoutingCut;
import dev.varsent.predict.UncertaintySignal;
import java.util.List;

/**
 * What a scoring subtask knows of the cut its router will apply to the next batch, so that adaptive
 * sampling tests against it. The router ({@link RouteByUncertainty}) is chained to the scorer,
 * forward at the same parallelism, so it sees exactly the predictions the scorer emits, in order: a
 * copy of its target-rate rule fed the same uncertainties ({@link #emitted}) holds the same window
 * and so the same cut. Within a batch the router's cut moves with every review it routes; {@link
 * TargetRateRule#cutRange} bounds it over the batch. The copy is not checkpointed: after a restore
 * the router's window comes back from state and this copy's does not, so until the copy has seen a
 * whole window of new uncertainties (after which both windows hold exactly those) it knows nothing
 * and every review gets all K samples. With a fixed threshold the predictor's own configured
 * threshold is the router's, and this says nothing ({@link #next} gives null). Not thread-safe: one
 * per subtask, on the task thread.
 */
public final class RouterCut {
    private final UncertaintySignal signal;
    private final TargetRateRule copy;
    private int unseen;

    private RouterCut(UncertaintySignal signal, TargetRateRule copy, int unseen) {
        this.signal = signal;
        this.copy = copy;
        this.unseen = unseen;
    }

    /** The predictor's configured threshold is the router's (a fixed threshold, or no adaptive). */
    public static RouterCut configured() {
        return new RouterCut(UncertaintySignal.TOTAL, null, 0);
    }

    /**
     * The cut of a router with these settings; {@code restored}: the router's state was restored,
     * so its window is not known here yet.
     */
    public static RouterCut of(RoutingSettings settings, boolean restored) {
        if (settings.mode() != RoutingMode.TARGET_RATE) {
            return configured();
        }
        TargetRateRule copy =
                new TargetRateRule(
                        settings.targetRate(),
                        settings.window(),
                        settings.warmup(),
                        settings.threshold());
        return new RouterCut(settings.signal(), copy, restored ? settings.window() : 0);
    }

    /**
     * The cut for a batch of {@code reviews} reviews: null for the predictor's configured one,
     * {@link RoutingCut#UNKNOWN} while this copy does not know the router's window.
     */
    public RoutingCut next(int reviews) {
        if (copy == null) {
            return null;
        }
        return unseen > 0 ? RoutingCut.UNKNOWN : copy.cutRange(reviews);
    }

    /**
     * Scores {@code texts} with {@code k} samples against {@code cut}, a value of {@link #next}:
     * null scores against the predictor's configured threshold (every review gets all K without
     * adaptive sampling), as a predictor refuses a null cut.
     */
    public static List<Prediction> predict(
            Predictor predictor, List<String> texts, int k, RoutingCut cut) {
        return cut == null ? predictor.predict(texts, k) : predictor.predict(texts, k, cut);
    }

    /** Records an emitted prediction as the router will take it (a non-finite one it skips). */
    public void emitted(Prediction prediction) {
        if (copy == null) {
            return;
        }
        double u = prediction.uncertainty(signal);
        if (Double.isFinite(u)) {
            copy.observe(u);
            unseen = Math.max(0, unseen - 1);
        }
    }

    /** Whether this copy knows the router's window (false after a restore, for a window). */
    public boolean inStep() {
        return copy == null || unseen == 0;
    }
}
