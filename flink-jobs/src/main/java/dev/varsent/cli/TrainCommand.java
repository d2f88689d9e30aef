package dev.varsent.cli;

import dev.varsent.data.ScaleData;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Nd4jThreads;
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
            "--clip", "--vocab", "--segment", "--embedding", "--hidden", "--cell", "--dropout", "--p", "--weight-decay",
            "--mc", "--mc-every", "--threads", "--limit-reviews");

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
                                 [--dropout variational-untied|variational-tied|naive|rnndrop|none] [--p 0.25]
                                 [--weight-decay 1e-4] [--epochs 50] [--batch 128] [--lr 1e-3] [--clip 5]
                                 [--vocab 20000] [--segment 200] [--embedding 128] [--hidden 128]
                                 [--mc 10] [--mc-every 5] [--threads 1] [--seed 1] [--limit-reviews 0]
                    Defaults are the paper's protocol (Gal & Ghahramani 2016, Sec. 5.2). Re-running with the
                    same --out/--name resumes after the last finished epoch.""");
            return 0;
        }
        TrainingOptions o = options(line);
        Nd4jThreads.set(1);
        PreparedData data = PreparedData.load(o);
        System.out.printf("data: %d reviews -> %d train / %d test segments, vocabulary %d, ratings mean %.3f std %.3f%n",
                data.reviews(), data.trainSequences().size(), data.testSequences().size(), data.vocabulary().size(),
                data.mean(), data.std());
        Trainer trainer = new Trainer(o, System.out);
        SentimentModel model = trainer.run(data);
        System.out.println("model " + model.version() + " -> " + trainer.runDirectory().resolve(Trainer.MODEL_FILE));
        return 0;
    }

    static TrainingOptions options(CommandLine a) throws UsageException {
        Path dataDir = a.value("--data", null) == null ? ScaleData.defaultDir() : Path.of(a.value("--data", null));
        TrainingOptions d = TrainingOptions.paper(dataDir, Path.of("models"));
        CellType cell = CellType.valueOf(a.value("--cell", d.cell().name()).toUpperCase(Locale.ROOT));
        DropoutMode dropout = DropoutMode.valueOf(a.value("--dropout", d.dropout().name())
                .toUpperCase(Locale.ROOT).replace('-', '_'));
        String name = a.value("--name", dropout.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                + cell.name().toLowerCase(Locale.ROOT));
        return new TrainingOptions(
                dataDir,
                Path.of(a.value("--out", d.outputDir().toString())),
                name,
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
                a.doubleValue("--p", d.dropoutP()),
                a.doubleValue("--weight-decay", d.weightDecay()),
                a.intValue("--mc", d.mcSamples()),
                a.intValue("--mc-every", d.mcEvalEvery()),
                a.intValue("--threads", d.threads()),
                a.intValue("--limit-reviews", d.limitReviews()));
    }
}
