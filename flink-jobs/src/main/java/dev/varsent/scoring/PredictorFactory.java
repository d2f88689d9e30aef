package dev.varsent.scoring;

import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Predictor;
import dev.varsent.routing.RouterCut;
import java.io.Serializable;

/**
 * Creates the {@link Predictor} of one scoring subtask. It is serialized with the job graph and
 * called once per subtask in {@code open()}, so it should carry only what locates the model (e.g. a
 * path), never the loaded model itself.
 */
@FunctionalInterface
public interface PredictorFactory extends Serializable {
    Predictor create() throws Exception;

    /**
     * The predictor of another model the subtask switches to (a hot swap, or the model served
     * before a restore), scoring as this factory's own predictors do.
     */
    default Predictor predictorFor(SentimentModel model) {
        return ScoringSettings.DEFAULTS.predictorFor(model);
    }

    /**
     * What the subtask's predictors, when they sample adaptively, know of the cut the router will
     * apply ({@code restored}: the subtask's state was restored).
     */
    default RouterCut routerCut(boolean restored) {
        return RouterCut.configured();
    }
}
