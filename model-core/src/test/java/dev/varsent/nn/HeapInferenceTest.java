package dev.varsent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.nd4j.linalg.factory.Nd4j;

/**
 * The heap Vector API inference path computes what the ND4J forward pass computes, to float
 * tolerance: every cell, dropout mode, readout and head, with left-padded rows, drawn masks and the
 * deterministic approximation. Hidden sizes 20 and 70 are not whole column tiles (the padded
 * columns must stay inert); 5 and 9 input columns are not whole vectors.
 */
class HeapInferenceTest {
    private static final List<int[]> SEQUENCES =
            List.of(
                    new int[] {1, 4, 5, 4, 9, 3, 22, 17, 8, 2, 6},
                    new int[] {1, 7, 7},
                    new int[] {1},
                    new int[] {1, 2, 29, 11, 3, 3});

    static List<Arguments> variants() {
        List<Arguments> a = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (DropoutMode mode : DropoutMode.values()) {
                if (mode == DropoutMode.RNNDROP && cell != CellType.LSTM) {
                    continue;
                }
                for (Readout readout : Readout.values()) {
                    for (Head head : Head.values()) {
                        a.add(Arguments.of(cell, mode, readout, head));
                    }
                }
            }
        }
        return a;
    }

    @Test
    void theBestKernelsServeFloatInferenceFromTheHeapPath() {
        assertInstanceOf(HeapInference.class, InferencePath.best(DataType.FLOAT));
        assertNull(InferencePath.best(DataType.DOUBLE));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("variants")
    void heapPathMatchesTheNd4jForwardPass(
            CellType cell, DropoutMode mode, Readout readout, Head head) {
        int outputs = head == Head.GAUSSIAN ? 1 : head == Head.HETEROSCEDASTIC ? 2 : 3;
        for (int hidden : new int[] {20, 70}) {
            NetConfig c =
                    new NetConfig(
                            30,
                            hidden == 20 ? 9 : 5,
                            hidden,
                            outputs,
                            cell,
                            mode,
                            0.25,
                            0.25,
                            0.25,
                            0.25,
                            0,
                            readout,
                            head);
            Batch batch = Batch.of(SEQUENCES, 3);
            Masks masks = Masks.sample(c, batch, new SplittableRandom(hidden), DataType.FLOAT);
            assertSame(c, batch, masks, 3e-5);
            assertSame(c, batch, Masks.none(c), 3e-5);
        }
    }

    /** The paper's shape (embedding and hidden 128, untied masks, K = 10) over 60 steps. */
    @Test
    void heapPathMatchesAtThePaperShape() {
        NetConfig c = NetConfig.paper(500, CellType.LSTM, DropoutMode.VARIATIONAL_UNTIED);
        SplittableRandom r = new SplittableRandom(1);
        List<int[]> seqs = new ArrayList<>();
        for (int len : new int[] {60, 17, 60, 41, 5}) {
            int[] s = new int[len];
            s[0] = 1;
            for (int j = 1; j < len; j++) {
                s[j] = 3 + r.nextInt(497);
            }
            seqs.add(s);
        }
        Batch batch = Batch.of(seqs, 10);
        assertSame(c, batch, Masks.sample(c, batch, r, DataType.FLOAT), 1e-4);
    }

    private static void assertSame(NetConfig c, Batch batch, Masks masks, double tolerance) {
        Params p = Params.init(c, DataType.FLOAT, 5);
        p.get(Params.B).addi(Nd4j.rand(DataType.FLOAT, p.get(Params.B).shape()).subi(0.5));
        if (p.has(Params.BH)) {
            p.get(Params.BH).addi(Nd4j.rand(DataType.FLOAT, p.get(Params.BH).shape()).subi(0.5));
        }
        INDArray expected = new SentimentNetwork(c, new Nd4jGateMath()).output(p, batch, masks);
        INDArray actual = new HeapInference().output(c, p, batch, masks);
        assertArrayEquals(expected.shape(), actual.shape());
        double scale = Math.max(1e-3, expected.norm2Number().doubleValue());
        double diff = expected.sub(actual).norm2Number().doubleValue();
        assertTrue(diff / scale < tolerance, "relative difference " + diff / scale);
        double maxAbs = expected.sub(actual).amaxNumber().doubleValue();
        double bound = tolerance * Math.max(1, expected.amaxNumber().doubleValue());
        assertTrue(maxAbs < bound, "largest difference " + maxAbs);
    }
}
