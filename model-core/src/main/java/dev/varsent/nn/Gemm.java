package dev.varsent.nn;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * c = op(a) op(b) + beta c, written into {@code c} in place. Unlike {@code Nd4j.gemm}, the matmul
 * op accepts views as output, so gate column blocks and time-step row blocks of larger arrays can
 * be written directly.
 */
final class Gemm {
    private static final MMulTranspose NN = new MMulTranspose(false, false, false);
    private static final MMulTranspose TN = new MMulTranspose(true, false, false);
    private static final MMulTranspose NT = new MMulTranspose(false, true, false);

    private Gemm() {}

    /** c = a b + beta c */
    static void ab(INDArray a, INDArray b, INDArray c, double beta) {
        Nd4j.exec(new Mmul(a, b, c, 1.0, beta, NN));
    }

    /** c = a^T b + beta c */
    static void aTb(INDArray a, INDArray b, INDArray c, double beta) {
        Nd4j.exec(new Mmul(a, b, c, 1.0, beta, TN));
    }

    /** c = a b^T + beta c */
    static void abT(INDArray a, INDArray b, INDArray c, double beta) {
        Nd4j.exec(new Mmul(a, b, c, 1.0, beta, NT));
    }
}
