package dev.varsent.scoring;

import static dev.varsent.config.VarsentOptions.ROUTING_MODE;
import static dev.varsent.config.VarsentOptions.ROUTING_SIGNAL;
import static dev.varsent.config.VarsentOptions.ROUTING_THRESHOLD;
import static dev.varsent.config.VarsentOptions.SCORING_DECISION_THRESHOLD;
import static dev.varsent.config.VarsentOptions.SCORING_MAX_SEGMENTS;
import static dev.varsent.config.VarsentOptions.SCORING_MC_ADAPTIVE;
import static dev.varsent.config.VarsentOptions.SCORING_MC_ERROR_RATE;
import static dev.varsent.config.VarsentOptions.SCORING_MC_MIN_SAMPLES;

import dev.varsent.config.RoutingMode;
import dev.varsent.config.VarsentConfig;
import dev.varsent.model.AdaptiveSampling;
import dev.varsent.model.ScoringOptions;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Predictor;
import java.io.Serializable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the job's predictors score a review, whichever model they serve: at most {@code maxSegments}
 * segments per review, and the wrong-side probability against {@code decisionThreshold} (NaN: the
 * served model's training rating mean). With {@code adaptive} (null: off) the job's predictors
 * sample each review only until its routing decision is settled; the retrain job's holdout and
 * calibration scoring ({@link #options()}) always takes all K samples.
 */
public record ScoringSettings(int maxSegments, double decisionThreshold, AdaptiveSampling adaptive)
        implements Serializable {

    public static final ScoringSettings DEFAULTS =
            new ScoringSettings(SCORING_MAX_SEGMENTS.defaultValue(), Double.NaN);

    public ScoringSettings {
        // fails here, on the client, rather than in every subtask
        new ScoringOptions(maxSegments, ScoringOptions.DEFAULT_INTERVAL_LEVEL, decisionThreshold);
    }

    /** Without adaptive sampling. */
    public ScoringSettings(int maxSegments, double decisionThreshold) {
        this(maxSegments, decisionThreshold, null);
    }

    /**
     * Adaptive sampling needs a fixed routing threshold: in target-rate mode every review gets all
     * K.
     */
    public static ScoringSettings from(VarsentConfig config) {
        AdaptiveSampling adaptive =
                config.get(SCORING_MC_ADAPTIVE) && config.get(ROUTING_MODE) == RoutingMode.THRESHOLD
                        ? new AdaptiveSampling(
                                config.get(SCORING_MC_MIN_SAMPLES),
                                config.get(SCORING_MC_ERROR_RATE),
                                config.get(ROUTING_SIGNAL),
                                config.get(ROUTING_THRESHOLD))
                        : null;
        return new ScoringSettings(
                config.get(SCORING_MAX_SEGMENTS),
                config.getOptional(SCORING_DECISION_THRESHOLD).orElse(Double.NaN),
                adaptive);
    }

    /** How a review is scored with all K samples (the retrain job's holdout and calibration). */
    public ScoringOptions options() {
        return ScoringOptions.defaults()
                .withMaxSegments(maxSegments)
                .withThreshold(decisionThreshold);
    }

    /**
     * A single-threaded predictor of {@code model} with its own random stream, for one subtask: the
     * model as the product serves it ({@link SentimentModel#servingPredictor}, blended when its
     * bundle carries a blend).
     */
    public Predictor predictorFor(SentimentModel model) {
        // The stopping rule bounds the network's own routing uncertainty; a blend transforms it, so
        // a blended
        // model is scored with all K samples.
        ScoringOptions options = model.blended() ? options() : options().withAdaptive(adaptive);
        return model.servingPredictor(ThreadLocalRandom.current().nextLong(), 1, options);
    }
}
