package dev.varsent.nn;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies between ND4J arrays and Java heap arrays for the heap inference path. */
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
