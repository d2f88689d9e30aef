package dev.varsent.cli;

import dev.varsent.model.SentimentModel;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.retrain.BaseCorpus;
import dev.varsent.retrain.CalibratedTraining;
import dev.varsent.retrain.HoldoutSplit;
import dev.varsent.retrain.TrainingExample;
import dev.varsent.train.ExampleTrainer;
import dev.varsent.train.LabelledText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code blend}: a trained model made wide-and-deep without retraining its network, as {@code local} and the
 * retrain job do after training ({@link CalibratedTraining#fit(SentimentModel, int, long, int, boolean)}). The
 * network's training side is rebuilt from the base corpus it was trained on (the retrain holdout and the
 * calibration split left out, as {@code local} cut them) and checked against the bundle's data hash.
 */
public final class BlendCommand implements Command {
    @Override
    public String name() {
        return "blend";
    }

    @Override
    public String summary() {
        return "blend a trained model with a bag-of-words ridge fitted on its training data (no retraining)";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        CommandLine a = CommandLine.parse(argv, Set.of("--model", "--base-corpus", "--out", "--holdout-percent", "--k",
                "--seed", "--threads"));
        if (a.help()) {
            System.out.println("""
                    usage: blend --model IN.bundle --base-corpus FILE.jsonl --out OUT.bundle [--holdout-percent 20]
                                 [--k 10] [--seed 1] [--threads 2]
                    The model's training side is the base corpus less the retrain holdout (--holdout-percent, the
                    retrain.holdout-percent the model was trained with) and less its calibration split; it must hash
                    to the bundle's provenance. A bag-of-words ridge is fitted on it, the blend weight chosen on half
                    of the calibration split and the intervals recalibrated on the other half, with K MC samples.""");
            return 0;
        }
        String in = a.value("--model", null);
        String corpus = a.value("--base-corpus", null);
        String out = a.value("--out", null);
        if (in == null || corpus == null || out == null) {
            throw new UsageException("--model, --base-corpus and --out are required");
        }
        int holdoutPercent = a.intValue("--holdout-percent", 20);
        Nd4jThreads.set(1);
        SentimentModel model = SentimentModel.load(Path.of(in));
        if (model.blended()) {
            throw new UsageException(in + " is blended already");
        }
        List<LabelledText> trainingSide = new ArrayList<>();
        for (TrainingExample example : BaseCorpus.read(Path.of(corpus))) {
            if (!HoldoutSplit.isHoldout(example.id(), holdoutPercent)) {
                trainingSide.add(example.toLabelledText());
            }
        }
        CalibratedTraining split = CalibratedTraining.split(trainingSide);
        String sha = ExampleTrainer.sha256(split.train());
        if (!sha.equals(model.provenance().dataSha256())) {
            throw new UsageException(corpus + " less its " + holdoutPercent + " % holdout and calibration split ("
                    + split.train().size() + " examples, SHA-256 " + sha + ") is not what " + model.version()
                    + " was trained on (" + model.provenance().dataSha256() + ")");
        }
        SentimentModel blended = split.blend(model, a.intValue("--k", 10), a.longValue("--seed", 1),
                a.intValue("--threads", 2));
        if (blended.blended()) {
            blended = blended.withProvenance(model.version() + "-blend", blended.provenance());
        }
        blended.save(Path.of(out));
        System.out.println(blended.version() + ": " + blended.provenance().notes().get(CalibratedTraining.NOTE_BLEND));
        System.out.println("-> " + out);
        return 0;
    }
}
