package dev.varsent.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LSTM or GRU training forward pass on the Java heap, with the activations {@link HeapBackprop}
 * needs: the inference path's step ({@link HeapInference}: masked gather of [x | h_{t-1}] per mask
 * group, one stacked product per gate, gate math while the block is in L1), keeping per step the
 * gate activations and h_t of every row, and c_t and tanh(c_t) (LSTM) or the recurrent part of the
 * candidate (GRU). Arrays are time-major with the rows padded to whole blocks; rows in their left
 * padding keep zero state, as in the ND4J path.
 */
final class HeapTrace implements TrainingPath.Pass {
    static final int ROWS = VectorRecurrence.ROWS;

    final NetConfig config;
    final HeapWeights w;
    final HeapMasks masks;
    final Batch b;

    /** The embedding table, row id at id * E. */
    final FloatBuffer table;

    final int rows;
    final int e;
    final int hp;
    final int gc;
    final boolean lstm;

    /** steps x rows x gc: the gate activations, LSTM i, f, o, g or GRU z, r, n. */
    final float[] acts;

    /** (steps + 1) x rows x hp: h_t at block t + 1 (block 0 is h_{-1} = 0). */
    final float[] h;

    /** LSTM: (steps + 1) x rows x hp, c_t at block t + 1; else null. */
    final float[] c;

    /** LSTM: steps x rows x hp, tanh(c_t); else null. */
    final float[] tanhC;

    /** GRU: steps x rows x hp, the recurrent part of the candidate with its bias; else null. */
    final float[] zhn;

    final HeapReadout readout;
    private final INDArray y;

    HeapTrace(NetConfig config, Params p, Batch b, Masks m) {
        this.config = config;
        this.b = b;
        w = new HeapWeights(config, p, VectorRecurrence.TILE);
        masks = new HeapMasks(m, b.rows, config.embeddingSize(), w.paddedHidden);
        table = tableOf(p.get(Params.EMBEDDING));
        rows = (b.rows + ROWS - 1) / ROWS * ROWS;
        e = w.embedding;
        hp = w.paddedHidden;
        gc = w.gates * hp;
        lstm = config.cell() == CellType.LSTM;
        acts = new float[b.steps * rows * gc];
        h = new float[(b.steps + 1) * rows * hp];
        c = lstm ? new float[(b.steps + 1) * rows * hp] : null;
        tanhC = lstm ? new float[b.steps * rows * hp] : null;
        zhn = lstm ? null : new float[b.steps * rows * hp];
        readout = new HeapReadout(config.readout(), b, w.hidden, hp, config.outputs());
        run();
        float[] hLast = new float[b.rows * hp];
        System.arraycopy(h, b.steps * rows * hp, hLast, 0, b.rows * hp);
        float[] out = readout.output(hLast, masks.output, w.denseW, w.denseB);
        y = Nd4j.create(out, new long[] {b.rows, config.outputs()}, DataType.FLOAT);
    }

    /** A view of the table's buffer when it is contiguous float32, else a heap copy. */
    private static FloatBuffer tableOf(INDArray table) {
        FloatBuffer view = HeapArrays.view(table);
        return view != null
                ? view.position((int) table.offset()).slice()
                : FloatBuffer.wrap(HeapArrays.copy(table));
    }

    @Override
    public INDArray output() {
        return y;
    }

    @Override
    public void backward(INDArray dY, Params grads) {
        new HeapBackprop(this).run(HeapArrays.copy(dY), grads);
    }

    /** Whether row r is past its left padding at step t. */
    boolean live(int r, int t) {
        return r < b.rows && t >= b.start[r];
    }

    /**
     * {@code dst[dOff..]} = x_t * factor * input mask of group g of batch row r, and from {@code
     * dOff + hAt} h_{t-1} * recurrent mask of group g; {@code x} receives the embedding row.
     */
    void gather(int t, int r, int g, float[] x, float[] dst, int dOff, int hAt) {
        int pos = t * b.rows + r;
        float f = masks.embeddingFactors == null ? 1f : masks.embeddingFactors[pos];
        table.get(b.ids[pos] * e, x, 0, e);
        int hOff = (t * rows + r) * hp;
        VectorRecurrence.scaled(x, 0, f, masks.input(g), r * e, dst, dOff, e);
        VectorRecurrence.scaled(h, hOff, 1f, masks.recurrent[g], r * hp, dst, dOff + hAt, hp);
    }

    private void run() {
        int groups = masks.recurrent.length, depth = w.depth;
        float[][] a = new float[groups][ROWS * depth];
        float[] z = new float[ROWS * gc];
        float[] zh = lstm ? null : new float[ROWS * hp];
        float[] x = new float[e];
        for (int t = 0; t < b.steps; t++) {
            masks.loadStep(t);
            for (int r0 = 0; r0 < b.rows; r0 += ROWS) {
                int live = 0;
                for (int i = 0; i < ROWS; i++) {
                    if (live(r0 + i, t)) {
                        live |= 1 << i;
                        for (int g = 0; g < groups; g++) {
                            gather(t, r0 + i, g, x, a[g], i * depth, e);
                        }
                    }
                }
                if (live == 0) {
                    continue;
                }
                w.preActivations(a, z, zh);
                for (int i = 0; i < ROWS; i++) {
                    if ((live & 1 << i) != 0) {
                        step(t, r0 + i, z, i * gc, zh, i * hp);
                    }
                }
            }
        }
    }

    private void step(int t, int r, float[] z, int zOff, float[] zh, int zhOff) {
        int prev = (t * rows + r) * hp, next = ((t + 1) * rows + r) * hp, at = (t * rows + r) * gc;
        if (lstm) {
            VectorBackprop.lstmForward(
                    z, zOff, hp, c, prev, next, masks.cell, r * hp, acts, at, tanhC, prev, h, next);
        } else {
            VectorBackprop.gruForward(z, zOff, zh, zhOff, hp, h, prev, next, acts, at, zhn, prev);
        }
        readout.step(r, t, h, next);
    }
}
