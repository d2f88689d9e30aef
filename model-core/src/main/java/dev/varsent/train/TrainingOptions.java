package dev.varsent.train;

import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.NetConfig;
import java.nio.file.Path;

/**
 * Everything a training run depends on. The defaults are the paper's protocol (Gal and Ghahramani 2016,
 * Sec. 5.2, and the author's Keras example): 200-token segments, 20k vocabulary, embedding and LSTM of 128,
 * batch 128, Adam, p = 0.25 everywhere, weight decay 1e-4, MC dropout with 10 samples at test.
 *
 * @param limitReviews use only the first N reviews after the shuffle (0 = all); for smoke runs
 * @param mcEvalEvery  MC-dropout test evaluation every this many epochs (and always after the last)
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
        double dropoutP,
        double weightDecay,
        int mcSamples,
        int mcEvalEvery,
        int threads,
        int limitReviews) {

    public TrainingOptions {
        if (epochs < 1 || batchSize < 1 || vocabSize < 4 || segmentLength < 2 || mcSamples < 1 || mcEvalEvery < 1
                || threads < 1 || limitReviews < 0) {
            throw new IllegalArgumentException("invalid training options: " + this);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
    }

    public static TrainingOptions paper(Path dataDir, Path outputDir) {
        return new TrainingOptions(dataDir, outputDir, "variational-lstm", 1, 50, 128, 1e-3, 5.0, 20_000, 200,
                128, 128, CellType.LSTM, DropoutMode.VARIATIONAL_UNTIED, 0.25, 1e-4, 10, 5, 1, 0);
    }

    /** The network for a vocabulary of {@code vocabularySize} words (the corpus may have fewer than asked). */
    public NetConfig netConfig(int vocabularySize) {
        double p = dropout == DropoutMode.NONE ? 0 : dropoutP;
        return new NetConfig(vocabularySize, embeddingSize, hiddenSize, 1, cell, dropout, p, p, p, p, weightDecay);
    }

    public TrainingOptions with(String name, CellType cell, DropoutMode dropout, double weightDecay) {
        return new TrainingOptions(dataDir, outputDir, name, seed, epochs, batchSize, learningRate, clipNorm, vocabSize,
                segmentLength, embeddingSize, hiddenSize, cell, dropout, dropoutP, weightDecay, mcSamples, mcEvalEvery,
                threads, limitReviews);
    }
}
