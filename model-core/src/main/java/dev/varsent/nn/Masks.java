package dev.varsent.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dropout masks of one batch, drawn once and then fixed for its forward and backward pass. Mask
 * entries are 0 or 1/(1-p) (inverted dropout, so the deterministic approximation needs no
 * rescaling). A null mask means no dropout there.
 *
 * @param input per mask group: rows x E (one mask per sequence), or steps*rows x E for naive
 *     dropout (a new mask at every step)
 * @param recurrent per mask group: rows x H, on h_{t-1}
 * @param cell rows x H on c_t (rnnDrop)
 * @param output rows x {@link NetConfig#readoutWidth()} on the readout, before the dense layer
 * @param embedding per time-major position: the word-type dropout factor of the token there
 */
public record Masks(
        INDArray[] input, INDArray[] recurrent, INDArray cell, INDArray output, float[] embedding) {

    /** Frees the mask arrays now rather than when the garbage collector finds them. */
    public void release() {
        SentimentNetwork.free(input);
        SentimentNetwork.free(recurrent);
        SentimentNetwork.free(cell, output);
    }

    /** The deterministic dropout approximation: no masks at all. */
    public static Masks none(NetConfig c) {
        return new Masks(
                new INDArray[c.maskGroups()], new INDArray[c.maskGroups()], null, null, null);
    }

    /** Draws the masks of {@code batch} as the configuration's dropout mode prescribes. */
    public static Masks sample(NetConfig c, Batch batch, SplittableRandom rng, DataType dt) {
        int g = c.maskGroups(), n = batch.rows, e = c.embeddingSize(), h = c.hiddenSize();
        INDArray[] input = new INDArray[g];
        INDArray[] recurrent = new INDArray[g];
        INDArray cell = null;
        INDArray output = bernoulli(rng, dt, n, c.readoutWidth(), c.pOutput());
        float[] embedding = null;
        switch (c.dropout()) {
            case VARIATIONAL_TIED, VARIATIONAL_UNTIED -> {
                for (int k = 0; k < g; k++) {
                    input[k] = bernoulli(rng, dt, n, e, c.pInput());
                    recurrent[k] = bernoulli(rng, dt, n, h, c.pRecurrent());
                }
                embedding = wordTypeFactors(batch, c.vocabSize(), c.pEmbedding(), rng);
            }
            case NAIVE -> input[0] = bernoulli(rng, dt, batch.steps * n, e, c.pInput());
            case RNNDROP -> cell = bernoulli(rng, dt, n, h, c.pRecurrent());
            case NONE -> output = null;
        }
        return new Masks(input, recurrent, cell, output, embedding);
    }

    static INDArray bernoulli(SplittableRandom rng, DataType dt, int rows, int cols, double p) {
        if (p == 0) {
            return null;
        }
        float keep = (float) (1.0 / (1.0 - p));
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() < p ? 0f : keep;
        }
        return Nd4j.createFromArray(v).reshape(rows, cols).castTo(dt);
    }

    /**
     * Embedding dropout by word type: one draw per distinct word of a sequence, applied at every
     * position of that word, so at most {@code steps} draws per sequence however large the
     * vocabulary is.
     */
    static float[] wordTypeFactors(Batch batch, int vocabSize, double p, SplittableRandom rng) {
        if (p == 0) {
            return null;
        }
        float keep = (float) (1.0 / (1.0 - p));
        int[] drawnForRow = new int[vocabSize];
        java.util.Arrays.fill(drawnForRow, -1);
        float[] decision = new float[vocabSize];
        float[] factors = new float[batch.ids.length];
        for (int n = 0; n < batch.rows; n++) {
            for (int t = batch.start[n]; t < batch.steps; t++) {
                int pos = t * batch.rows + n;
                int id = batch.ids[pos];
                if (drawnForRow[id] != n) {
                    drawnForRow[id] = n;
                    decision[id] = rng.nextDouble() < p ? 0f : keep;
                }
                factors[pos] = decision[id];
            }
        }
        return factors;
    }
}
