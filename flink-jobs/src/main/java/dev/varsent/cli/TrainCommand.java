package dev.varsent.cli;

import dev.varsent.data.CalibrationSplit;
import dev.varsent.data.Review;
import dev.varsent.data.ScaleData;
import dev.varsent.model.SentimentModel;
import dev.varsent.model.UncertaintyFit;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Readout;
import dev.varsent.train.PreparedData;
import dev.varsent.train.Trainer;
import dev.varsent.train.TrainingOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "The scale data (default: VARSENT_DATA_DIR, else"
                            + " shared/data/scaledata in this or a parent directory).")
    Path data;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "models",
            description = "Where the run directory goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description =
                    "The run directory's name (default: DROPOUT-CELL,"
                            + " with the readout and head appended when they are not last and gaussian).")
    String name;

    @Option(names = "--cell", paramLabel = "CELL", description = "lstm or gru (default: lstm).")
    CellType cell;

    @Option(
            names = "--dropout",
            paramLabel = "MODE",
            description =
                    "variational-untied, variational-tied, naive,"
                            + " rnndrop or none (default: variational-untied).")
    DropoutMode dropout;

    @Option(
            names = "--p",
            paramLabel = "P",
            description =
                    "Drop probability of all four sites (embedding word types,"
                            + " inputs, recurrent state, readout; default: the paper's for the dropout mode).")
    Double p;

    @Option(
            names = "--p-embedding",
            paramLabel = "P",
            description = "Drop probability of embedding word types" + " (default: --p).")
    Double pEmbedding;

    @Option(
            names = "--p-input",
            paramLabel = "P",
            description = "Drop probability of the inputs (default: --p).")
    Double pInput;

    @Option(
            names = "--p-recurrent",
            paramLabel = "P",
            description = "Drop probability of the recurrent state" + " (default: --p).")
    Double pRecurrent;

    @Option(
            names = "--p-output",
            paramLabel = "P",
            description = "Drop probability of the readout (default: --p).")
    Double pOutput;

    @Option(
            names = "--weight-decay",
            paramLabel = "WD",
            description = "L2 weight decay (default: the paper's for the" + " dropout mode).")
    Double weightDecay;

    @Option(
            names = "--readout",
            paramLabel = "READOUT",
            description =
                    "last (the paper's last hidden state), mean or"
                            + " mean-max (pool the hidden states of all steps; default: last).")
    Readout readout;

    @Option(
            names = "--head",
            paramLabel = "HEAD",
            description =
                    "gaussian, or heteroscedastic (a mean and a variance"
                            + " per review, Gaussian likelihood; default: gaussian).")
    Head head;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: 50).")
    Integer epochs;

    @Option(
            names = "--batch",
            paramLabel = "N",
            description = "Sequences per batch (default: 128).")
    Integer batch;

    @Option(
            names = "--lr",
            paramLabel = "RATE",
            description = "Adam's learning rate (default: 1e-3).")
    Double lr;

    @Option(names = "--clip", paramLabel = "NORM", description = "Gradient norm clip (default: 5).")
    Double clip;

    @Option(names = "--vocab", paramLabel = "N", description = "Vocabulary size (default: 20000).")
    Integer vocab;

    @Option(
            names = "--segment",
            paramLabel = "TOKENS",
            description = "Segment length (default: 200).")
    Integer segment;

    @Option(names = "--embedding", paramLabel = "N", description = "Embedding size (default: 128).")
    Integer embedding;

    @Option(names = "--hidden", paramLabel = "N", description = "Hidden units (default: 128).")
    Integer hidden;

    @Option(
            names = "--mc",
            paramLabel = "K",
            description = "MC dropout passes of the evaluations (default: 10).")
    Integer mc;

    @Option(
            names = "--mc-every",
            paramLabel = "EPOCHS",
            description = "MC evaluation every this many epochs" + " (default: 5).")
    Integer mcEvery;

    @Option(names = "--threads", paramLabel = "N", description = "Training threads (default: 1).")
    Integer threads;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the split, initialisation and masks" + " (default: 1).")
    Long seed;

    @Option(
            names = "--limit-reviews",
            paramLabel = "N",
            description = "Read only the first N reviews; 0 = all" + " (default: 0).")
    Integer limitReviews;

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
        Path dataDir = data != null ? data : ScaleData.defaultDir();
        TrainingOptions d = TrainingOptions.paper(dataDir, Path.of("models"));
        CellType c = or(cell, d.cell());
        DropoutMode mode = or(dropout, d.dropout());
        Readout r = or(readout, d.readout());
        Head h = or(head, d.head());
        double all = or(p, NetConfig.paperDropout(mode));
        return new TrainingOptions(
                dataDir,
                out,
                or(name, defaultName(c, mode, r, h)),
                or(seed, d.seed()),
                or(epochs, d.epochs()),
                or(batch, d.batchSize()),
                or(lr, d.learningRate()),
                or(clip, d.clipNorm()),
                or(vocab, d.vocabSize()),
                or(segment, d.segmentLength()),
                or(embedding, d.embeddingSize()),
                or(hidden, d.hiddenSize()),
                c,
                mode,
                or(pEmbedding, all),
                or(pInput, all),
                or(pRecurrent, all),
                or(pOutput, all),
                or(weightDecay, NetConfig.paperWeightDecay(mode)),
                r,
                h,
                or(mc, d.mcSamples()),
                or(mcEvery, d.mcEvalEvery()),
                or(threads, d.threads()),
                or(limitReviews, d.limitReviews()));
    }

    private static <T> T or(T given, T otherwise) {
        return given != null ? given : otherwise;
    }

    private static String defaultName(
            CellType cell, DropoutMode dropout, Readout readout, Head head) {
        String name = lower(dropout) + "-" + lower(cell);
        if (readout != Readout.LAST) {
            name += "-" + lower(readout);
        }
        if (head != Head.GAUSSIAN) {
            name += "-" + lower(head);
        }
        return name;
    }

    private static String lower(Enum<?> e) {
        return LowerDashEnumConverter.name(e);
    }
}
