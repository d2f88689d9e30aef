package dev.varsent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pooled readouts against a reference built from the last-state network: the hidden state after
 * step t is the last state of the sequence's first t + 1 tokens, and an identity dense layer shows
 * the readout itself.
 */
class ReadoutTest {
    private static final int H = 5;

    @ParameterizedTest
    @EnumSource(CellType.class)
    void meanAndMaxAreTakenOverTheLiveStepsOfEachRow(CellType cell) {
        NetConfig lastNet = config(cell, Readout.LAST, H);
        NetConfig pooledNet = config(cell, Readout.MEAN_MAX, 2 * H);
        Params last = identityDense(Params.init(lastNet, DataType.DOUBLE, 4), H);
        Params pooled =
                sharedRecurrence(
                        last, identityDense(Params.init(pooledNet, DataType.DOUBLE, 4), 2 * H));
        SentimentNetwork lastState = new SentimentNetwork(lastNet, new Nd4jGateMath());
        SentimentNetwork pooling = new SentimentNetwork(pooledNet, new Nd4jGateMath());

        int[] longSeq = randomSequence(40, 1), shortSeq = randomSequence(7, 2);
        // 40 steps: inference runs in chunks; the short row is padded for 33 of them.
        INDArray got =
                pooling.output(
                        pooled, Batch.of(List.of(longSeq, shortSeq), 1), Masks.none(pooledNet));
        int row = 0;
        for (int[] seq : List.of(longSeq, shortSeq)) {
            double[] mean = new double[H], max = new double[H];
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int t = 1; t <= seq.length; t++) {
                INDArray h =
                        lastState.output(
                                last,
                                Batch.of(List.of(Arrays.copyOf(seq, t)), 1),
                                Masks.none(lastNet));
                for (int j = 0; j < H; j++) {
                    mean[j] += h.getDouble(0, j) / seq.length;
                    max[j] = Math.max(max[j], h.getDouble(0, j));
                }
            }
            for (int j = 0; j < H; j++) {
                assertEquals(
                        mean[j], got.getDouble(row, j), 1e-12, "mean, row " + row + " unit " + j);
                assertEquals(
                        max[j], got.getDouble(row, H + j), 1e-12, "max, row " + row + " unit " + j);
            }
            row++;
        }
    }

    @ParameterizedTest
    @EnumSource(Readout.class)
    void chunkedInferenceGivesTheTrainingPassOutputs(Readout readout) {
        NetConfig c =
                new NetConfig(
                        30,
                        6,
                        H,
                        2,
                        CellType.LSTM,
                        DropoutMode.VARIATIONAL_UNTIED,
                        0.3,
                        0.3,
                        0.3,
                        0.3,
                        0,
                        readout,
                        Head.HETEROSCEDASTIC);
        Params p = Params.init(c, DataType.DOUBLE, 2);
        SentimentNetwork net = new SentimentNetwork(c, new Nd4jGateMath());
        Batch b =
                Batch.of(
                        List.of(randomSequence(60, 3), randomSequence(31, 4), randomSequence(2, 5)),
                        3);
        Masks m = Masks.sample(c, b, new SplittableRandom(8), DataType.DOUBLE);
        assertEquals(c.readoutWidth(), m.output().columns());
        INDArray inference = net.output(p, b, m);
        INDArray training = net.forward(p, b, m).output();
        double diff = inference.sub(training).amaxNumber().doubleValue();
        assertTrue(diff < 1e-12, "inference and training outputs differ by " + diff);
    }

    /**
     * The training path in float32 with the fused kernels, against double precision with the ND4J
     * ones.
     */
    @ParameterizedTest
    @EnumSource(Readout.class)
    void floatTrainingGradientsAgreeWithDoublePrecision(Readout readout) {
        NetConfig c =
                new NetConfig(
                        30,
                        6,
                        H,
                        2,
                        CellType.LSTM,
                        DropoutMode.VARIATIONAL_UNTIED,
                        0.3,
                        0.3,
                        0.3,
                        0.3,
                        0,
                        readout,
                        Head.HETEROSCEDASTIC);
        Params p64 = Params.init(c, DataType.DOUBLE, 2);
        Params p32 = p64.castTo(DataType.FLOAT);
        Batch b =
                Batch.of(
                        List.of(randomSequence(30, 3), randomSequence(9, 4), randomSequence(1, 5)),
                        2);
        double[] targets = {0.5, -0.5, 1.0, -1.0, 0.2, 0.0};
        Params g64 =
                grads(
                        new SentimentNetwork(c, new Nd4jGateMath()),
                        p64,
                        b,
                        c,
                        targets,
                        DataType.DOUBLE);
        Params g32 =
                grads(
                        SentimentNetwork.withBestKernels(c, DataType.FLOAT),
                        p32,
                        b,
                        c,
                        targets,
                        DataType.FLOAT);
        for (String name : p64.asMap().keySet()) {
            INDArray a = g64.get(name), f = g32.get(name).castTo(DataType.DOUBLE);
            double scale = Math.max(1e-3, a.amaxNumber().doubleValue());
            double diff = a.sub(f).amaxNumber().doubleValue();
            assertTrue(
                    diff < 1e-4 * scale + 1e-6,
                    name + ": float and double gradients differ by " + diff);
        }
    }

    private static Params grads(
            SentimentNetwork net, Params p, Batch b, NetConfig c, double[] targets, DataType dt) {
        Masks m = Masks.sample(c, b, new SplittableRandom(8), dt);
        SentimentNetwork.Trace tr = net.forward(p, b, m);
        INDArray dY = Nd4j.create(dt, b.rows(), 2);
        Losses.gaussianNll(tr.output(), targets, dY);
        Params g = p.zerosLike();
        net.backward(p, tr, dY, g);
        return g;
    }

    @Test
    void theDenseLayerReadsTheReadoutWidth() {
        NetConfig c = config(CellType.GRU, Readout.MEAN_MAX, 2);
        assertEquals(2 * H, c.readoutWidth());
        assertArrayEquals(new long[] {2 * H, 2}, Params.shapes(c).get(Params.DENSE_W));
        assertArrayEquals(
                new long[] {2 * H, 2},
                Params.init(c, DataType.FLOAT, 1).get(Params.DENSE_W).shape());
        assertEquals(H, config(CellType.GRU, Readout.MEAN, 2).readoutWidth());
    }

    private static NetConfig config(CellType cell, Readout readout, int outputs) {
        return new NetConfig(
                30, 6, H, outputs, cell, DropoutMode.NONE, 0, 0, 0, 0, 0, readout, Head.SOFTMAX);
    }

    /** Dense weights I and bias 0: the outputs are the readout itself. */
    private static Params identityDense(Params p, int width) {
        p.get(Params.DENSE_W).assign(Nd4j.eye(width).castTo(DataType.DOUBLE));
        p.get(Params.DENSE_B).assign(0);
        return p;
    }

    /** {@code target} with the embedding and recurrent weights of {@code source}. */
    private static Params sharedRecurrence(Params source, Params target) {
        for (var e : source.asMap().entrySet()) {
            if (!e.getKey().equals(Params.DENSE_W) && !e.getKey().equals(Params.DENSE_B)) {
                target.get(e.getKey()).assign(e.getValue());
            }
        }
        return target;
    }

    private static int[] randomSequence(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] s = new int[length];
        s[0] = 1;
        for (int i = 1; i < length; i++) {
            s[i] = 3 + r.nextInt(27);
        }
        return s;
    }
}
