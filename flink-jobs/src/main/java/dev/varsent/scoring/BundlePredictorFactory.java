package dev.varsent.scoring;

import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Predictor;
import dev.varsent.routing.RouterCut;
import java.nio.file.Path;

/**
 * Loads a model bundle (checked: format, checksum, compatibility) and gives each scoring subtask
 * its own single-threaded MC predictor with its own random stream.
 */
public final class BundlePredictorFactory implements PredictorFactory {
    private static final long serialVersionUID = 1L;

    private final String bundlePath;
    private final ScoringSettings scoring;

    /** With {@link ScoringSettings#DEFAULTS}. */
    public BundlePredictorFactory(String bundlePath) {
        this(bundlePath, ScoringSettings.DEFAULTS);
    }

    public BundlePredictorFactory(String bundlePath, ScoringSettings scoring) {
        this.bundlePath = bundlePath;
        this.scoring = scoring;
    }

    @Override
    public Predictor create() throws Exception {
        return predictorFor(SentimentModel.load(Path.of(bundlePath)));
    }

    @Override
    public Predictor predictorFor(SentimentModel model) {
        return scoring.predictorFor(model);
    }

    @Override
    public RouterCut routerCut(boolean restored) {
        return scoring.routerCut(restored);
    }

    @Override
    public String toString() {
        return "bundle " + bundlePath;
    }
}
