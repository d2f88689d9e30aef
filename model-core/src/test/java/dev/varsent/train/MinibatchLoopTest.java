package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.nn.Adam;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Params;
import dev.varsent.nn.Readout;
import dev.varsent.nn.SentimentNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training with the default passes (the heap path for float32) and with the ND4J passes from the
 * same start, the same batches and the same masks ends at the same parameters: two epochs of three
 * minibatches (six Adam steps with weight decay and clipping), sequences of 1 to 15 tokens.
 */
class MinibatchLoopTest {

    static List<Arguments> configs() {
        return List.of(
                Arguments.of(
                        CellType.LSTM, DropoutMode.VARIATIONAL_UNTIED, Readout.LAST, Head.GAUSSIAN),
                Arguments.of(
                        CellType.LSTM,
                        DropoutMode.VARIATIONAL_TIED,
                        Readout.MEAN,
                        Head.HETEROSCEDASTIC),
                Arguments.of(CellType.LSTM, DropoutMode.NAIVE, Readout.MEAN_MAX, Head.GAUSSIAN),
                Arguments.of(CellType.LSTM, DropoutMode.NONE, Readout.LAST, Head.GAUSSIAN),
                Arguments.of(
                        CellType.GRU, DropoutMode.VARIATIONAL_UNTIED, Readout.LAST, Head.GAUSSIAN),
                Arguments.of(CellType.GRU, DropoutMode.NAIVE, Readout.MEAN, Head.GAUSSIAN));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("configs")
    void heapAndNd4jPassesTrainTheSameParameters(
            CellType cell, DropoutMode mode, Readout readout, Head head) {
        NetConfig net =
                new NetConfig(
                        40,
                        9,
                        20,
                        head == Head.HETEROSCEDASTIC ? 2 : 1,
                        cell,
                        mode,
                        0.25,
                        0.25,
                        0.25,
                        0.25,
                        1e-3,
                        readout,
                        head);
        SplittableRandom r = new SplittableRandom(4);
        List<int[]> seqs = new ArrayList<>();
        double[] targets = new double[38];
        for (int i = 0; i < targets.length; i++) {
            int[] s = new int[1 + r.nextInt(15)];
            s[0] = 1;
            for (int j = 1; j < s.length; j++) {
                s[j] = 3 + r.nextInt(37);
            }
            seqs.add(s);
            targets[i] = r.nextDouble() * 2 - 1;
        }
        Params start = Params.init(net, DataType.FLOAT, 9);
        SentimentNetwork heap = SentimentNetwork.withBestKernels(net, DataType.FLOAT);
        SentimentNetwork nd4j = SentimentNetwork.withNd4jPasses(net, DataType.FLOAT);
        Params a = start.dup(), b = start.dup();
        MinibatchLoop onHeap = new MinibatchLoop(heap, a, new Adam(3e-3, 1.0), 16, rng());
        MinibatchLoop onNd4j = new MinibatchLoop(nd4j, b, new Adam(3e-3, 1.0), 16, rng());
        for (int epoch = 0; epoch < 2; epoch++) {
            double lossHeap = onHeap.epoch(seqs, targets, epoch, null);
            double lossNd4j = onNd4j.epoch(seqs, targets, epoch, null);
            assertEquals(lossNd4j, lossHeap, 1e-5 * Math.abs(lossNd4j), "loss of epoch " + epoch);
        }
        for (String name : start.asMap().keySet()) {
            INDArray moved = b.get(name).sub(start.get(name));
            double apart = a.get(name).sub(b.get(name)).norm2Number().doubleValue();
            double step = moved.norm2Number().doubleValue();
            assertTrue(step > 0, name + " was trained");
            assertTrue(
                    apart < 1e-4 * step,
                    name + ": " + apart + " apart after moving " + step + " from the start");
        }
    }

    private static SplittableRandom rng() {
        return new SplittableRandom(17);
    }
}
