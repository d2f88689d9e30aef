package dev.varsent.train;

import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Readout;
import java.nio.file.Path;

/**
 * Everything a training run depends on. The defaults ({@link #paper}) are the paper's protocol (Gal
 * and Ghahramani 2016, Sec. 5.2, and the author's Keras example): 200-token segments, 20k
 * vocabulary, embedding and LSTM of 128, last-state readout, batch 128, Adam, MC dropout with 10
 * samples at test; and the regularisation of the paper's appendix for its dropout mode ({@link
 * NetConfig#paperDropout}, {@link NetConfig#paperWeightDecay}): variational p = 0.25 with weight
 * decay 1e-3.
 *
 * @param pEmbedding drop probabilities per site (word-type embedding dropout, x_t, h_{t-1}, the
 *     readout); each mode uses its own sites, and with no dropout all are 0 whatever is given
 * @param readout what the dense layer reads from the recurrent layer
 * @param head a regression head: Gaussian (one output) or heteroscedastic (mean and log variance)
 * @param limitReviews use only the first N reviews after the shuffle (0 = all); for smoke runs
 * @param mcEvalEvery MC-dropout test evaluation every this many epochs (and always after the last)
 */
public record TrainingOptions(
        Path dataDir,
        Path outputDir,
        String name,
        long seed,
        int epochs,
        int batchSize,
        double learningRate,
        double clipNorm,
        int vocabSize,
        int segmentLength,
        int embeddingSize,
        int hiddenSize,
        CellType cell,
        DropoutMode dropout,
        double pEmbedding,
        double pInput,
        double pRecurrent,
        double pOutput,
        double weightDecay,
        Readout readout,
        Head head,
        int mcSamples,
        int mcEvalEvery,
        int threads,
        int limitReviews) {

    public TrainingOptions {
        if (epochs < 1
                || batchSize < 1
                || vocabSize < 4
                || segmentLength < 2
                || mcSamples < 1
                || mcEvalEvery < 1
                || threads < 1
                || limitReviews < 0) {
            throw new IllegalArgumentException("invalid training options: " + this);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException(
                    "learning rate must be positive, got " + learningRate);
        }
        for (double p : new double[] {pEmbedding, pInput, pRecurrent, pOutput}) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException(
                        "dropout probabilities must be in [0, 1), got " + p);
            }
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        readout = readout == null ? Readout.LAST : readout;
        head = head == null ? Head.GAUSSIAN : head;
        if (!head.regression()) {
            throw new IllegalArgumentException(
                    "training fits ratings: the head must be gaussian or heteroscedastic, got "
                            + head);
        }
    }

    /**
     * One drop probability {@code dropoutP} at every site, the paper's last-state readout and a
     * Gaussian head.
     */
    public TrainingOptions(
            Path dataDir,
            Path outputDir,
            String name,
            long seed,
            int epochs,
            int batchSize,
            double learningRate,
            double clipNorm,
            int vocabSize,
            int segmentLength,
            int embeddingSize,
            int hiddenSize,
            CellType cell,
            DropoutMode dropout,
            double dropoutP,
            double weightDecay,
            int mcSamples,
            int mcEvalEvery,
            int threads,
            int limitReviews) {
        this(
                dataDir,
                outputDir,
                name,
                seed,
                epochs,
                batchSize,
                learningRate,
                clipNorm,
                vocabSize,
                segmentLength,
                embeddingSize,
                hiddenSize,
                cell,
                dropout,
                dropoutP,
                dropoutP,
                dropoutP,
                dropoutP,
                weightDecay,
                Readout.LAST,
                Head.GAUSSIAN,
                mcSamples,
                mcEvalEvery,
                threads,
                limitReviews);
    }

    /** The paper's variational LSTM, 50 epochs, MC evaluation every 5. */
    public static TrainingOptions paper(Path dataDir, Path outputDir) {
        DropoutMode mode = DropoutMode.VARIATIONAL_UNTIED;
        return new TrainingOptions(
                dataDir,
                outputDir,
                "variational-lstm",
                1,
                50,
                128,
                1e-3,
                5.0,
                20_000,
                200,
                128,
                128,
                CellType.LSTM,
                mode,
                NetConfig.paperDropout(mode),
                NetConfig.paperWeightDecay(mode),
                10,
                5,
                1,
                0);
    }

    /**
     * The network for a vocabulary of {@code vocabularySize} words (the corpus may have fewer than
     * asked).
     */
    public NetConfig netConfig(int vocabularySize) {
        boolean none = dropout == DropoutMode.NONE;
        return new NetConfig(
                vocabularySize,
                embeddingSize,
                hiddenSize,
                head == Head.HETEROSCEDASTIC ? 2 : 1,
                cell,
                dropout,
                none ? 0 : pEmbedding,
                none ? 0 : pInput,
                none ? 0 : pRecurrent,
                none ? 0 : pOutput,
                weightDecay,
                readout,
                head);
    }

    public TrainingOptions with(
            String name, CellType cell, DropoutMode dropout, double weightDecay) {
        return new TrainingOptions(
                dataDir,
                outputDir,
                name,
                seed,
                epochs,
                batchSize,
                learningRate,
                clipNorm,
                vocabSize,
                segmentLength,
                embeddingSize,
                hiddenSize,
                cell,
                dropout,
                pEmbedding,
                pInput,
                pRecurrent,
                pOutput,
                weightDecay,
                readout,
                head,
                mcSamples,
                mcEvalEvery,
                threads,
                limitReviews);
    }
}
