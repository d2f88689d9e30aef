package dev.varsent.cli;

import dev.varsent.data.ScaleData;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Readout;
import dev.varsent.train.TrainingOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of {@code train} that make its {@link TrainingOptions} ({@code @Mixin}): one left out
 * takes the paper's value; the dropout rates and the weight decay the paper's for the dropout mode.
 */
final class TrainingFlags {

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
            description = "Drop probability of embedding word types (default: --p).")
    Double pEmbedding;

    @Option(
            names = "--p-input",
            paramLabel = "P",
            description = "Drop probability of the inputs (default: --p).")
    Double pInput;

    @Option(
            names = "--p-recurrent",
            paramLabel = "P",
            description = "Drop probability of the recurrent state (default: --p).")
    Double pRecurrent;

    @Option(
            names = "--p-output",
            paramLabel = "P",
            description = "Drop probability of the readout (default: --p).")
    Double pOutput;

    @Option(
            names = "--weight-decay",
            paramLabel = "WD",
            description = "L2 weight decay (default: the paper's for the dropout mode).")
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
            description = "MC evaluation every this many epochs (default: 5).")
    Integer mcEvery;

    @Option(names = "--threads", paramLabel = "N", description = "Training threads (default: 1).")
    Integer threads;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the split, initialisation and masks (default: 1).")
    Long seed;

    @Option(
            names = "--limit-reviews",
            paramLabel = "N",
            description = "Read only the first N reviews; 0 = all (default: 0).")
    Integer limitReviews;

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
