package dev.varsent.cli;

import dev.varsent.data.CalibrationSplit;
import dev.varsent.data.Review;
import dev.varsent.model.SentimentModel;
import dev.varsent.model.UncertaintyFit;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.train.PreparedData;
import dev.varsent.train.Trainer;
import dev.varsent.train.TrainingOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: trains one model on the scale data; resumes from the run directory's checkpoint.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a variational LSTM/GRU on the scale data: a model bundle, per-epoch metrics and curves.",
            "Defaults are the paper's protocol (Gal & Ghahramani 2016, Sec. 5.2) with its appendix's regularisation"
                    + " for the dropout mode: variational p 0.25, weight decay 1e-3; naive p 0.5 (its masks use the"
                    + " input and output values), weight decay 0; none: p 0, weight decay 1e-4 (the author's Keras"
                    + " example); rnndrop p 0.25, weight decay 1e-4. Re-running with the same --out/--name resumes"
                    + " after the last finished epoch."
        })
public final class TrainCommand implements Callable<Integer> {

    @Mixin TrainingFlags training;

    @Option(
            names = "--calibration",
            paramLabel = "F",
            description =
                    "Share of the training side's whole reviews"
                            + " (by a hash of the review id) held out of training to fit the split-conformal intervals and the"
                            + " off-domain signal; 0 trains on the paper's exact training side, uncalibrated (default: 0.1).")
    Double calibration;

    @Override
    public Integer call() throws Exception {
        TrainingOptions o = options();
        double heldOut = calibration != null ? calibration : CalibrationSplit.DEFAULT_FRACTION;
        if (!(heldOut >= 0 && heldOut < 1)) {
            throw new UsageException("--calibration must lie in [0, 1), got " + heldOut);
        }
        Nd4jThreads.set(1);
        PreparedData prepared = PreparedData.load(o, heldOut);
        System.out.printf(
                "data: %d reviews -> %d train / %d test segments, vocabulary %d, ratings mean %.3f std %.3f%n",
                prepared.reviews(),
                prepared.trainSequences().size(),
                prepared.testSequences().size(),
                prepared.vocabulary().size(),
                prepared.mean(),
                prepared.std());
        Trainer trainer = new Trainer(o, System.out);
        SentimentModel model = trainer.run(prepared);
        if (!prepared.calibration().isEmpty()) {
            model = calibrate(model, prepared, o);
            model.save(trainer.runDirectory().resolve(Trainer.MODEL_FILE));
            System.out.println(
                    "calibrated on "
                            + prepared.calibration().size()
                            + " held-out training-side reviews");
        }
        System.out.println(
                "model "
                        + model.version()
                        + " -> "
                        + trainer.runDirectory().resolve(Trainer.MODEL_FILE));
        return ExitCodes.OK;
    }

    /**
     * The fit step on the held-out calibration reviews, with the training's K; the provenance notes
     * say so.
     */
    private static SentimentModel calibrate(
            SentimentModel model, PreparedData data, TrainingOptions o) {
        List<String> ids = data.calibration().stream().map(Review::id).toList();
        List<String> texts = data.calibration().stream().map(Review::text).toList();
        double[] ratings = data.calibration().stream().mapToDouble(Review::rating).toArray();
        SentimentModel fitted =
                UncertaintyFit.fit(
                        model,
                        ids,
                        texts,
                        ratings,
                        data.calibrationSplit(),
                        o.mcSamples(),
                        o.seed(),
                        o.threads());
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(
                "calibration",
                data.calibrationSplit() + ", held out of training and of the vocabulary");
        notes.put("calibration_examples", Integer.toString(ids.size()));
        return fitted.withProvenance(fitted.version(), fitted.provenance().withNotes(notes));
    }

    /** The training options: the paper's protocol, with what the command line sets. */
    TrainingOptions options() {
        return training.options();
    }
}
