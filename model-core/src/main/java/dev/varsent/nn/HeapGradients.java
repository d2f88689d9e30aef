package dev.varsent.nn;

/**
 * Writes the heap training path's gradients, in the padded heap layout of {@link HeapWeights}, into
 * the ND4J gradient arrays of {@link Params}.
 */
final class HeapGradients {
    private HeapGradients() {}

    /**
     * @param dw the gradient of the stacked [W; U] of every gate, {@code depth} rows (E input rows,
     *     then the padded hidden ones) x gates * Hp, gate blocks side by side
     * @param db gates * Hp
     * @param dTable vocabulary x E
     */
    static void write(
            NetConfig config,
            HeapWeights w,
            float[] dw,
            int depth,
            float[] db,
            float[] dTable,
            float[] dDenseW,
            float[] dDenseB,
            Params grads) {
        int e = w.embedding, hidden = w.hidden, hp = w.paddedHidden, gates = w.gates;
        int gcPadded = gates * hp, gc = config.gateColumns();
        float[] dW = new float[e * gc];
        float[] dU = new float[hidden * gc];
        float[] dB = new float[gc];
        for (int g = 0; g < gates; g++) {
            for (int j = 0; j < hidden; j++) {
                int from = g * hp + j, to = g * hidden + j;
                for (int k = 0; k < e; k++) {
                    dW[k * gc + to] = dw[k * gcPadded + from];
                }
                for (int i = 0; i < hidden; i++) {
                    dU[i * gc + to] = dw[(e + i) * gcPadded + from];
                }
                dB[to] = db[from];
            }
        }
        HeapArrays.write(dTable, grads.get(Params.EMBEDDING));
        HeapArrays.write(dW, grads.get(Params.W));
        HeapArrays.write(dU, grads.get(Params.U));
        HeapArrays.write(dB, grads.get(Params.B));
        HeapArrays.write(dDenseW, grads.get(Params.DENSE_W));
        HeapArrays.write(dDenseB, grads.get(Params.DENSE_B));
    }
}
