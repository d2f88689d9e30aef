package dev.varsent.cli;

import dev.varsent.bundle.Provenance;
import dev.varsent.data.CalibrationSplit;
import dev.varsent.data.Review;
import dev.varsent.model.UncertaintyFit;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.varsent.data.ScaleData;
import dev.varsent.model.SentimentModel;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code train}: trains one model on the scale data; resumes from the run directory's checkpoint. */
public final class TrainCommand implements Command {
    static final Set<String> VALUED = Set.of("--data", "--out", "--name", "--seed", "--epochs", "--batch", "--lr",
            "--clip", "--vocab", "--segment", "--embedding", "--hidden", "--cell", "--dropout", "--p", "--p-embedding",
            "--p-input", "--p-recurrent", "--p-output", "--weight-decay", "--readout", "--head", "--mc", "--mc-every",
            "--threads", "--limit-reviews", "--calibration");

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a variational LSTM/GRU on the scale data; writes model.bundle, metrics.json, curves.png";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        CommandLine line = CommandLine.parse(argv, VALUED);
        if (line.help()) {
            System.out.println("""
                    usage: train [--data DIR] [--out DIR] [--name NAME] [--cell lstm|gru]
                                 [--dropout variational-untied|variational-tied|naive|rnndrop|none]
                                 [--p P] [--p-embedding P] [--p-input P] [--p-recurrent P] [--p-output P]
                                 [--weight-decay WD] [--readout last|mean|mean-max] [--head gaussian|heteroscedastic]
                                 [--epochs 50] [--batch 128] [--lr 1e-3] [--clip 5]
                                 [--vocab 20000] [--segment 200] [--embedding 128] [--hidden 128]
                                 [--mc 10] [--mc-every 5] [--threads 1] [--seed 1] [--limit-reviews 0]
                                 [--calibration 0.1]
                    Defaults are the paper's protocol (Gal & Ghahramani 2016, Sec. 5.2) with its appendix's
                    regularisation for the dropout mode: variational p 0.25, weight decay 1e-3; naive p 0.5
                    (its masks use the input and output values), weight decay 0; none: p 0, weight decay 1e-4
                    (the author's Keras example); rnndrop p 0.25, weight decay 1e-4. --p sets the drop
                    probability of all four sites (embedding word types, inputs, recurrent state, readout),
                    --p-SITE one of them. --readout last is the paper's last hidden state; mean and mean-max
                    pool the hidden states of all steps. --head heteroscedastic predicts a mean and a
                    variance per review (Gaussian likelihood). The default --name is DROPOUT-CELL, with the
                    readout and head appended when they are not last and gaussian. Re-running with the same
                    --out/--name resumes after the last finished epoch. --calibration F holds out that share of
                    the training side's whole reviews (by a hash of the review id) from training and fits the
                    model's split-conformal intervals and off-domain signal on them before the bundle is
                    saved; --calibration 0 trains on the paper's exact training side and leaves the model
                    uncalibrated (the paper experiment does so).""");
            return 0;
        }
        TrainingOptions o = options(line);
        double calibration = line.doubleValue("--calibration", CalibrationSplit.DEFAULT_FRACTION);
        if (!(calibration >= 0 && calibration < 1)) {
            throw new UsageException("--calibration must lie in [0, 1), got " + calibration);
        }
        Nd4jThreads.set(1);
        PreparedData data = PreparedData.load(o, calibration);
        System.out.printf("data: %d reviews -> %d train / %d test segments, vocabulary %d, ratings mean %.3f std %.3f%n",
                data.reviews(), data.trainSequences().size(), data.testSequences().size(), data.vocabulary().size(),
                data.mean(), data.std());
        Trainer trainer = new Trainer(o, System.out);
        SentimentModel model = trainer.run(data);
        if (!data.calibration().isEmpty()) {
            model = calibrate(model, data, o);
            model.save(trainer.runDirectory().resolve(Trainer.MODEL_FILE));
            System.out.println("calibrated on " + data.calibration().size() + " held-out training-side reviews");
        }
        System.out.println("model " + model.version() + " -> " + trainer.runDirectory().resolve(Trainer.MODEL_FILE));
        return 0;
    }

    /** The fit step on the held-out calibration reviews, with the training's K; the provenance notes say so. */
    private static SentimentModel calibrate(SentimentModel model, PreparedData data, TrainingOptions o) {
        List<String> ids = data.calibration().stream().map(Review::id).toList();
        List<String> texts = data.calibration().stream().map(Review::text).toList();
        double[] ratings = data.calibration().stream().mapToDouble(Review::rating).toArray();
        SentimentModel fitted = UncertaintyFit.fit(model, ids, texts, ratings, data.calibrationSplit(), o.mcSamples(),
                o.seed(), o.threads());
        Provenance p = fitted.provenance();
        Map<String, String> notes = new LinkedHashMap<>(p.notes());
        notes.put("calibration", data.calibrationSplit() + ", held out of training and of the vocabulary");
        notes.put("calibration_examples", Integer.toString(ids.size()));
        return fitted.withProvenance(fitted.version(), new Provenance(p.dataPath(), p.dataSha256(), p.seed(),
                p.epochs(), p.gitCommit(), p.createdAt(), p.trainer(), p.metrics(), notes));
    }

    static TrainingOptions options(CommandLine a) throws UsageException {
        Path dataDir = a.value("--data", null) == null ? ScaleData.defaultDir() : Path.of(a.value("--data", null));
        TrainingOptions d = TrainingOptions.paper(dataDir, Path.of("models"));
        CellType cell = a.choice("--cell", d.cell());
        DropoutMode dropout = a.choice("--dropout", d.dropout());
        Readout readout = a.choice("--readout", d.readout());
        Head head = a.choice("--head", d.head());
        double p = a.doubleValue("--p", NetConfig.paperDropout(dropout));
        return new TrainingOptions(
                dataDir,
                Path.of(a.value("--out", d.outputDir().toString())),
                a.value("--name", defaultName(cell, dropout, readout, head)),
                a.longValue("--seed", d.seed()),
                a.intValue("--epochs", d.epochs()),
                a.intValue("--batch", d.batchSize()),
                a.doubleValue("--lr", d.learningRate()),
                a.doubleValue("--clip", d.clipNorm()),
                a.intValue("--vocab", d.vocabSize()),
                a.intValue("--segment", d.segmentLength()),
                a.intValue("--embedding", d.embeddingSize()),
                a.intValue("--hidden", d.hiddenSize()),
                cell,
                dropout,
                a.doubleValue("--p-embedding", p),
                a.doubleValue("--p-input", p),
                a.doubleValue("--p-recurrent", p),
                a.doubleValue("--p-output", p),
                a.doubleValue("--weight-decay", NetConfig.paperWeightDecay(dropout)),
                readout,
                head,
                a.intValue("--mc", d.mcSamples()),
                a.intValue("--mc-every", d.mcEvalEvery()),
                a.intValue("--threads", d.threads()),
                a.intValue("--limit-reviews", d.limitReviews()));
    }

    private static String defaultName(CellType cell, DropoutMode dropout, Readout readout, Head head) {
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
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
