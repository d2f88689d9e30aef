package dev.varsent.blend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.predict.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlendSelectionTest {
    private static List<Prediction> deep(double[] m, double std, double aleatoric) {
        List<Prediction> out = new ArrayList<>();
        for (double v : m) {
            out.add(
                    new Prediction(
                            v, std, aleatoric, null, Double.NaN, Double.NaN, Double.NaN, 10));
        }
        return out;
    }

    @Test
    void theWeightThatReproducesTheRatingsIsChosenWithoutBias() {
        Random r = new Random(3);
        int n = 200;
        double[] m = new double[n], ridge = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = r.nextDouble();
            ridge[i] = r.nextDouble();
            y[i] = 0.35 * m[i] + 0.65 * ridge[i];
        }
        BlendSelection s = BlendSelection.choose(deep(m, 0.1, 0.2), ridge, y);
        assertEquals(0.35, s.weight(), 1e-12);
        assertEquals(0.0, s.bias());
        assertEquals(0, s.rmse(), 1e-12);
        assertEquals(BlendSelection.STEPS + 1, s.rmseByWeight().size());
        assertEquals(s.rmseByWeight().get(1.0), s.rmseDeep());
        assertEquals(s.rmseByWeight().get(0.0), s.rmseRidge());
        // no error left beyond the blend's epistemic spread: no aleatoric noise
        assertEquals(0.0, s.aleatoricScale());
        assertEquals(n, s.n());
    }

    @Test
    void aClearShiftBecomesTheBiasAndTheNoiseTheAleatoricScale() {
        // y = 0.5 m + 0.5 r + 0.1 + e, e = +-0.05 alternately: the mean residual 0.1 is far beyond
        // its standard
        // error (0.05 / sqrt(100)); at weight 0.5 the MSE after the bias is 0.0025 and the
        // epistemic part
        // (0.5 * 0.04)^2 = 0.0004, so c^2 * 0.1^2 = 0.0021.
        int n = 100;
        double[] m = new double[n], ridge = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            double d = i % 4 < 2 ? 0.2 : -0.2; // m - r, of mean 0 and uncorrelated with the noise
            m[i] = 0.5 + d / 2;
            ridge[i] = 0.5 - d / 2;
            y[i] = 0.5 * m[i] + 0.5 * ridge[i] + 0.1 + (i % 2 == 0 ? 0.05 : -0.05);
        }
        BlendSelection s = BlendSelection.choose(deep(m, 0.04, 0.1), ridge, y);
        assertEquals(0.5, s.weight());
        assertEquals(0.1, s.bias(), 1e-12);
        assertEquals(0.05, s.rmse(), 1e-12);
        assertEquals(Math.sqrt(0.0021 / 0.01), s.aleatoricScale(), 1e-9);
    }

    @Test
    void aShiftWithinTheNoiseIsNoBias() {
        int n = 100;
        double[] m = new double[n], ridge = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = 0.5;
            ridge[i] = 0.5;
            y[i] =
                    0.5
                            + 0.001
                            + (i % 2 == 0 ? 0.2 : -0.2); // mean residual 0.001, standard error 0.02
        }
        assertEquals(0.0, BlendSelection.choose(deep(m, 0.01, 0.1), ridge, y).bias());
    }

    @Test
    void withoutAnAleatoricEstimateTheScaleIsOne() {
        double[] m = {0.2, 0.8, 0.5}, ridge = {0.3, 0.7, 0.5}, y = {0.25, 0.75, 0.5};
        assertEquals(
                1, BlendSelection.choose(deep(m, 0.01, Double.NaN), ridge, y).aleatoricScale());
    }

    @Test
    void mismatchedOrTooFewReviewsAreRefused() {
        assertMessage(
                IllegalArgumentException.class,
                () ->
                        BlendSelection.choose(
                                deep(new double[] {0.5}, 0, 0),
                                new double[] {0.5},
                                new double[] {0.5}),
                "at least 2");
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        BlendSelection.choose(
                                deep(new double[] {0.5, 0.4}, 0, 0),
                                new double[] {0.5},
                                new double[] {0.5, 0.4}));
    }

    private static void assertMessage(
            Class<? extends Throwable> type,
            org.junit.jupiter.api.function.Executable call,
            String part) {
        String message = assertThrows(type, call).getMessage();
        assertTrue(message.contains(part), () -> "'" + message + "' does not say '" + part + "'");
    }
}
