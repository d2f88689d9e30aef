package dev.varsent.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused Java Vector API kernels compute the same forward and backward pass as the ND4J
 * reference (float32; hidden size 20 so both the vector lanes and the scalar tail run).
 */
class FusedKernelTest {

    static List<Arguments> variants() {
        List<Arguments> a = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (DropoutMode mode : DropoutMode.values()) {
                if (mode != DropoutMode.RNNDROP || cell == CellType.LSTM) {
                    a.add(Arguments.of(cell, mode));
                }
            }
        }
        return a;
    }

    @Test
    void vectorKernelsAreSelectedForFloat() {
        assertTrue(VectorSupport.available(), "tests run with --add-modules jdk.incubator.vector");
        assertEquals("VectorGateMath", GateMath.best(DataType.FLOAT).getClass().getSimpleName());
        assertEquals("Nd4jGateMath", GateMath.best(DataType.DOUBLE).getClass().getSimpleName());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variants")
    void fusedKernelsMatchNd4jReference(CellType cell, DropoutMode mode) {
        NetConfig c = new NetConfig(30, 12, 20, 1, cell, mode, 0.25, 0.25, 0.25, 0.25, 0);
        Params p = Params.init(c, DataType.FLOAT, 5);
        Batch batch =
                Batch.of(
                        List.of(
                                new int[] {1, 4, 5, 4, 9, 3, 22, 17},
                                new int[] {1, 7, 7},
                                new int[] {1, 2, 29}),
                        3);
        Masks masks = Masks.sample(c, batch, new SplittableRandom(9), DataType.FLOAT);
        SentimentNetwork ref = new SentimentNetwork(c, new Nd4jGateMath());
        SentimentNetwork fused = new SentimentNetwork(c, VectorSupport.create());

        INDArray dY = org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, batch.rows(), 1);
        SentimentNetwork.Trace a = ref.forward(p, batch, masks);
        SentimentNetwork.Trace b = fused.forward(p, batch, masks);
        assertClose(a.output(), b.output(), "output");
        Params ga = p.zerosLike(), gb = p.zerosLike();
        ref.backward(p, a, dY, ga);
        fused.backward(p, b, dY, gb);
        for (String name : p.asMap().keySet()) {
            assertClose(ga.get(name), gb.get(name), name);
        }
        assertClose(a.output(), fused.output(p, batch, masks), "chunked inference");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1e-3, expected.norm2Number().doubleValue());
        double diff = expected.sub(actual).norm2Number().doubleValue();
        assertTrue(diff / scale < 2e-5, what + ": relative difference " + diff / scale);
    }
}
