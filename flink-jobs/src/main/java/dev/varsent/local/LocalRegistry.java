package dev.varsent.local;

import static dev.varsent.config.VarsentOptions.MODEL_LOCATION;
import static dev.varsent.config.VarsentOptions.RETRAIN_BASE_CORPUS;

import dev.varsent.config.VarsentConfig;
import dev.varsent.corpus.HeldOutReviews;
import dev.varsent.data.ScaleData;
import dev.varsent.registry.BundleInfo;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.retrain.BaseCorpus;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the retraining loop needs on disk before it starts (the local run, {@code varsent
 * bootstrap}): a champion and the base corpus.
 */
public final class LocalRegistry {

    private LocalRegistry() {}

    /**
     * Before the first promotion, publishes the bundle at {@code model.location} and makes it the
     * champion, so that retrains have a model to warm-start from and to beat.
     */
    public static void ensureChampion(VarsentConfig config, PrintStream out) throws IOException {
        ModelRegistry registry = ModelRegistry.fromConfig(config);
        var champion = registry.champion();
        if (champion.isPresent()) {
            out.println(
                    "Model registry " + registry.root() + ": champion " + champion.get().version());
            return;
        }
        Path bundle = LocalModel.newestBundle(Path.of(config.get(MODEL_LOCATION)));
        if (bundle == null) {
            out.println(
                    "Model registry "
                            + registry.root()
                            + ": no champion and no bundle at "
                            + config.get(MODEL_LOCATION)
                            + "; the first retrain trains one from scratch");
            return;
        }
        BundleInfo published = registry.publish(bundle);
        registry.promote(
                published.version(), Map.of(), "the local run's initial model (" + bundle + ")");
        out.println(
                "Model registry "
                        + registry.root()
                        + ": published and promoted "
                        + published.version());
    }

    /**
     * The base corpus file of the local run: {@code retrain.base-corpus} when it is a local file,
     * else {@code fallback}; written from the scale data's training segments (the ones the local
     * run does not stream) when it is not there yet. Null when {@code retrain.base-corpus} names
     * another file system.
     */
    public static Path ensureBaseCorpus(VarsentConfig config, Path fallback, PrintStream out)
            throws IOException {
        String location = config.get(RETRAIN_BASE_CORPUS);
        Path file;
        if (location.isBlank()) {
            file = fallback;
        } else {
            URI uri = URI.create(location.replace('\\', '/'));
            if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
                return null;
            }
            file = uri.getScheme() == null ? Path.of(location) : Path.of(uri);
        }
        if (file != null && !Files.exists(file)) {
            int lines =
                    BaseCorpus.writeScaleDataTrainSplit(
                            ScaleData.defaultDir(), HeldOutReviews.SPLIT_SEED, file);
            out.println(
                    "Base corpus: wrote the scale data's "
                            + lines
                            + " training segments to "
                            + file);
        }
        return file;
    }
}
