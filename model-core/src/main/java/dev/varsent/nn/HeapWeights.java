package dev.varsent.nn;

/**
 * The recurrent layer's and the dense layer's weights on the Java heap, laid out for {@link
 * VectorRecurrence}: per gate one (E + Hp) x Hp matrix, the gate's input weights stacked on its
 * recurrent ones, so the input and the recurrent product of a step are one product over K = E + Hp.
 * Hp is the hidden size rounded up to the kernel's column tile; the padding columns and rows are
 * zero, so padded state columns stay zero.
 */
final class HeapWeights {
    final int embedding;
    final int hidden;
    final int paddedHidden;
    final int depth;
    final int gates;

    /** Per gate: depth x paddedHidden, row-major. */
    final float[][] gate;

    /** gates x paddedHidden: b, and for the GRU's z and r gates also bh (their recurrent bias). */
    final float[] bias;

    /**
     * GRU only: the candidate's recurrent bias (applied inside the reset gate), paddedHidden; else
     * null.
     */
    final float[] candidateBias;

    final float[] denseW;
    final float[] denseB;

    HeapWeights(NetConfig c, Params p, int tile) {
        embedding = c.embeddingSize();
        hidden = c.hiddenSize();
        paddedHidden = (hidden + tile - 1) / tile * tile;
        depth = embedding + paddedHidden;
        gates = c.cell().gates;
        int gc = c.gateColumns();
        float[] w = HeapArrays.copy(p.get(Params.W));
        float[] u = HeapArrays.copy(p.get(Params.U));
        float[] b = HeapArrays.copy(p.get(Params.B));
        float[] bh = c.cell() == CellType.GRU ? HeapArrays.copy(p.get(Params.BH)) : null;
        gate = new float[gates][depth * paddedHidden];
        bias = new float[gates * paddedHidden];
        candidateBias = bh == null ? null : new float[paddedHidden];
        for (int g = 0; g < gates; g++) {
            float[] m = gate[g];
            for (int j = 0; j < hidden; j++) {
                int col = g * hidden + j;
                for (int e = 0; e < embedding; e++) {
                    m[e * paddedHidden + j] = w[e * gc + col];
                }
                for (int i = 0; i < hidden; i++) {
                    m[(embedding + i) * paddedHidden + j] = u[i * gc + col];
                }
                bias[g * paddedHidden + j] = b[col] + (bh != null && g < 2 ? bh[col] : 0f);
                if (bh != null && g == 2) {
                    candidateBias[j] = bh[col];
                }
            }
        }
        denseW = HeapArrays.copy(p.get(Params.DENSE_W));
        denseB = HeapArrays.copy(p.get(Params.DENSE_B));
    }

    /**
     * A block's pre-activations from its stacked inputs {@code a} (one per mask group, or one for
     * all gates): one product per gate and column tile into {@code z} (rows x gates * Hp); the
     * GRU's candidate in two, its input part into z and its recurrent part into {@code zh} (rows x
     * Hp).
     */
    void preActivations(float[][] a, float[] z, float[] zh) {
        int hp = paddedHidden, gc = gates * hp;
        for (int g = 0; g < gates; g++) {
            float[] in = a[a.length == 1 ? 0 : g];
            for (int j = 0; j < hp; j += VectorRecurrence.TILE) {
                int col = g * hp + j;
                if (candidateBias != null && g == 2) {
                    VectorRecurrence.tile(
                            in, 0, depth, gate[g], j, hp, 0, embedding, bias, col, z, col, gc);
                    VectorRecurrence.tile(
                            in,
                            0,
                            depth,
                            gate[g],
                            j,
                            hp,
                            embedding,
                            depth,
                            candidateBias,
                            j,
                            zh,
                            j,
                            hp);
                } else {
                    VectorRecurrence.tile(
                            in, 0, depth, gate[g], j, hp, 0, depth, bias, col, z, col, gc);
                }
            }
        }
    }
}
