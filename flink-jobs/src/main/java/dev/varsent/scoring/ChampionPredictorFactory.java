package dev.varsent.scoring;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Predictor;
import dev.varsent.registry.Champion;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.routing.RouterCut;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initial model of a freshly started scoring job: the registry's champion ({@code
 * registry.uri}), checked against the SHA-256 and size its {@code CHAMPION} pointer records, or,
 * before the first promotion, the bundle at {@code model.location}. When the registry has a
 * champion that cannot be read or is refused, that is logged as an ERROR and the bundle at {@code
 * model.location} serves. It carries the two locations only; each subtask reads the registry when
 * it opens.
 */
public final class ChampionPredictorFactory implements PredictorFactory {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ChampionPredictorFactory.class);

    private final String registryUri;
    private final String fallbackLocation;
    private final ScoringSettings scoring;

    public ChampionPredictorFactory(
            String registryUri, String fallbackLocation, ScoringSettings scoring) {
        this.registryUri = registryUri;
        this.fallbackLocation = fallbackLocation;
        this.scoring = scoring;
    }

    public static ChampionPredictorFactory fromConfig(VarsentConfig config) {
        return new ChampionPredictorFactory(
                config.get(VarsentOptions.REGISTRY_URI),
                config.get(VarsentOptions.MODEL_LOCATION),
                ScoringSettings.from(config));
    }

    @Override
    public Predictor create() throws Exception {
        Optional<Champion> champion;
        try {
            champion = ModelRegistry.at(registryUri).champion();
        } catch (Exception e) {
            LOG.error(
                    "Cannot read the champion of the registry at {}; serving {} instead",
                    registryUri,
                    fallbackLocation,
                    e);
            return fallback();
        }
        if (champion.isEmpty()) {
            LOG.info(
                    "The registry at {} has no champion yet; serving {}",
                    registryUri,
                    fallbackLocation);
            return fallback();
        }
        try {
            Predictor predictor =
                    predictorFor(ModelLoader.load(ExpectedBundle.of(champion.get()), null));
            LOG.info("Serving the registry's champion, version {}", champion.get().version());
            return predictor;
        } catch (ModelRefusedException e) {
            LOG.error(
                    "The champion of the registry at {}, version {}, is refused ({}); serving {} instead",
                    registryUri,
                    champion.get().version(),
                    e.getMessage(),
                    fallbackLocation,
                    e);
            return fallback();
        }
    }

    private Predictor fallback() throws Exception {
        return new BundlePredictorFactory(fallbackLocation, scoring).create();
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
        return "champion of " + registryUri + ", else bundle " + fallbackLocation;
    }
}
