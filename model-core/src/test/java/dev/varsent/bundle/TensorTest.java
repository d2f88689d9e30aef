package dev.varsent.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void shapeMustMatchDataLength() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Tensor(new long[] {2, 3}, new float[5]));
        assertEquals("shape [2, 3] holds 6 floats but data has 5", e.getMessage());
    }

    @Test
    void negativeAndOversizedShapesAreRejected() {
        IllegalArgumentException negative =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Tensor(new long[] {3, -1}, new float[0]));
        assertEquals("shape [3, -1] has a negative dimension", negative.getMessage());

        IllegalArgumentException huge =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Tensor(new long[] {1L << 32, 1L << 32}, new float[0]));
        assertEquals(
                "shape [4294967296, 4294967296] has more elements than a Java array can hold",
                huge.getMessage());
    }

    @Test
    void scalarsAndEmptyTensorsAreValid() {
        assertEquals(0, new Tensor(new long[] {}, new float[] {1f}).rank());
        assertEquals(0, new Tensor(new long[] {0, 128}, new float[0]).size());
        assertEquals(
                0,
                Tensor.elementCount(new long[] {1L << 40, 1L << 40, 0}),
                "a zero dimension wins over overflow");
    }

    @Test
    void equalityIsByContent() {
        Tensor a = new Tensor(new long[] {2, 2}, new float[] {1, 2, Float.NaN, 4});
        Tensor b = new Tensor(new long[] {2, 2}, new float[] {1, 2, Float.NaN, 4});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Tensor(new long[] {4}, new float[] {1, 2, Float.NaN, 4}));
        assertNotEquals(a, new Tensor(new long[] {2, 2}, new float[] {1, 2, Float.NaN, 5}));
    }

    @Test
    void shapeIsCopiedButDataIsShared() {
        long[] shape = {3};
        float[] data = {1, 2, 3};
        Tensor t = new Tensor(shape, data);
        shape[0] = 99;
        t.shape()[0] = 42;
        assertArrayEquals(new long[] {3}, t.shape());
        assertSame(data, t.data());
    }

    @Test
    void toStringIsShort() {
        assertEquals(
                "Tensor[20000, 128](2560000 floats)",
                new Tensor(new long[] {20_000, 128}, new float[2_560_000]).toString());
    }
}
