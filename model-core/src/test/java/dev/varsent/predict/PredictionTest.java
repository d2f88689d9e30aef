package dev.varsent.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PredictionTest {

    @Test
    void aCalibrationReplacesTheCalibratedFieldsAndKeepsTheMcOnes() {
        Prediction mc =
                new Prediction(
                        0.7,
                        0.05,
                        0.1,
                        null,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        10,
                        3,
                        true,
                        0.02,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        0.4);

        Prediction calibrated = mc.withCalibration(0.5, 0.9, 0.9, 0.03, 0.6, 0.15);

        assertEquals(
                new Prediction(
                        0.7,
                        0.05,
                        0.1,
                        null,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        10,
                        3,
                        true,
                        0.02,
                        0.5,
                        0.9,
                        0.9,
                        0.03,
                        0.6,
                        0.15),
                calibrated);
        assertEquals(0.15, calibrated.uncertainty(UncertaintySignal.TOTAL));
        assertEquals(mc.totalStd(), mc.uncertainty(UncertaintySignal.TOTAL));
    }

    @Test
    void aClassificationKeepsItsProbabilities() {
        double[] probabilities = {0.2, 0.8};
        Prediction p = new Prediction(0.8, 0.1, Double.NaN, probabilities, 0.5, 0.1, 0.2, 10);

        Prediction calibrated =
                p.withCalibration(Double.NaN, Double.NaN, Double.NaN, 0.2, Double.NaN, Double.NaN);

        assertSame(probabilities, calibrated.probabilities());
        assertEquals(0.2, calibrated.wrongSideProbability());
        assertEquals(0.5, calibrated.uncertainty(UncertaintySignal.TOTAL));
    }
}
