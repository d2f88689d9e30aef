package dev.varsent.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The heteroscedastic head's Gaussian negative log-likelihood and the loss dispatch by head. */
class LossesTest {
    private static final double[] TARGETS = {0.3, -1.2, 2.0};

    private static INDArray outputs(double... meanAndLogVariance) {
        return Nd4j.createFromArray(meanAndLogVariance).reshape(meanAndLogVariance.length / 2, 2);
    }

    @Test
    void nllIsHalfThePrecisionWeightedSquaredErrorPlusTheLogVarianceAveragedOverRows() {
        INDArray y = outputs(0.5, 0.0, -1.0, -0.7, 1.0, 1.3);
        INDArray dY = Nd4j.create(DataType.DOUBLE, 3, 2);
        double expected =
                (0.5 * (0.04 + 0)
                                + 0.5 * (Math.exp(0.7) * 0.04 - 0.7)
                                + 0.5 * (Math.exp(-1.3) * 1.0 + 1.3))
                        / 3;
        assertEquals(expected, Losses.gaussianNll(y, TARGETS, dY), 1e-12);
    }

    @Test
    void nllGradientMatchesFiniteDifferences() {
        INDArray y = outputs(0.5, 0.2, -1.0, -0.7, 1.0, 1.3);
        INDArray dY = Nd4j.create(DataType.DOUBLE, 3, 2);
        Losses.gaussianNll(y, TARGETS, dY);
        INDArray unused = dY.dup();
        double eps = 1e-6;
        for (int i = 0; i < y.length(); i++) {
            double orig = y.getDouble(i);
            y.putScalar(i, orig + eps);
            double plus = Losses.gaussianNll(y, TARGETS, unused);
            y.putScalar(i, orig - eps);
            double minus = Losses.gaussianNll(y, TARGETS, unused);
            y.putScalar(i, orig);
            assertEquals((plus - minus) / (2 * eps), dY.getDouble(i), 1e-8, "d/dy[" + i + "]");
        }
    }

    @Test
    void theMinimumOverTheLogVarianceIsTheLogOfTheSquaredError() {
        // d/ds of 0.5 (exp(-s) r^2 + s) is 0 at s = log r^2: the head learns the residual variance.
        double r = 0.6;
        INDArray dY = Nd4j.create(DataType.DOUBLE, 1, 2);
        Losses.gaussianNll(outputs(r, Math.log(r * r)), new double[] {0}, dY);
        assertEquals(0, dY.getDouble(0, 1), 1e-12);
    }

    @Test
    void theLogVarianceIsClampedSoTheLossStaysFiniteAndStopsPushingBeyondTheBounds() {
        INDArray dY = Nd4j.create(DataType.DOUBLE, 2, 2);
        double loss = Losses.gaussianNll(outputs(3.0, -50.0, 0.0, 50.0), new double[] {0, 0}, dY);
        double expected =
                (0.5 * (Math.exp(-Losses.MIN_LOG_VARIANCE) * 9 + Losses.MIN_LOG_VARIANCE)
                                + 0.5 * Losses.MAX_LOG_VARIANCE)
                        / 2;
        assertEquals(expected, loss, 1e-9);
        assertTrue(Double.isFinite(dY.getDouble(0, 0)));
        assertEquals(0, dY.getDouble(0, 1), 0, "no gradient on a log variance below the bound");
        assertEquals(0, dY.getDouble(1, 1), 0, "no gradient on a log variance above the bound");
        assertEquals(Math.exp(-Losses.MIN_LOG_VARIANCE) * 3.0 / 2, dY.getDouble(0, 0), 1e-6);
    }

    @Test
    void eachRegressionHeadHasItsLoss() {
        INDArray y = Nd4j.createFromArray(0.5, -1.0, 1.0).reshape(3, 1);
        INDArray a = Nd4j.create(DataType.DOUBLE, 3, 1), b = Nd4j.create(DataType.DOUBLE, 3, 1);
        assertEquals(
                Losses.meanSquaredError(y, TARGETS, a),
                Losses.regression(Head.GAUSSIAN, y, TARGETS, b),
                0);
        assertEquals(a, b);
        INDArray y2 = outputs(0.5, 0.0, -1.0, -0.7, 1.0, 1.3);
        INDArray c = Nd4j.create(DataType.DOUBLE, 3, 2), d = Nd4j.create(DataType.DOUBLE, 3, 2);
        assertEquals(
                Losses.gaussianNll(y2, TARGETS, c),
                Losses.regression(Head.HETEROSCEDASTIC, y2, TARGETS, d),
                0);
        assertEquals(c, d);
        assertThrows(
                IllegalArgumentException.class,
                () -> Losses.regression(Head.SOFTMAX, y2, TARGETS, d));
        assertThrows(
                IllegalArgumentException.class,
                () -> Losses.gaussianNll(y, TARGETS, a),
                "one column is not a heteroscedastic output");
    }
}
