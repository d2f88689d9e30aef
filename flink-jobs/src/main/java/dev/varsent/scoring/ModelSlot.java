package dev.varsent.scoring;

import dev.varsent.predict.Predictor;
import dev.varsent.registry.ModelUpdate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model one scoring subtask serves, and the swap state machine around it. An announcement that
 * names neither the served version nor one being loaded or waiting is loaded in the background
 * ({@link Loads}, admitted there by the {@link ModelGate}); while a load runs, later ones wait in
 * arrival order (distinct versions, at most {@value #MAX_WAITING}). A loaded model replaces the
 * served one when the registry promoted it later (a higher promotion sequence), else it is skipped
 * as stale; a refused one is counted and the served model stays. Used from the task thread only:
 * the outcome of a load comes back through {@link #onLoaded}, which the operator runs between two
 * batches.
 */
final class ModelSlot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSlot.class);
    static final int MAX_WAITING = 8;

    /**
     * Starts loading an update in the background; its outcome is later handed to {@link #onLoaded}.
     */
    @FunctionalInterface
    interface Loads {
        void load(ModelUpdate update, boolean classification);
    }

    private final ModelGate gate;
    private final ScoringMetrics metrics;
    private final Loads loads;
    private final ArrayDeque<ModelUpdate> waiting = new ArrayDeque<>();
    private Predictor predictor;

    /** The announcement of the served model; null while it is the factory's and none named it. */
    private ModelUpdate served;

    /**
     * The registry's promotion sequence of the served model; 0 when unknown (a model not from the
     * registry).
     */
    private long servedSequence;

    private ModelUpdate loading;
    private boolean closed;

    ModelSlot(ModelGate gate, ScoringMetrics metrics, Loads loads) {
        this.gate = gate;
        this.metrics = metrics;
        this.loads = loads;
    }

    /**
     * Starts serving: the model of {@code restoredServed} (what was served at the checkpoint), or
     * the factory's when there is none or it cannot be loaded any more (a refusal); then resumes
     * the loads that were waiting.
     */
    void start(
            ModelUpdate restoredServed, PredictorFactory factory, List<ModelUpdate> restoredWaiting)
            throws Exception {
        predictor = restoredServed != null ? restore(restoredServed, factory) : factory.create();
        if (served == null) {
            servedSequence = gate.sequenceOf(predictor.modelVersion()).orElse(0);
        }
        metrics.serving(predictor.modelVersion(), servedSequence);
        restoredWaiting.forEach(this::onUpdate);
    }

    private Predictor restore(ModelUpdate update, PredictorFactory factory) throws Exception {
        long start = System.nanoTime();
        try {
            long sequence = gate.admit(update);
            Predictor restored =
                    factory.predictorFor(ModelLoader.load(ExpectedBundle.of(update), null));
            served = update;
            servedSequence = sequence;
            metrics.modelLoadMs.update(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            LOG.info(
                    "Restored: serving model version {} from {}",
                    update.version(),
                    update.bundleUri());
            return restored;
        } catch (ModelRefusedException e) {
            metrics.modelUpdatesRefused.inc();
            LOG.error(
                    "Restored: model version {}, served before the restart, cannot be loaded any more ({}); "
                            + "serving the initial model instead",
                    update.version(),
                    e.getMessage(),
                    e);
            return factory.create();
        }
    }

    Predictor predictor() {
        return predictor;
    }

    /** The announcement of the served model, or null. */
    ModelUpdate served() {
        return served;
    }

    /** The update being loaded, then those waiting, in order: what a checkpoint keeps. */
    List<ModelUpdate> waiting() {
        List<ModelUpdate> all = new ArrayList<>();
        if (loading != null) {
            all.add(loading);
        }
        all.addAll(waiting);
        return all;
    }

    /** An announcement arrived. */
    void onUpdate(ModelUpdate update) {
        if (update.version().equals(predictor.modelVersion())) {
            skip(update, "that version is being served");
            return;
        }
        if ((loading != null && loading.version().equals(update.version()))
                || waiting.stream().anyMatch(u -> u.version().equals(update.version()))) {
            skip(update, "that version is being loaded or waits to be");
            return;
        }
        if (loading == null) {
            startLoading(update);
            return;
        }
        if (waiting.size() >= MAX_WAITING) {
            skip(
                    waiting.pollFirst(),
                    MAX_WAITING + " newer updates arrived while one model loaded");
        }
        waiting.addLast(update);
    }

    private void startLoading(ModelUpdate update) {
        loading = update;
        LOG.info(
                "Loading model version {} from {} (serving {} meanwhile)",
                update.version(),
                update.bundleUri(),
                predictor.modelVersion());
        loads.load(update, predictor.isClassification());
    }

    /**
     * A load's outcome, on the task thread between two batches; then the next waiting update is
     * loaded.
     */
    void onLoaded(BackgroundModelLoader.Outcome outcome) throws Exception {
        if (closed) {
            BackgroundModelLoader.discard(outcome);
            return;
        }
        loading = null;
        ModelUpdate update = outcome.update();
        if (outcome instanceof BackgroundModelLoader.Refused refused) {
            metrics.modelUpdatesRefused.inc();
            LOG.error(
                    "Refused model version {} from {}: {}; still serving {}",
                    update.version(),
                    update.bundleUri(),
                    refused.reason().getMessage(),
                    predictor.modelVersion(),
                    refused.reason());
        } else if (((BackgroundModelLoader.Loaded) outcome).sequence() <= servedSequence) {
            skip(
                    update,
                    "the registry promoted it (promotion "
                            + ((BackgroundModelLoader.Loaded) outcome).sequence()
                            + ") before the version being served (promotion "
                            + servedSequence
                            + ")");
            BackgroundModelLoader.discard(outcome);
        } else {
            switchTo((BackgroundModelLoader.Loaded) outcome);
        }
        if (!waiting.isEmpty()) {
            startLoading(waiting.pollFirst());
        }
    }

    private void switchTo(BackgroundModelLoader.Loaded loaded) throws Exception {
        Predictor previous = predictor;
        predictor = loaded.predictor();
        served = loaded.update();
        servedSequence = loaded.sequence();
        metrics.serving(predictor.modelVersion(), servedSequence);
        metrics.modelSwaps.inc();
        metrics.modelLoadMs.update(loaded.loadMillis());
        LOG.info(
                "Switched from model version {} to {} (promotion {}, loaded and checked in {} ms)",
                previous.modelVersion(),
                predictor.modelVersion(),
                servedSequence,
                loaded.loadMillis());
        if (previous instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private void skip(ModelUpdate update, String why) {
        metrics.modelUpdatesSkipped.inc();
        LOG.info("Model update to version {} skipped: {}", update.version(), why);
    }

    /** Frees the served model; outcomes that still arrive are discarded. */
    @Override
    public void close() throws Exception {
        closed = true;
        if (predictor instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
