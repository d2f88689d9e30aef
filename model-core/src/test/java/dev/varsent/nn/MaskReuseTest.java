package dev.varsent.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The variational masks are drawn once per sequence and reused at every step; naive ones are not.
 */
class MaskReuseTest {

    @Test
    void variationalTiedLstmMatchesAStepByStepReferenceUsingTheSameMasksAtEveryStep() {
        NetConfig c =
                new NetConfig(
                        9,
                        4,
                        3,
                        1,
                        CellType.LSTM,
                        DropoutMode.VARIATIONAL_TIED,
                        0.4,
                        0.4,
                        0.4,
                        0.4,
                        0);
        Params p = Params.init(c, DataType.DOUBLE, 2);
        int[] seq = {1, 3, 5, 3, 8, 3};
        Batch b = Batch.of(List.of(seq), 1);
        Masks m = Masks.sample(c, b, new SplittableRandom(4), DataType.DOUBLE);
        double got = new SentimentNetwork(c, new Nd4jGateMath()).output(p, b, m).getDouble(0);

        INDArray w = p.get(Params.W), u = p.get(Params.U), bias = p.get(Params.B);
        INDArray h = Nd4j.zeros(DataType.DOUBLE, 1, 3), cell = Nd4j.zeros(DataType.DOUBLE, 1, 3);
        for (int t = 0; t < seq.length; t++) {
            INDArray x = p.get(Params.EMBEDDING).getRow(seq[t]).reshape(1, 4).mul(m.embedding()[t]);
            INDArray z = x.mul(m.input()[0]).mmul(w).add(h.mul(m.recurrent()[0]).mmul(u)).add(bias);
            INDArray i = Transforms.sigmoid(z.get(all(), interval(0, 3)));
            INDArray f = Transforms.sigmoid(z.get(all(), interval(3, 6)));
            INDArray o = Transforms.sigmoid(z.get(all(), interval(6, 9)));
            INDArray g = Transforms.tanh(z.get(all(), interval(9, 12)));
            cell = f.mul(cell).add(i.mul(g));
            h = o.mul(Transforms.tanh(cell));
        }
        double expected =
                h.mul(m.output())
                        .mmul(p.get(Params.DENSE_W))
                        .add(p.get(Params.DENSE_B))
                        .getDouble(0);
        assertEquals(expected, got, 1e-12);
    }

    @Test
    void inputMaskIsIdenticalAtEveryStepForVariationalAndFreshForNaive() {
        int steps = 7, rows = 3, e = 16;
        INDArray x = Nd4j.ones(DataType.FLOAT, steps * rows, e);
        SplittableRandom rng = new SplittableRandom(1);
        INDArray perSequence = Masks.bernoulli(rng, DataType.FLOAT, rows, e, 0.5);
        INDArray masked =
                SentimentNetwork.applyInputMask(
                        x,
                        perSequence,
                        0,
                        steps,
                        rows,
                        Nd4j.create(DataType.FLOAT, steps * rows, e));
        for (int t = 0; t < steps; t++) {
            assertEquals(
                    perSequence,
                    masked.get(interval(t * rows, (t + 1) * rows), all()),
                    "step " + t);
        }
        NetConfig c =
                new NetConfig(50, e, 4, 1, CellType.LSTM, DropoutMode.NAIVE, 0, 0.5, 0, 0.5, 0);
        Batch b = Batch.of(List.of(new int[steps], new int[steps], new int[steps]), 1);
        Masks naive = Masks.sample(c, b, rng, DataType.FLOAT);
        assertEquals(steps * rows, naive.input()[0].rows(), "naive draws a mask per step");
        assertNotEquals(
                naive.input()[0].get(interval(0, rows), all()),
                naive.input()[0].get(interval(rows, 2 * rows), all()));
        assertNull(naive.recurrent()[0], "naive dropout has no recurrent mask");
        assertNull(naive.embedding(), "naive dropout has no embedding dropout");
    }

    @Test
    void untiedModeDrawsOneMaskPerGateOnInputsAndState() {
        NetConfig c =
                new NetConfig(
                        50,
                        8,
                        8,
                        1,
                        CellType.LSTM,
                        DropoutMode.VARIATIONAL_UNTIED,
                        0.5,
                        0.5,
                        0.5,
                        0.5,
                        0);
        Batch b = Batch.of(List.of(new int[] {1, 4, 5}), 1);
        Masks m = Masks.sample(c, b, new SplittableRandom(3), DataType.FLOAT);
        assertEquals(4, m.input().length);
        assertEquals(4, m.recurrent().length);
        assertNotEquals(m.input()[0], m.input()[1]);
        assertNotEquals(m.recurrent()[2], m.recurrent()[3]);
        assertEquals(
                3,
                Masks.sample(
                                c.withDropout(DropoutMode.VARIATIONAL_UNTIED)
                                        .withCell(CellType.GRU),
                                b,
                                new SplittableRandom(3),
                                DataType.FLOAT)
                        .recurrent()
                        .length);
    }

    @Test
    void embeddingDropoutDropsWordTypesNotTokens() {
        // "the dog and the cat" many times over: 'the' is either dropped at both places or at
        // neither.
        int the = 3, dog = 4, and = 5, cat = 6;
        int[] seq = {1, the, dog, and, the, cat};
        List<int[]> seqs = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            seqs.add(seq);
        }
        Batch b = Batch.of(seqs, 1);
        float[] f = Masks.wordTypeFactors(b, 10, 0.5, new SplittableRandom(5));
        int droppedThe = 0;
        for (int n = 0; n < b.rows(); n++) {
            float first = f[1 * b.rows() + n], second = f[4 * b.rows() + n];
            assertEquals(first, second, "row " + n + ": both occurrences of 'the' share one draw");
            if (first == 0f) {
                droppedThe++;
            }
            assertTrue(f[2 * b.rows() + n] == 0f || f[2 * b.rows() + n] == 2f);
        }
        assertTrue(
                droppedThe > 150 && droppedThe < 250,
                "about half the sequences drop 'the': " + droppedThe);
    }
}
