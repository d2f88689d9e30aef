package dev.varsent.scoring;

import static dev.varsent.config.VarsentOptions.ROUTING_SIGNAL;
import static dev.varsent.config.VarsentOptions.ROUTING_THRESHOLD;
import static dev.varsent.config.VarsentOptions.SCORING_DECISION_THRESHOLD;
import static dev.varsent.config.VarsentOptions.SCORING_MAX_SEGMENTS;
import static dev.varsent.config.VarsentOptions.SCORING_MC_ADAPTIVE;
import static dev.varsent.config.VarsentOptions.SCORING_MC_ERROR_RATE;
import static dev.varsent.config.VarsentOptions.SCORING_MC_MIN_SAMPLES;

import dev.varsent.config.VarsentConfig;
import dev.varsent.model.AdaptiveSampling;
import dev.varsent.model.ScoringOptions;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Predictor;
import dev.varsent.routing.RouterCut;
import dev.varsent.routing.RoutingSettings;
import java.io.Serializable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the job's predictors score a review, whichever model they serve: at most {@code maxSegments}
 * segments per review, and the wrong-side probability against {@code decisionThreshold} (NaN: the
 * served model's training rating mean). With {@code adaptive} (null: off) the job's predictors
 * sample each review only until its routing decision is settled, on the served (for a blended
 * model: blended and calibrated) uncertainty, against the cut the router will apply: {@code
 * routing} is the router's settings, from which each subtask follows a target-rate router's moving
 * cut ({@link #routerCut}). The retrain job's holdout and calibration scoring ({@link #options()})
 * always takes all K samples.
 *
 * @param routing the router's settings when {@code adaptive} is set (null otherwise)
 */
public record ScoringSettings(
        int maxSegments,
        double decisionThreshold,
        AdaptiveSampling adaptive,
        RoutingSettings routing)
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

    /** With a fixed routing threshold, {@code adaptive}'s own. */
    public ScoringSettings(int maxSegments, double decisionThreshold, AdaptiveSampling adaptive) {
        this(
                maxSegments,
                decisionThreshold,
                adaptive,
                adaptive == null
                        ? null
                        : RoutingSettings.threshold(
                                adaptive.signal(), adaptive.routingThreshold()));
    }

    /**
     * {@code routing.threshold} is adaptive sampling's threshold in threshold mode and, in
     * target-rate mode, until the router has warmed up (as it is the router's).
     */
    public static ScoringSettings from(VarsentConfig config) {
        AdaptiveSampling adaptive =
                config.get(SCORING_MC_ADAPTIVE)
                        ? new AdaptiveSampling(
                                config.get(SCORING_MC_MIN_SAMPLES),
                                config.get(SCORING_MC_ERROR_RATE),
                                config.get(ROUTING_SIGNAL),
                                config.get(ROUTING_THRESHOLD))
                        : null;
        return new ScoringSettings(
                config.get(SCORING_MAX_SEGMENTS),
                config.getOptional(SCORING_DECISION_THRESHOLD).orElse(Double.NaN),
                adaptive,
                adaptive == null ? null : RoutingSettings.from(config));
    }

    /**
     * A scoring subtask's view of its router's cut ({@code restored}: the subtask's state was
     * restored).
     */
    public RouterCut routerCut(boolean restored) {
        return routing == null ? RouterCut.configured() : RouterCut.of(routing, restored);
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
        ScoringOptions options = options().withAdaptive(adaptive);
        return model.servingPredictor(ThreadLocalRandom.current().nextLong(), 1, options);
    }
}
