package dev.varsent.nn;

/** Where dropout masks go and how often they are drawn. */
public enum DropoutMode {
    /**
     * Gal and Ghahramani: one mask per sequence and gate on x_t and h_{t-1}, reused at every step.
     */
    VARIATIONAL_UNTIED(true, true),
    /**
     * Gal and Ghahramani, tied: one mask on x_t and one on h_{t-1} per sequence, one fused matrix.
     */
    VARIATIONAL_TIED(true, false),
    /** Zaremba et al.: a new mask at every step, on inputs and outputs only. */
    NAIVE(false, false),
    /**
     * Moon et al. rnnDrop: one mask per sequence on the cell state c_t (LSTM only), plus the
     * output.
     */
    RNNDROP(false, false),
    /** No dropout at all. */
    NONE(false, false);

    /** Masks on h_{t-1} and word-type embedding dropout. */
    public final boolean variational;

    /** A separate mask per gate. */
    public final boolean untied;

    DropoutMode(boolean variational, boolean untied) {
        this.variational = variational;
        this.untied = untied;
    }
}
