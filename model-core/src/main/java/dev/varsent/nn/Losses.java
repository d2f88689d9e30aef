package dev.varsent.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Training losses, averaged over the rows; each returns the loss and writes dL/dy. */
public final class Losses {
    private Losses() {}

    /** Mean squared error of a single output against {@code targets}. */
    public static double meanSquaredError(INDArray y, double[] targets, INDArray dY) {
        INDArray t = Nd4j.createFromArray(targets).reshape(targets.length, 1).castTo(y.dataType());
        INDArray diff = y.sub(t);
        double loss = diff.mul(diff).sumNumber().doubleValue() / targets.length;
        dY.assign(diff.muli(2.0 / targets.length));
        return loss;
    }

    /**
     * Bounds of the log variance inside {@link #gaussianNll}: a variance between e^-8 and e^8 times
     * the training ratings' variance (a std from 0.018 to 55 times theirs), far beyond any sensible
     * prediction.
     */
    public static final double MIN_LOG_VARIANCE = -8;

    public static final double MAX_LOG_VARIANCE = 8;

    /**
     * The loss of a regression head against standardised {@code targets}: MSE or the Gaussian NLL.
     */
    public static double regression(Head head, INDArray y, double[] targets, INDArray dY) {
        return switch (head) {
            case GAUSSIAN -> meanSquaredError(y, targets, dY);
            case HETEROSCEDASTIC -> gaussianNll(y, targets, dY);
            case SOFTMAX ->
                    throw new IllegalArgumentException("a softmax head is not a regression head");
        };
    }

    /**
     * Gaussian negative log-likelihood of a heteroscedastic head (Kendall and Gal 2017), without
     * the constant: per row 0.5 (exp(-s) (t - mu)^2 + s) with column 0 the mean mu and column 1 the
     * log variance s, averaged over the rows. For stability s is clamped to [{@link
     * #MIN_LOG_VARIANCE}, {@link #MAX_LOG_VARIANCE}]: the loss is that of the clamped value, so
     * outside the bounds s gets no gradient (the network cannot push it further out) and exp(-s)
     * cannot overflow.
     */
    public static double gaussianNll(INDArray y, double[] targets, INDArray dY) {
        int rows = targets.length;
        if (y.rows() != rows || y.columns() != 2) {
            throw new IllegalArgumentException(
                    "a heteroscedastic head has 2 columns per row, got "
                            + y.rows()
                            + " x "
                            + y.columns()
                            + " for "
                            + rows
                            + " targets");
        }
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            double mu = y.getDouble(r, 0), s = y.getDouble(r, 1);
            double clamped = Math.max(MIN_LOG_VARIANCE, Math.min(MAX_LOG_VARIANCE, s));
            double precision = Math.exp(-clamped), diff = mu - targets[r];
            loss += 0.5 * (precision * diff * diff + clamped);
            dY.putScalar(r, 0, precision * diff / rows);
            dY.putScalar(r, 1, clamped == s ? 0.5 * (1 - precision * diff * diff) / rows : 0);
        }
        return loss / rows;
    }

    /** Softmax cross-entropy against class indices. */
    public static double softmaxCrossEntropy(INDArray logits, int[] labels, INDArray dY) {
        INDArray p = Transforms.softmax(logits, true);
        double loss = 0;
        for (int r = 0; r < labels.length; r++) {
            loss -= Math.log(Math.max(p.getDouble(r, labels[r]), 1e-30));
            p.putScalar(r, labels[r], p.getDouble(r, labels[r]) - 1.0);
        }
        dY.assign(p.divi(labels.length));
        return loss / labels.length;
    }

    /**
     * Adds the L2 prior lambda * sum(w^2) over every weight to the gradients; returns its value.
     */
    public static double addWeightDecay(Params params, Params grads, double lambda) {
        if (lambda == 0) {
            return 0;
        }
        double sum = 0;
        for (var e : params.asMap().entrySet()) {
            INDArray w = e.getValue();
            sum += w.mul(w).sumNumber().doubleValue();
            grads.get(e.getKey()).addi(w.mul(2 * lambda));
        }
        return lambda * sum;
    }
}
