package dev.varsent.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Training losses, averaged over the rows; each returns the loss and writes dL/dy. */
public final class Losses {
    private Losses() {
    }

    /** Mean squared error of a single output against {@code targets}. */
    public static double meanSquaredError(INDArray y, double[] targets, INDArray dY) {
        INDArray t = Nd4j.createFromArray(targets).reshape(targets.length, 1).castTo(y.dataType());
        INDArray diff = y.sub(t);
        double loss = diff.mul(diff).sumNumber().doubleValue() / targets.length;
        dY.assign(diff.muli(2.0 / targets.length));
        return loss;
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

    /** Adds the L2 prior lambda * sum(w^2) over every weight to the gradients; returns its value. */
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
