package dev.varsent.scoring;

import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Predictor;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loads a model bundle (checked: format, checksum, compatibility) and gives each scoring subtask its own
 * single-threaded MC predictor with its own random stream.
 */
public final class BundlePredictorFactory implements PredictorFactory {
    private static final long serialVersionUID = 1L;

    private final String bundlePath;

    public BundlePredictorFactory(String bundlePath) {
        this.bundlePath = bundlePath;
    }

    @Override
    public Predictor create() throws Exception {
        return SentimentModel.load(Path.of(bundlePath)).predictor(ThreadLocalRandom.current().nextLong(), 1);
    }

    @Override
    public String toString() {
        return "bundle " + bundlePath;
    }
}
