package dev.varsent.cli;

import static dev.varsent.config.VarsentOptions.REGISTRY_MODEL_NAME;
import static dev.varsent.config.VarsentOptions.TOPIC_MODEL_UPDATES;

import dev.varsent.config.VarsentConfig;
import dev.varsent.registry.BundleInfo;
import dev.varsent.registry.Champion;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.registry.ModelUpdate;
import dev.varsent.registry.ModelUpdatePublisher;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varsent promote --bundle FILE [--reason TEXT] [--conf FILE] [--set key=value]...}: rolls
 * out a model by hand: publishes the bundle in the registry ({@code registry.uri}), makes it the
 * champion and announces it on {@code topic.model-updates}, so running scoring jobs switch to it.
 * The first champion of a cluster is set this way; afterwards the retrain job promotes.
 */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = {
            "Publish a model bundle in the registry, make it the champion and announce it.",
            "Running scoring jobs switch to it without a restart. The first champion of a cluster is set this way;"
                    + " afterwards the retrain job promotes."
        })
public final class PromoteCommand implements Callable<Integer> {

    @Option(
            names = "--bundle",
            paramLabel = "FILE",
            required = true,
            description = "The model bundle to roll out.")
    Path bundle;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            defaultValue = "promoted by hand with varsent promote",
            description =
                    "Why, as recorded in the registry's history and the announcement (default: ${DEFAULT-VALUE}).")
    String reason;

    @Mixin ConfigurationOptions configuration;

    @Override
    public Integer call() throws Exception {
        VarsentConfig config = configuration.config();
        ModelRegistry registry = ModelRegistry.fromConfig(config);
        BundleInfo published = registry.publish(bundle);
        Champion champion = registry.promote(published.version(), Map.of(), reason);
        try (ModelUpdatePublisher publisher = ModelUpdatePublisher.fromConfig(config)) {
            publisher.announce(
                    ModelUpdate.of(config.get(REGISTRY_MODEL_NAME), champion, published));
        }
        System.out.println(
                "promoted "
                        + champion.version()
                        + " in "
                        + registry.root()
                        + " (previous champion: "
                        + (champion.previousVersion() == null ? "none" : champion.previousVersion())
                        + ") and announced it on "
                        + config.get(TOPIC_MODEL_UPDATES));
        return ExitCodes.OK;
    }
}
