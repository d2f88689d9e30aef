package dev.varsent.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LSTM training forward pass on the Java heap, with the activations {@link HeapBackprop} needs:
 * the inference path's step ({@link HeapInference}: masked gather of [x | h_{t-1}] per mask group,
 * one stacked product per gate, gate math while the block is in L1), keeping per step the gate
 * activations, c_t, tanh(c_t) and h_t of every row. Arrays are time-major with the rows padded to
 * whole blocks; rows in their left padding keep zero state, as in the ND4J path.
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

    /** steps x rows x gc: the gate activations i, f, o, g. */
    final float[] acts;

    /** (steps + 1) x rows x hp: c_t at block t + 1 (block 0 is c_{-1} = 0). */
    final float[] c;

    /** (steps + 1) x rows x hp: h_t at block t + 1. */
    final float[] h;

    /** steps x rows x hp. */
    final float[] tanhC;

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
        acts = new float[b.steps * rows * gc];
        c = new float[(b.steps + 1) * rows * hp];
        h = new float[(b.steps + 1) * rows * hp];
        tanhC = new float[b.steps * rows * hp];
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
     * Row i of {@code dst} (stride {@code stride}) = [x_t * factor * input mask of group g |
     * h_{t-1} * recurrent mask of group g] of batch row r; {@code x} receives the embedding row.
     */
    void gather(int t, int r, int g, float[] x, float[] dst, int dOff) {
        int pos = t * b.rows + r;
        float f = masks.embeddingFactors == null ? 1f : masks.embeddingFactors[pos];
        table.get(b.ids[pos] * e, x, 0, e);
        int hOff = (t * rows + r) * hp;
        VectorRecurrence.scaled(x, 0, f, masks.input(g), r * e, dst, dOff, e);
        VectorRecurrence.scaled(h, hOff, 1f, masks.recurrent[g], r * hp, dst, dOff + e, hp);
    }

    private void run() {
        int groups = masks.recurrent.length, depth = w.depth;
        float[][] a = new float[groups][ROWS * depth];
        float[] z = new float[ROWS * gc];
        float[] x = new float[e];
        for (int t = 0; t < b.steps; t++) {
            masks.loadStep(t);
            for (int r0 = 0; r0 < b.rows; r0 += ROWS) {
                int live = 0;
                for (int i = 0; i < ROWS; i++) {
                    if (live(r0 + i, t)) {
                        live |= 1 << i;
                        for (int g = 0; g < groups; g++) {
                            gather(t, r0 + i, g, x, a[g], i * depth);
                        }
                    }
                }
                if (live == 0) {
                    continue;
                }
                for (int g = 0; g < w.gates; g++) {
                    float[] in = a[groups == 1 ? 0 : g];
                    for (int j = 0; j < hp; j += VectorRecurrence.TILE) {
                        int col = g * hp + j;
                        VectorRecurrence.tile(
                                in, 0, depth, w.gate[g], j, hp, 0, depth, w.bias, col, z, col, gc);
                    }
                }
                for (int i = 0; i < ROWS; i++) {
                    if ((live & 1 << i) != 0) {
                        step(t, r0 + i, z, i * gc);
                    }
                }
            }
        }
    }

    private void step(int t, int r, float[] z, int zOff) {
        int prev = (t * rows + r) * hp, next = ((t + 1) * rows + r) * hp;
        VectorBackprop.lstmForward(
                z,
                zOff,
                hp,
                c,
                prev,
                next,
                masks.cell,
                r * hp,
                acts,
                (t * rows + r) * gc,
                tanhC,
                prev,
                h,
                next);
        readout.step(r, t, h, next);
    }
}
