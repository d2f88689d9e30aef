package dev.varsent.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite differences in double precision against the hand-written backpropagation through time, for
 * every cell and dropout variant, with masks drawn once and held fixed; sequences of different
 * lengths exercise the left padding. The loss is the sum of the outputs weighted by fixed random
 * coefficients, so dL/dy is known exactly and every path (embedding dropout, input and recurrent
 * masks, cell mask, output head) is checked; then every readout with every head, each with its own
 * training loss.
 */
class GradientCheckTest {
    private static final double EPS = 1e-6;

    static List<Arguments> variants() {
        List<Arguments> a = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (DropoutMode mode : DropoutMode.values()) {
                if (mode == DropoutMode.RNNDROP && cell != CellType.LSTM) {
                    continue;
                }
                a.add(Arguments.of(cell, mode, 1));
            }
            a.add(Arguments.of(cell, DropoutMode.VARIATIONAL_UNTIED, 3));
        }
        return a;
    }

    @ParameterizedTest(name = "{0} {1} outputs={2}")
    @MethodSource("variants")
    void analyticGradientsMatchFiniteDifferences(CellType cell, DropoutMode mode, int outputs) {
        NetConfig c = new NetConfig(11, 5, 4, outputs, cell, mode, 0.3, 0.3, 0.3, 0.3, 0);
        Batch batch =
                Batch.of(
                        List.of(
                                new int[] {1, 4, 5, 4, 9, 3},
                                new int[] {1, 7, 7},
                                new int[] {1, 2, 10, 3, 6}),
                        2);
        INDArray coeff = Nd4j.rand(DataType.DOUBLE, batch.rows(), outputs).subi(0.5);
        check(
                c,
                batch,
                (y, dY) -> {
                    dY.assign(coeff);
                    return y.mul(coeff).sumNumber().doubleValue();
                },
                40,
                100);
    }

    static List<Arguments> readoutsAndHeads() {
        List<Arguments> a = new ArrayList<>();
        for (Readout readout : Readout.values()) {
            for (Head head : Head.values()) {
                for (CellType cell : CellType.values()) {
                    for (DropoutMode mode :
                            List.of(
                                    DropoutMode.VARIATIONAL_UNTIED,
                                    DropoutMode.VARIATIONAL_TIED,
                                    DropoutMode.NAIVE)) {
                        a.add(Arguments.of(readout, head, cell, mode));
                    }
                }
            }
        }
        return a;
    }

    /** Each head with its own training loss, so the loss gradients are checked end to end too. */
    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("readoutsAndHeads")
    void everyReadoutAndHeadMatchesFiniteDifferences(
            Readout readout, Head head, CellType cell, DropoutMode mode) {
        int outputs = head == Head.GAUSSIAN ? 1 : head == Head.HETEROSCEDASTIC ? 2 : 3;
        NetConfig c =
                new NetConfig(11, 5, 4, outputs, cell, mode, 0.3, 0.3, 0.3, 0.3, 0, readout, head);
        // Lengths 6, 3 and 1 (a row that is all padding but its last step) with 2 rows each.
        Batch batch =
                Batch.of(
                        List.of(new int[] {1, 4, 5, 4, 9, 3}, new int[] {1, 7, 7}, new int[] {1}),
                        2);
        SplittableRandom r = new SplittableRandom(5);
        double[] targets = new double[batch.rows()];
        int[] labels = new int[batch.rows()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = r.nextDouble() * 2 - 1;
            labels[i] = r.nextInt(outputs);
        }
        check(
                c,
                batch,
                (y, dY) ->
                        head == Head.SOFTMAX
                                ? Losses.softmaxCrossEntropy(y, labels, dY)
                                : Losses.regression(head, y, targets, dY),
                8,
                35);
    }

    /** The loss of the outputs y; writes dL/dy into dY. */
    interface Loss {
        double of(INDArray y, INDArray dY);
    }

    /**
     * Backward from the training pass against central differences of the loss of the inference pass
     * (so the two passes must agree as well), on up to {@code perTensor} entries of every
     * parameter, more than {@code atLeast} in all.
     */
    private static void check(NetConfig c, Batch batch, Loss loss, int perTensor, int atLeast) {
        Params p = Params.init(c, DataType.DOUBLE, 7);
        perturbBiases(p);
        SentimentNetwork net = new SentimentNetwork(c, new Nd4jGateMath());
        Masks masks = Masks.sample(c, batch, new SplittableRandom(3), DataType.DOUBLE);

        SentimentNetwork.Trace tr = net.forward(p, batch, masks);
        INDArray dY = Nd4j.create(DataType.DOUBLE, batch.rows(), c.outputs());
        loss.of(tr.output(), dY);
        Params grads = p.zerosLike();
        net.backward(p, tr, dY, grads);

        SplittableRandom pick = new SplittableRandom(11);
        INDArray unused = dY.dup();
        int checked = 0;
        for (var e : p.asMap().entrySet()) {
            INDArray w = e.getValue();
            INDArray g = grads.get(e.getKey());
            int n = (int) w.length();
            int samples = Math.min(n, perTensor);
            for (int s = 0; s < samples; s++) {
                int idx = n <= perTensor ? s : pick.nextInt(n);
                double orig = w.getDouble(idx);
                w.putScalar(idx, orig + EPS);
                double plus = loss.of(net.output(p, batch, masks), unused);
                w.putScalar(idx, orig - EPS);
                double minus = loss.of(net.output(p, batch, masks), unused);
                w.putScalar(idx, orig);
                double numeric = (plus - minus) / (2 * EPS);
                double analytic = g.getDouble(idx);
                double err =
                        Math.abs(numeric - analytic)
                                / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic));
                assertTrue(
                        err < 1e-5 || Math.abs(numeric - analytic) < 1e-9,
                        e.getKey() + "[" + idx + "] numeric " + numeric + " analytic " + analytic);
                checked++;
            }
        }
        assertTrue(checked > atLeast, "checked " + checked);
    }

    /** Zero biases would hide errors in bias gradients; small random ones do not. */
    private static void perturbBiases(Params p) {
        for (var e : p.asMap().entrySet()) {
            if (e.getKey().startsWith("b")) {
                e.getValue()
                        .addi(Nd4j.rand(DataType.DOUBLE, e.getValue().shape()).subi(0.5).muli(0.2));
            }
        }
    }
}
