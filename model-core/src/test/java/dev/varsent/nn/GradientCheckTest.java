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
 * Finite differences in double precision against the hand-written backpropagation through time, for every
 * cell and dropout variant, with masks drawn once and held fixed; sequences of different lengths exercise
 * the left padding. The loss is the sum of the outputs weighted by fixed random coefficients, so dL/dy is
 * known exactly and every path (embedding dropout, input and recurrent masks, cell mask, output head) is checked.
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
        Params p = Params.init(c, DataType.DOUBLE, 7);
        perturbBiases(p);
        SentimentNetwork net = new SentimentNetwork(c, new Nd4jGateMath());
        Batch batch = Batch.of(List.of(new int[] {1, 4, 5, 4, 9, 3}, new int[] {1, 7, 7}, new int[] {1, 2, 10, 3, 6}), 2);
        Masks masks = Masks.sample(c, batch, new SplittableRandom(3), DataType.DOUBLE);
        INDArray coeff = Nd4j.rand(DataType.DOUBLE, batch.rows(), outputs).subi(0.5);

        SentimentNetwork.Trace tr = net.forward(p, batch, masks);
        Params grads = p.zerosLike();
        net.backward(p, tr, coeff, grads);

        SplittableRandom pick = new SplittableRandom(11);
        int checked = 0;
        for (var e : p.asMap().entrySet()) {
            INDArray w = e.getValue();
            INDArray g = grads.get(e.getKey());
            int n = (int) w.length();
            int samples = Math.min(n, 40);
            for (int s = 0; s < samples; s++) {
                int idx = n <= 40 ? s : pick.nextInt(n);
                double orig = w.getDouble(idx);
                w.putScalar(idx, orig + EPS);
                double plus = loss(net, p, batch, masks, coeff);
                w.putScalar(idx, orig - EPS);
                double minus = loss(net, p, batch, masks, coeff);
                w.putScalar(idx, orig);
                double numeric = (plus - minus) / (2 * EPS);
                double analytic = g.getDouble(idx);
                double err = Math.abs(numeric - analytic) / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic));
                assertTrue(err < 1e-5 || Math.abs(numeric - analytic) < 1e-9,
                        e.getKey() + "[" + idx + "] numeric " + numeric + " analytic " + analytic);
                checked++;
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    private static double loss(SentimentNetwork net, Params p, Batch b, Masks m, INDArray coeff) {
        return net.output(p, b, m).mul(coeff).sumNumber().doubleValue();
    }

    /** Zero biases would hide errors in bias gradients; small random ones do not. */
    private static void perturbBiases(Params p) {
        for (var e : p.asMap().entrySet()) {
            if (e.getKey().startsWith("b")) {
                e.getValue().addi(Nd4j.rand(DataType.DOUBLE, e.getValue().shape()).subi(0.5).muli(0.2));
            }
        }
    }
}
