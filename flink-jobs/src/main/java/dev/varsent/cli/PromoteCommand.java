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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code varsent promote --bundle FILE [--reason TEXT] [--conf FILE] [--set key=value]...}: rolls out a
 * model by hand: publishes the bundle in the registry ({@code registry.uri}), makes it the champion and
 * announces it on {@code topic.model-updates}, so running scoring jobs switch to it. The first
 * champion of a cluster is set this way; afterwards the retrain job promotes.
 */
public final class PromoteCommand implements Command {

    private static final String BUNDLE = "--bundle";
    private static final String REASON = "--reason";

    @Override
    public String name() {
        return "promote";
    }

    @Override
    public String summary() {
        return "publish a bundle in the registry, make it the champion and announce it (--bundle FILE)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of(BUNDLE, REASON));
        if (line.help() || line.value(BUNDLE).isEmpty()) {
            System.out.println("usage: varsent promote --bundle FILE [--reason TEXT] [--conf FILE] [--set key=value]...");
            return line.help() ? 0 : 2;
        }
        VarsentConfig config = line.config(null);
        ModelRegistry registry = ModelRegistry.fromConfig(config);
        BundleInfo published = registry.publish(Path.of(line.value(BUNDLE).get()));
        Champion champion = registry.promote(published.version(), Map.of(),
                line.value(REASON).orElse("promoted by hand with varsent promote"));
        try (ModelUpdatePublisher publisher = ModelUpdatePublisher.fromConfig(config)) {
            publisher.announce(ModelUpdate.of(config.get(REGISTRY_MODEL_NAME), champion, published));
        }
        System.out.println("promoted " + champion.version() + " in " + registry.root() + " (previous champion: "
                + (champion.previousVersion() == null ? "none" : champion.previousVersion()) + ") and announced it on "
                + config.get(TOPIC_MODEL_UPDATES));
        return 0;
    }
}
