package dev.varsent.bundle;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor in row-major order.
 *
 * <p>{@code shape} is copied; {@code data} is not (an embedding matrix is tens of megabytes), so
 * the tensor shares its array with whoever built it. Equality and hash code are by content, with
 * {@link Arrays#equals(float[], float[])} semantics (NaN equals NaN, 0.0 differs from -0.0).
 */
public record Tensor(long[] shape, float[] data) {

    public Tensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        long elements = elementCount(shape);
        if (elements != data.length) {
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " holds "
                            + elements
                            + " floats but data has "
                            + data.length);
        }
    }

    /**
     * The number of elements a shape holds, which must fit a Java array.
     *
     * @throws IllegalArgumentException for a negative dimension or more than {@link
     *     Integer#MAX_VALUE} elements
     */
    public static long elementCount(long[] shape) {
        long elements = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            try {
                elements = Math.multiplyExact(elements, dim);
            } catch (ArithmeticException overflow) {
                elements = Long.MAX_VALUE;
            }
        }
        if (elements > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " has more elements than a Java array can hold");
        }
        return elements;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements, the same as {@code data().length}. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor other
                && Arrays.equals(shape, other.shape)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + "(" + data.length + " floats)";
    }
}
