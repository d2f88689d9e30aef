package dev.varsent.cli;

import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.Readout;
import dev.varsent.retrain.RetrainSettings;
import dev.varsent.train.TrainingOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of {@code active-learning} that make the {@link TrainingOptions} of every round's
 * retrain ({@code @Mixin}); their defaults are the small, strongly regularised net the benchmark
 * was tuned with, not {@code train}'s ({@link TrainingFlags}).
 */
final class ActiveLearningNetFlags {

    @Option(
            names = "--k",
            paramLabel = "K",
            defaultValue = "5",
            description = "MC dropout passes (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "2",
            description = "Epochs of each retrain (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--embedding",
            paramLabel = "N",
            defaultValue = "32",
            description = "Embedding size (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(
            names = "--hidden",
            paramLabel = "N",
            defaultValue = "32",
            description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(
            names = "--vocab",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(
            names = "--segment",
            paramLabel = "TOKENS",
            defaultValue = "200",
            description = "Segment length (default: ${DEFAULT-VALUE}).")
    int segment;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "32",
            description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--lr",
            paramLabel = "RATE",
            defaultValue = "1e-3",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--p",
            paramLabel = "P",
            defaultValue = "0.25",
            description = "Drop probability of all four sites (default: ${DEFAULT-VALUE}).")
    double p;

    @Option(
            names = "--weight-decay",
            paramLabel = "WD",
            defaultValue = "1e-4",
            description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(
            names = "--readout",
            paramLabel = "READOUT",
            description = "last, mean or mean-max (default: the product's," + " mean-max).")
    Readout readout;

    @Option(
            names = "--head",
            paramLabel = "HEAD",
            defaultValue = "gaussian",
            description = "gaussian or heteroscedastic (default: ${DEFAULT-VALUE}).")
    Head head;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;

    /** A variational-untied LSTM with one drop probability for all four sites. */
    TrainingOptions training(Path dataDir, long seed) {
        return new TrainingOptions(
                dataDir,
                Path.of("unused"),
                "active-learning",
                seed,
                epochs,
                batch,
                lr,
                5.0,
                vocab,
                segment,
                embedding,
                hidden,
                CellType.LSTM,
                DropoutMode.VARIATIONAL_UNTIED,
                p,
                p,
                p,
                p,
                weightDecay,
                readout != null ? readout : RetrainSettings.DEFAULT_READOUT,
                head,
                k,
                1,
                threads,
                0);
    }
}
