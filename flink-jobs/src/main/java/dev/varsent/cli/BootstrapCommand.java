package dev.varsent.cli;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.local.LocalModel;
import dev.varsent.local.LocalRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code varsent bootstrap [--conf FILE] [--set key=value]...}: what a new deployment needs on disk
 * before its jobs start, made where the jobs will read it (the compose stack's {@code bootstrap}
 * service): the base corpus at {@code retrain.base-corpus} (the scale data's training segments), a
 * small first model at {@code model.location} trained on the train side of the retrain holdout
 * split, and that model as the registry's champion. Each step is skipped when its result is already
 * there, so it can run on every start.
 */
@Command(
        name = "bootstrap",
        mixinStandardHelpOptions = true,
        description = {
            "Before the first start: write the base corpus, train the first model, make it the champion.",
            "Writes retrain.base-corpus from the scale data (VARSENT_DATA_DIR) if it is missing, trains a small"
                    + " first model to model.location if there is none (a few minutes on 2 cores) and makes it the"
                    + " champion of registry.uri if the registry has none. Steps already done are skipped."
        })
public final class BootstrapCommand implements Callable<Integer> {

    @Mixin ConfigurationOptions configuration;

    @Override
    public Integer call() throws Exception {
        VarsentConfig config = configuration.config();
        Path besideModel =
                Path.of(config.get(VarsentOptions.MODEL_LOCATION))
                        .toAbsolutePath()
                        .resolveSibling("base-corpus.jsonl");
        if (LocalRegistry.ensureBaseCorpus(config, besideModel, System.out) == null) {
            System.out.println(
                    "Base corpus: "
                            + config.get(VarsentOptions.RETRAIN_BASE_CORPUS)
                            + " is not a local"
                            + " file: write one with varsent retrain --export-base-corpus FILE and copy it there");
        }
        LocalModel.ensure(config, System.out);
        LocalRegistry.ensureChampion(config, System.out);
        return ExitCodes.OK;
    }
}
