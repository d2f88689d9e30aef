package dev.varsent.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise math of one recurrent step, forward and backward. Every array is a C-order row
 * block (rows = sequences in the batch); gate blocks lie side by side in the columns in {@link
 * CellType} order. A row is inactive at step t when {@code t < start[row]} (left padding): its
 * state stays zero and its gradients are zero, so padding changes neither results nor gradients.
 * {@code start == null}: all active.
 */
interface GateMath {

    /**
     * LSTM step. On entry {@code zx} holds the input part of the pre-activations (bias included)
     * and {@code zh} the recurrent part; on exit {@code zx} holds the gate activations i, f, o, g.
     * c = m_c * (f * cPrev + i * g) with the optional rnnDrop mask m_c; h = o * tanh(c).
     */
    void lstmForward(
            INDArray zx,
            INDArray zh,
            INDArray cPrev,
            INDArray cellMask,
            INDArray c,
            INDArray tanhC,
            INDArray h,
            int[] start,
            int t);

    /**
     * LSTM step backward. {@code dh}: dL/dh_t (read). {@code dc}: dL/dc_t from step t+1 on entry,
     * dL/dc_{t-1} on exit. {@code dz}: receives dL/d(pre-activations).
     */
    void lstmBackward(
            INDArray acts,
            INDArray cPrev,
            INDArray tanhC,
            INDArray cellMask,
            INDArray dh,
            INDArray dc,
            INDArray dz,
            int[] start,
            int t);

    /**
     * GRU step (reset after the recurrent product, as cuDNN and Keras' reset_after): z = s(xz +
     * hz), r = s(xr + hr), n = tanh(xn + r * hn), h = (1 - z) * n + z * hPrev. On exit {@code zx}
     * holds z, r, n; {@code zh} (recurrent part, its bias included) is kept for backward.
     */
    void gruForward(INDArray zx, INDArray zh, INDArray hPrev, INDArray h, int[] start, int t);

    /**
     * GRU step backward: from dL/dh_t writes dL/d(input pre-activations) to {@code dzx},
     * dL/d(recurrent pre-activations) to {@code dzh}, and the direct part dL/dh_t * z of
     * dL/dh_{t-1} to {@code dhPrev}.
     */
    void gruBackward(
            INDArray acts,
            INDArray zh,
            INDArray hPrev,
            INDArray dh,
            INDArray dzx,
            INDArray dzh,
            INDArray dhPrev,
            int[] start,
            int t);

    /**
     * The fused Java Vector API kernels where they can run (float32 in host memory, the module
     * present), else ND4J operations (double precision, or device memory on the CUDA backend).
     */
    static GateMath best(DataType dataType) {
        boolean hostMemory =
                org.nd4j.linalg.factory.Nd4j.getBackend()
                        .getClass()
                        .getSimpleName()
                        .startsWith("Cpu");
        if (dataType == DataType.FLOAT && hostMemory && VectorSupport.available()) {
            return VectorSupport.create();
        }
        return new Nd4jGateMath();
    }
}
