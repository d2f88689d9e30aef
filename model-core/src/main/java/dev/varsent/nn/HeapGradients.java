package dev.varsent.nn;

/**
 * Writes the heap training path's gradients, in the padded heap layout of {@link HeapBackprop},
 * into the ND4J gradient arrays of {@link Params}.
 */
final class HeapGradients {
    private final NetConfig config;
    private final HeapWeights w;
    private final int hAt;

    /**
     * @param hAt the row of the stacked weight gradient where the recurrent rows begin (E input
     *     rows, then zero rows up to hAt)
     */
    HeapGradients(NetConfig config, HeapWeights w, int hAt) {
        this.config = config;
        this.w = w;
        this.hAt = hAt;
    }

    /**
     * @param dw the gradient of the stacked [W; U] of every gate, (hAt + Hp) x gates * Hp, gate
     *     blocks side by side
     * @param db gates * Hp
     * @param dbh GRU: the recurrent bias's gradient, gates * Hp; else null
     * @param dTable vocabulary x E
     */
    void write(
            float[] dw,
            float[] db,
            float[] dbh,
            float[] dTable,
            float[] dDenseW,
            float[] dDenseB,
            Params grads) {
        int e = w.embedding, hidden = w.hidden, hp = w.paddedHidden;
        int gcPadded = w.gates * hp, gc = config.gateColumns();
        float[] dW = new float[e * gc];
        float[] dU = new float[hidden * gc];
        float[] dB = new float[gc];
        float[] dBh = dbh == null ? null : new float[gc];
        for (int g = 0; g < w.gates; g++) {
            for (int j = 0; j < hidden; j++) {
                int from = g * hp + j, to = g * hidden + j;
                for (int k = 0; k < e; k++) {
                    dW[k * gc + to] = dw[k * gcPadded + from];
                }
                for (int i = 0; i < hidden; i++) {
                    dU[i * gc + to] = dw[(hAt + i) * gcPadded + from];
                }
                dB[to] = db[from];
                if (dBh != null) {
                    dBh[to] = dbh[from];
                }
            }
        }
        HeapArrays.write(dTable, grads.get(Params.EMBEDDING));
        HeapArrays.write(dW, grads.get(Params.W));
        HeapArrays.write(dU, grads.get(Params.U));
        HeapArrays.write(dB, grads.get(Params.B));
        if (dBh != null) {
            HeapArrays.write(dBh, grads.get(Params.BH));
        }
        HeapArrays.write(dDenseW, grads.get(Params.DENSE_W));
        HeapArrays.write(dDenseB, grads.get(Params.DENSE_B));
    }
}
