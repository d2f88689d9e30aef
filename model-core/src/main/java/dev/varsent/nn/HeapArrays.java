package dev.varsent.nn;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between ND4J arrays and Java heap arrays for the heap inference and training paths. */
final class HeapArrays {
    private HeapArrays() {}

    /** The elements of a float32 matrix in C order, as a new heap array. */
    static float[] copy(INDArray a) {
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("the heap path needs float32, got " + a.dataType());
        }
        INDArray d = a.dup('c');
        float[] f = d.data().asFloat();
        d.close();
        return f;
    }

    /**
     * rows x cols into a rows x stride heap array, the columns beyond cols zero (vector-width
     * padding).
     */
    static float[] copyPadded(INDArray a, int stride) {
        float[] f = copy(a);
        int rows = (int) a.rows(), cols = (int) a.columns();
        if (stride == cols) {
            return f;
        }
        float[] out = new float[rows * stride];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(f, r * cols, out, r * stride, cols);
        }
        return out;
    }

    /**
     * Writes the C-order elements {@code src} into the float32 array {@code dst}: straight into its
     * buffer when it is contiguous, else through a temporary.
     */
    static void write(float[] src, INDArray dst) {
        if (src.length != dst.length()) {
            throw new IllegalArgumentException(
                    src.length + " values for an array of " + dst.length());
        }
        FloatBuffer view = view(dst);
        if (view != null) {
            view.put((int) dst.offset(), src);
            return;
        }
        INDArray tmp = Nd4j.create(src, dst.shape(), DataType.FLOAT);
        dst.assign(tmp);
        tmp.close();
    }

    /**
     * A float view of a C-order, contiguous float32 matrix's off-heap buffer, or null if it is not
     * one.
     */
    static FloatBuffer view(INDArray a) {
        if (a.dataType() != DataType.FLOAT
                || a.ordering() != 'c'
                || a.rank() != 2
                || a.stride(1) != 1
                || (a.rows() > 1 && a.stride(0) != a.columns())) {
            return null;
        }
        return a.data().asNio().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }
}
