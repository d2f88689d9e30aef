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
    static final Set<String> VALUED = Set.of("data", "out", "name", "seed", "epochs", "batch", "lr", "clip", "vocab",
            "segment", "embedding", "hidden", "cell", "dropout", "p", "weight-decay", "mc", "mc-every", "threads",
            "limit-reviews");

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
        if (argv.contains("--help")) {
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
        TrainingOptions o = options(Args.parse(argv, VALUED, Set.of()));
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

    static TrainingOptions options(Args a) {
        Path dataDir = a.get("data", null) == null ? ScaleData.defaultDir() : Path.of(a.get("data", null));
        TrainingOptions d = TrainingOptions.paper(dataDir, Path.of("models"));
        CellType cell = CellType.valueOf(a.get("cell", d.cell().name()).toUpperCase(Locale.ROOT));
        DropoutMode dropout = DropoutMode.valueOf(a.get("dropout", d.dropout().name())
                .toUpperCase(Locale.ROOT).replace('-', '_'));
        String name = a.get("name", dropout.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                + cell.name().toLowerCase(Locale.ROOT));
        return new TrainingOptions(
                dataDir,
                Path.of(a.get("out", d.outputDir().toString())),
                name,
                a.getLong("seed", d.seed()),
                a.getInt("epochs", d.epochs()),
                a.getInt("batch", d.batchSize()),
                a.getDouble("lr", d.learningRate()),
                a.getDouble("clip", d.clipNorm()),
                a.getInt("vocab", d.vocabSize()),
                a.getInt("segment", d.segmentLength()),
                a.getInt("embedding", d.embeddingSize()),
                a.getInt("hidden", d.hiddenSize()),
                cell,
                dropout,
                a.getDouble("p", d.dropoutP()),
                a.getDouble("weight-decay", d.weightDecay()),
                a.getInt("mc", d.mcSamples()),
                a.getInt("mc-every", d.mcEvalEvery()),
                a.getInt("threads", d.threads()),
                a.getInt("limit-reviews", d.limitReviews()));
    }
}
