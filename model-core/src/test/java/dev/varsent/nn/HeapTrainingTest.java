package dev.varsent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The heap training path (float32) computes the outputs and every parameter's gradient that the
 * ND4J forward and backward pass compute in double precision on the same weights and masks, to
 * float tolerance: the LSTM and the GRU with every dropout mode, readout and regression head, rows
 * left-padded to lengths 11, 6, 3 and 1, batches of 12 rows and of 9 (not whole blocks of 4 rows),
 * hidden sizes 20 and 70 that are not whole column tiles, 9 and 5 input columns that are not whole
 * vectors, and the paper's shape.
 */
class HeapTrainingTest {
    private static final double TOLERANCE = 1e-4;
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
                    for (Head head : List.of(Head.GAUSSIAN, Head.HETEROSCEDASTIC)) {
                        a.add(Arguments.of(cell, mode, readout, head));
                    }
                }
            }
        }
        return a;
    }

    @Test
    void theBestKernelsTrainFloat32OnTheHeapAndTheRestOnNd4j() {
        NetConfig lstm = NetConfig.paper(50, CellType.LSTM, DropoutMode.VARIATIONAL_UNTIED);
        assertInstanceOf(HeapTraining.class, TrainingPath.best(DataType.FLOAT));
        assertNull(TrainingPath.best(DataType.DOUBLE));
        assertTrue(SentimentNetwork.withBestKernels(lstm, DataType.FLOAT).trainsOnHeap());
        NetConfig gru = lstm.withCell(CellType.GRU);
        assertTrue(SentimentNetwork.withBestKernels(gru, DataType.FLOAT).trainsOnHeap());
        assertFalse(SentimentNetwork.withBestKernels(lstm, DataType.DOUBLE).trainsOnHeap());
        assertFalse(SentimentNetwork.withNd4jKernels(lstm).trainsOnHeap());
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("variants")
    void heapGradientsMatchTheNd4jBackward(
            CellType cell, DropoutMode mode, Readout readout, Head head) {
        int outputs = head == Head.HETEROSCEDASTIC ? 2 : 1;
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
            List<int[]> seqs = hidden == 20 ? SEQUENCES : SEQUENCES.subList(0, 3);
            assertSameGradients(c, Batch.of(seqs, 3), hidden);
        }
    }

    /**
     * The paper's model (embedding and hidden 128, untied masks) on 11 rows (not whole blocks of 4)
     * of up to 60 steps, with the Gaussian head's loss.
     */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void heapGradientsMatchAtThePaperShape(CellType cell) {
        NetConfig c = NetConfig.paper(500, cell, DropoutMode.VARIATIONAL_UNTIED);
        SplittableRandom r = new SplittableRandom(1);
        List<int[]> seqs = new ArrayList<>();
        for (int len : new int[] {60, 17, 60, 41, 5, 33, 60, 2, 19, 60, 7}) {
            int[] s = new int[len];
            s[0] = 1;
            for (int j = 1; j < len; j++) {
                s[j] = 3 + r.nextInt(497);
            }
            seqs.add(s);
        }
        assertSameGradients(c, Batch.of(seqs, 1), 2);
    }

    private static void assertSameGradients(NetConfig c, Batch batch, long seed) {
        Params ref = Params.init(c, DataType.DOUBLE, seed);
        SplittableRandom r = new SplittableRandom(seed);
        Nd4j.getRandom().setSeed(seed);
        for (var e : ref.asMap().entrySet()) {
            if (e.getKey().startsWith("b")) {
                INDArray noise = Nd4j.rand(DataType.DOUBLE, e.getValue().shape()).subi(0.5);
                e.getValue().addi(noise.muli(0.4));
            }
        }
        Params p = ref.castTo(DataType.FLOAT);
        ref = p.castTo(DataType.DOUBLE);
        long maskSeed = r.nextLong();
        Masks refMasks = Masks.sample(c, batch, new SplittableRandom(maskSeed), DataType.DOUBLE);
        Masks masks = Masks.sample(c, batch, new SplittableRandom(maskSeed), DataType.FLOAT);
        double[] targets = new double[batch.rows()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = r.nextDouble() * 2 - 1;
        }

        SentimentNetwork nd4j = SentimentNetwork.withNd4jKernels(c);
        SentimentNetwork.Trace expected = nd4j.forward(ref, batch, refMasks);
        INDArray dYRef = Nd4j.create(DataType.DOUBLE, batch.rows(), c.outputs());
        Losses.regression(c.head(), expected.output(), targets, dYRef);
        Params expectedGrads = ref.zerosLike();
        nd4j.backward(ref, expected, dYRef, expectedGrads);

        SentimentNetwork heap = SentimentNetwork.withBestKernels(c, DataType.FLOAT);
        SentimentNetwork.Trace actual = heap.forward(p, batch, masks);
        assertNotNull(actual.heap, "ran on the heap path");
        INDArray dY = Nd4j.create(DataType.FLOAT, batch.rows(), c.outputs());
        Losses.regression(c.head(), actual.output(), targets, dY);
        Params grads = p.zerosLike();
        grads.get(Params.W).assign(7);
        heap.backward(p, actual, dY, grads);

        assertClose("output", expected.output(), actual.output());
        for (String name : ref.asMap().keySet()) {
            assertClose(name, expectedGrads.get(name), grads.get(name));
        }
        actual.release();
    }

    /** Relative error in norm, and the largest difference against the largest entry. */
    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        INDArray diff = expected.sub(actual.castTo(DataType.DOUBLE));
        double scale = Math.max(1e-6, expected.norm2Number().doubleValue());
        double relative = diff.norm2Number().doubleValue() / scale;
        assertTrue(relative < TOLERANCE, what + ": relative difference in norm " + relative);
        double largest = Math.max(1e-6, expected.amaxNumber().doubleValue());
        double worst = diff.amaxNumber().doubleValue() / largest;
        assertTrue(worst < TOLERANCE, what + ": largest difference " + worst + " of the largest");
    }
}
