package dev.varsent.cli;

import dev.varsent.model.SentimentModel;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.retrain.BaseCorpus;
import dev.varsent.retrain.CalibratedTraining;
import dev.varsent.train.BlendMemberScores;
import dev.varsent.train.ExampleTrainer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code blend}: a trained model made wide-and-deep without retraining its network, as {@code
 * local} and the retrain job do after training ({@link CalibratedTraining#fit(SentimentModel, int,
 * long, int, boolean)}). The network's training side is rebuilt from the base corpus it was trained
 * on (the retrain holdout and the calibration split left out, as {@code local} cut them) and
 * checked against the bundle's data hash.
 */
@Command(
        name = "blend",
        mixinStandardHelpOptions = true,
        description = {
            "Blend a trained model with a bag-of-words ridge fitted on its training data (no retraining).",
            "The model's training side is the base corpus less the retrain holdout and less its calibration split;"
                    + " it must hash to the bundle's provenance. The blend weight is chosen on half of the"
                    + " calibration split and the intervals recalibrated on the other half."
        })
public final class BlendCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            paramLabel = "IN.bundle",
            required = true,
            description = "The trained model.")
    Path in;

    @Option(
            names = "--base-corpus",
            paramLabel = "FILE.jsonl",
            required = true,
            description = "The base corpus the model was trained on.")
    Path corpus;

    @Option(
            names = "--out",
            paramLabel = "OUT.bundle",
            required = true,
            description = "Where the blended model goes.")
    Path out;

    @Option(
            names = "--holdout-percent",
            paramLabel = "P",
            defaultValue = "20",
            description =
                    "The retrain.holdout-percent the model was trained with (default: ${DEFAULT-VALUE}).")
    int holdoutPercent;

    @Mixin McPassesOption passes;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "2",
            description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--members",
            paramLabel = "OUT.jsonl",
            description =
                    "Write the held-out reviews the blend was chosen and calibrated on, each with the network's"
                            + " and the ridge's score, their blend and its rating, one JSON line each, for"
                            + " validating uncertainty signals of the blend on the training side.")
    Path membersOut;

    @Override
    public Integer call() throws Exception {
        Nd4jThreads.set(1);
        SentimentModel model = SentimentModel.load(in);
        if (model.blended()) {
            throw new UsageException(in + " is blended already");
        }
        CalibratedTraining split =
                CalibratedTraining.split(BaseCorpus.trainingSide(corpus, holdoutPercent));
        String sha = ExampleTrainer.sha256(split.train());
        if (!sha.equals(model.provenance().dataSha256())) {
            throw new UsageException(
                    corpus
                            + " less its "
                            + holdoutPercent
                            + " % holdout and calibration split ("
                            + split.train().size()
                            + " examples, SHA-256 "
                            + sha
                            + ") is not what "
                            + model.version()
                            + " was trained on ("
                            + model.provenance().dataSha256()
                            + ")");
        }
        List<BlendMemberScores> members = new ArrayList<>();
        SentimentModel blended = split.blend(model, passes.k, seed, threads, members::addAll);
        if (blended.blended()) {
            blended = blended.withProvenance(model.version() + "-blend", blended.provenance());
        }
        if (membersOut != null) {
            writeMembers(membersOut, members, blended.version());
        }
        blended.save(out);
        System.out.println(
                blended.version()
                        + ": "
                        + blended.provenance().notes().get(CalibratedTraining.NOTE_BLEND));
        System.out.println("-> " + out);
        return ExitCodes.OK;
    }

    private static void writeMembers(Path file, List<BlendMemberScores> members, String version)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (BlendMemberScores m : members) {
                w.write(m.json(version).toString());
                w.newLine();
            }
        }
    }
}
