package dev.varsent.nn;

/**
 * The recurrent cell; {@code gates} is the number of H-wide gate blocks in the fused weight
 * matrices.
 */
public enum CellType {
    /** Gates in column order i, f, o, g. */
    LSTM(4),
    /**
     * Gates in column order z (update), r (reset), n (candidate); reset applied after the recurrent
     * product.
     */
    GRU(3);

    public final int gates;

    CellType(int gates) {
        this.gates = gates;
    }
}
