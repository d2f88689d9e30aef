package dev.varsent.scoring;

import static dev.varsent.config.VarsentOptions.SCORING_DECISION_THRESHOLD;
import static dev.varsent.config.VarsentOptions.SCORING_MAX_SEGMENTS;

import java.io.Serializable;
import java.util.concurrent.ThreadLocalRandom;

import dev.varsent.config.VarsentConfig;
import dev.varsent.model.ScoringOptions;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Predictor;

/**
 * How the job's predictors score a review, whichever model they serve: at most {@code maxSegments}
 * segments per review, and the wrong-side probability against {@code decisionThreshold} (NaN: the
 * served model's training rating mean).
 */
public record ScoringSettings(int maxSegments, double decisionThreshold) implements Serializable {

    public static final ScoringSettings DEFAULTS = new ScoringSettings(
            SCORING_MAX_SEGMENTS.defaultValue(), Double.NaN);

    public ScoringSettings {
        // fails here, on the client, rather than in every subtask
        new ScoringOptions(maxSegments, ScoringOptions.DEFAULT_INTERVAL_LEVEL, decisionThreshold);
    }

    public static ScoringSettings from(VarsentConfig config) {
        return new ScoringSettings(config.get(SCORING_MAX_SEGMENTS), config.getOptional(SCORING_DECISION_THRESHOLD).orElse(Double.NaN));
    }

    public ScoringOptions options() {
        return ScoringOptions.defaults().withMaxSegments(maxSegments).withThreshold(decisionThreshold);
    }

    /**
     * A single-threaded predictor of {@code model} with its own random stream, for one subtask: the model as the
     * product serves it ({@link SentimentModel#servingPredictor}, blended when its bundle carries a blend).
     */
    public Predictor predictorFor(SentimentModel model) {
        return model.servingPredictor(ThreadLocalRandom.current().nextLong(), 1, options());
    }
}
