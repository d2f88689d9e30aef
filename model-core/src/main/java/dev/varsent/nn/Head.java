package dev.varsent.nn;

/**
 * What the network predicts, and so the columns of its output.
 *
 * <ul>
 *   <li>{@link #GAUSSIAN}: one column, the standardised rating; one noise level for every review
 *       (homoscedastic), estimated after training.
 *   <li>{@link #HETEROSCEDASTIC}: two columns, the standardised rating's mean and the log of its
 *       variance (in standardised units), trained with the Gaussian negative log-likelihood
 *       (Kendall and Gal 2017).
 *   <li>{@link #SOFTMAX}: one logit per class.
 * </ul>
 */
public enum Head {
    GAUSSIAN,
    HETEROSCEDASTIC,
    SOFTMAX;

    public boolean regression() {
        return this != SOFTMAX;
    }
}
