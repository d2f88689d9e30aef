package dev.varsent.scoring;

import dev.varsent.predict.Predictor;
import dev.varsent.registry.ModelUpdate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.util.function.ThrowingConsumer;

/**
 * Loads the bundle of a {@link ModelUpdate} on one background thread of its own (one per scoring
 * subtask) and hands the outcome to the task thread through its mailbox, so that the operator sees
 * it between two records or timers, never while it scores a batch. The predictor in a {@link
 * Loaded} outcome is complete before the task thread can see it.
 */
final class BackgroundModelLoader implements AutoCloseable {

    /** What a load came to; the task thread owns it once it is delivered. */
    sealed interface Outcome {
        ModelUpdate update();

        long loadMillis();
    }

    /**
     * {@code sequence}: the registry's promotion sequence of the version ({@link ModelGate#admit}).
     */
    record Loaded(ModelUpdate update, Predictor predictor, long loadMillis, long sequence)
            implements Outcome {}

    record Refused(ModelUpdate update, ModelRefusedException reason, long loadMillis)
            implements Outcome {}

    private final ExecutorService thread;
    private final MailboxExecutor mailbox;
    private final PredictorFactory predictors;

    /**
     * @param predictors turns each loaded model into the subtask's predictor
     */
    BackgroundModelLoader(String threadName, MailboxExecutor mailbox, PredictorFactory predictors) {
        this.mailbox = mailbox;
        this.predictors = predictors;
        this.thread =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, threadName);
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Admits {@code update} through {@code gate} (only a version the registry promoted), loads its
     * bundle (see {@link ModelLoader}) and builds its predictor, then runs {@code onTaskThread}
     * with the outcome in the task's mailbox. Loads run one after the other.
     *
     * @param classification the head the served model has
     */
    void load(
            ModelUpdate update,
            boolean classification,
            ModelGate gate,
            ThrowingConsumer<Outcome, Exception> onTaskThread) {
        thread.execute(
                () -> {
                    long start = System.nanoTime();
                    Outcome outcome;
                    try {
                        long sequence = gate.admit(update);
                        Predictor predictor =
                                predictors.predictorFor(
                                        ModelLoader.load(
                                                ExpectedBundle.of(update), classification));
                        outcome = new Loaded(update, predictor, millisSince(start), sequence);
                    } catch (ModelRefusedException e) {
                        outcome = new Refused(update, e, millisSince(start));
                    } catch (Throwable e) {
                        outcome =
                                new Refused(
                                        update,
                                        new ModelRefusedException(
                                                ModelRefusedException.Reason.LOAD_FAILED,
                                                update.bundleUri() + ": " + e,
                                                e),
                                        millisSince(start));
                    }
                    Outcome delivered = outcome;
                    try {
                        mailbox.execute(
                                () -> onTaskThread.accept(delivered),
                                "switch to model version %s",
                                update.version());
                    } catch (RejectedExecutionException e) {
                        // The task is shutting down; nobody will serve this model.
                        discard(delivered);
                    }
                });
    }

    /** Releases what an outcome holds that will not be served. */
    static void discard(Outcome outcome) {
        if (outcome instanceof Loaded loaded
                && loaded.predictor() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Nothing more to release.
            }
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Stops the thread; a load in progress is interrupted and its outcome discarded. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
