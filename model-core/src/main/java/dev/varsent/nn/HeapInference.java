package dev.varsent.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inference forward pass on the Java heap with the Vector API, one call of {@link
 * SentimentNetwork#output}: no ND4J call inside the recurrence and no activations kept. For each
 * block of {@link VectorRecurrence#ROWS} rows and each step, the embedding rows are gathered
 * straight from the table's buffer, multiplied by the word-type dropout factors and each mask
 * group's input mask, and laid beside h_{t-1} times the group's recurrent mask; one product per
 * gate over that concatenation and the gate's stacked input and recurrent weights ({@link
 * HeapWeights}, 256 x 128 at the paper's shape, all gates together in L2) gives the gate's
 * pre-activations with the bias, and the gate math, the state update and the readout follow while
 * the block is in L1. Blocks whose rows are all still in their left padding are skipped. Same maths
 * as the ND4J path (summation order aside), which stays the reference.
 */
final class HeapInference implements InferencePath {
    private static final int ROWS = VectorRecurrence.ROWS;
    private static final int TILE = VectorRecurrence.TILE;

    @Override
    public INDArray output(NetConfig config, Params p, Batch b, Masks m) {
        HeapWeights w = new HeapWeights(config, p, TILE);
        HeapMasks masks = new HeapMasks(m, b.rows, config.embeddingSize(), w.paddedHidden);
        INDArray table = p.get(Params.EMBEDDING);
        FloatBuffer view = HeapArrays.view(table);
        INDArray copy = view == null ? table.dup('c') : null;
        try {
            FloatBuffer rows =
                    view != null
                            ? view.position((int) table.offset()).slice()
                            : HeapArrays.view(copy);
            float[] y = new Pass(config, w, masks, b, rows).run();
            return Nd4j.create(y, new long[] {b.rows, config.outputs()}, DataType.FLOAT);
        } finally {
            SentimentNetwork.free(copy);
        }
    }

    /** The state of one forward pass. */
    private static final class Pass {
        private final NetConfig config;
        private final HeapWeights w;
        private final HeapMasks masks;
        private final Batch b;
        private final FloatBuffer table;
        private final boolean lstm;
        private final int e;
        private final int hp;
        private final int depth;
        private final int groups;
        private final float[] h;
        private final float[] c;
        private final float[] sum;
        private final float[] max;

        /**
         * Per mask group: the block's rows of [x * input mask | h_{t-1} * recurrent mask], ROWS x
         * depth.
         */
        private final float[][] a;

        /** The block's pre-activations, ROWS x gates * hp. */
        private final float[] z;

        /** GRU: the block's recurrent part of the candidate, ROWS x hp. */
        private final float[] zhn;

        private final float[] x;

        Pass(NetConfig config, HeapWeights w, HeapMasks masks, Batch b, FloatBuffer table) {
            this.config = config;
            this.w = w;
            this.masks = masks;
            this.b = b;
            this.table = table;
            lstm = config.cell() == CellType.LSTM;
            e = w.embedding;
            hp = w.paddedHidden;
            depth = w.depth;
            groups = masks.recurrent.length;
            int padded = (b.rows + ROWS - 1) / ROWS * ROWS;
            h = new float[padded * hp];
            c = lstm ? new float[padded * hp] : null;
            sum = config.readout() != Readout.LAST ? new float[padded * hp] : null;
            max = config.readout() == Readout.MEAN_MAX ? new float[padded * hp] : null;
            if (max != null) {
                Arrays.fill(max, Float.NEGATIVE_INFINITY);
            }
            a = new float[groups][ROWS * depth];
            z = new float[ROWS * w.gates * hp];
            zhn = lstm ? null : new float[ROWS * hp];
            x = new float[e];
        }

        float[] run() {
            for (int t = 0; t < b.steps; t++) {
                masks.loadStep(t);
                for (int r0 = 0; r0 < b.rows; r0 += ROWS) {
                    int live = 0;
                    for (int i = 0; i < ROWS; i++) {
                        int r = r0 + i;
                        if (r < b.rows && t >= b.start[r]) {
                            live |= 1 << i;
                            gather(t, r, i);
                        }
                    }
                    if (live != 0) {
                        w.preActivations(a, z, zhn);
                        update(r0, live);
                    }
                }
            }
            return dense();
        }

        /** Row i of the block's concatenated inputs, for every mask group. */
        private void gather(int t, int r, int i) {
            int pos = t * b.rows + r;
            float f = masks.embeddingFactors == null ? 1f : masks.embeddingFactors[pos];
            table.get(b.ids[pos] * e, x, 0, e);
            int base = i * depth, so = r * hp;
            for (int g = 0; g < groups; g++) {
                VectorRecurrence.scaled(x, 0, f, masks.input(g), r * e, a[g], base, e);
                VectorRecurrence.scaled(h, so, 1f, masks.recurrent[g], so, a[g], base + e, hp);
            }
        }

        private void update(int r0, int live) {
            int gc = w.gates * hp;
            for (int i = 0; i < ROWS; i++) {
                if ((live & 1 << i) == 0) {
                    continue;
                }
                int s = (r0 + i) * hp;
                if (lstm) {
                    VectorRecurrence.lstmRow(z, i * gc, hp, c, h, s, masks.cell, sum, max);
                } else {
                    VectorRecurrence.gruRow(z, i * gc, zhn, i * hp, hp, h, s, sum, max);
                }
            }
        }

        /**
         * The readout's features times the output mask, through the dense layer: rows x outputs.
         */
        private float[] dense() {
            int hidden = w.hidden, width = config.readoutWidth(), outputs = config.outputs();
            float[] y = new float[b.rows * outputs];
            float[] features = new float[width];
            float[] acc = new float[outputs];
            for (int r = 0; r < b.rows; r++) {
                int s = r * hp;
                if (sum == null) {
                    System.arraycopy(h, s, features, 0, hidden);
                } else {
                    float inv = (float) (1.0 / (b.steps - b.start[r]));
                    for (int j = 0; j < hidden; j++) {
                        features[j] = sum[s + j] * inv;
                    }
                    if (max != null) {
                        System.arraycopy(max, s, features, hidden, hidden);
                    }
                }
                if (masks.output != null) {
                    for (int j = 0; j < width; j++) {
                        features[j] *= masks.output[r * width + j];
                    }
                }
                Arrays.fill(acc, 0f);
                for (int j = 0; j < width; j++) {
                    for (int o = 0; o < outputs; o++) {
                        acc[o] += features[j] * w.denseW[j * outputs + o];
                    }
                }
                for (int o = 0; o < outputs; o++) {
                    y[r * outputs + o] = acc[o] + w.denseB[o];
                }
            }
            return y;
        }
    }
}
