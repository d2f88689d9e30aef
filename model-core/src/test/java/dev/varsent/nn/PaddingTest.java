package dev.varsent.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Left padding changes neither a sequence's output nor any gradient, whatever the readout. */
class PaddingTest {
    private static final int[] SHORT = {1, 4, 9, 2, 7};
    private static final int[] LONG = {1, 3, 3, 8, 5, 6, 2, 9, 4, 4, 7, 1, 5};

    static List<Arguments> cellsAndReadouts() {
        List<Arguments> a = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (Readout readout : Readout.values()) {
                a.add(Arguments.of(cell, readout));
            }
        }
        return a;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cellsAndReadouts")
    void aShortSequenceScoresTheSameAloneAndPaddedInABatch(CellType cell, Readout readout) {
        NetConfig c =
                new NetConfig(
                        10,
                        6,
                        5,
                        1,
                        cell,
                        DropoutMode.VARIATIONAL_UNTIED,
                        0.25,
                        0.25,
                        0.25,
                        0.25,
                        0,
                        readout,
                        Head.GAUSSIAN);
        Params p = Params.init(c, DataType.DOUBLE, 3);
        SentimentNetwork net = new SentimentNetwork(c, new Nd4jGateMath());
        double alone = net.output(p, Batch.of(List.of(SHORT), 1), Masks.none(c)).getDouble(0);
        INDArray both = net.output(p, Batch.of(List.of(LONG, SHORT), 1), Masks.none(c));
        assertEquals(alone, both.getDouble(1, 0), 1e-12);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cellsAndReadouts")
    void paddingDoesNotLeakIntoGradients(CellType cell, Readout readout) {
        NetConfig c =
                new NetConfig(
                        10, 6, 5, 1, cell, DropoutMode.NONE, 0, 0, 0, 0, 0, readout, Head.GAUSSIAN);
        Params p = Params.init(c, DataType.DOUBLE, 3);
        SentimentNetwork net = new SentimentNetwork(c, new Nd4jGateMath());
        Params gShort = grads(net, p, Batch.of(List.of(SHORT), 1));
        Params gLong = grads(net, p, Batch.of(List.of(LONG), 1));
        Params gBoth = grads(net, p, Batch.of(List.of(LONG, SHORT), 1));
        for (String name : p.asMap().keySet()) {
            INDArray sum = gShort.get(name).add(gLong.get(name));
            double diff = sum.sub(gBoth.get(name)).norm2Number().doubleValue();
            assertTrue(diff < 1e-10, name + ": padded batch gradient differs by " + diff);
        }
        assertEquals(
                0.0,
                gBoth.get(Params.EMBEDDING).getRow(Batch.PAD).norm2Number().doubleValue(),
                0.0,
                "the PAD embedding gets no gradient");
    }

    private static Params grads(SentimentNetwork net, Params p, Batch b) {
        SentimentNetwork.Trace tr = net.forward(p, b, Masks.none(net.config()));
        Params g = p.zerosLike();
        net.backward(p, tr, Nd4j.ones(DataType.DOUBLE, b.rows(), 1), g);
        return g;
    }
}
