package dev.varsent.nn;

/** What the dense layer reads from the recurrent layer. */
public enum Readout {
    /** The last hidden state (the paper's model). */
    LAST,
    /** The mean of the hidden states of all non-padded steps. */
    MEAN,
    /**
     * The mean and the element-wise max of the hidden states of all non-padded steps, concatenated.
     */
    MEAN_MAX;

    /** Width of the dense layer's input for a recurrent layer of {@code hidden} units. */
    public int width(int hidden) {
        return this == MEAN_MAX ? 2 * hidden : hidden;
    }
}
