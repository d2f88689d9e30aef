package dev.varsent.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

    private static final SparseRows SMALL =
            SparseRows.ofDense(new double[][] {{1, 0}, {0, 1}, {1, 1}, {0, 0}});
    private static final double[] SMALL_Y = {1, 2, 4, 0};

    @Test
    void solvesASmallProblemExactly() {
        // Column means (1/2, 1/2), so the centred Gram matrix is I and the system is 2I w = Xc^T (y
        // - 7/4)
        // = (3/2, 5/2): w = (3/4, 5/4), intercept 7/4 - (3/4 + 5/4) / 2 = 3/4.
        RidgeRegression.Model m = new RidgeRegression().fit(SMALL, SMALL_Y, 1.0);

        assertArrayEquals(new double[] {0.75, 1.25}, m.weights(), 1e-12);
        assertEquals(0.75, m.intercept(), 1e-12);
        assertArrayEquals(new double[] {1.5, 2.0, 2.75, 0.75}, m.predict(SMALL), 1e-12);
    }

    @Test
    void largerLambdaShrinksTheWeights() {
        // With a centred Gram matrix of I the weights are (3/2, 5/2) / (1 + lambda).
        assertArrayEquals(
                new double[] {0.15, 0.25},
                new RidgeRegression().fit(SMALL, SMALL_Y, 9.0).weights(),
                1e-12);
    }

    @Test
    void recoversANoiseFreeLinearModelWhenLambdaIsTiny() {
        Random random = new Random(3);
        double[][] dense = new double[200][5];
        double[] y = new double[200];
        double[] truth = {2, -1, 0.5, 0, 3};
        for (int i = 0; i < dense.length; i++) {
            y[i] = 0.3;
            for (int j = 0; j < 5; j++) {
                dense[i][j] = random.nextDouble() < 0.4 ? random.nextGaussian() : 0;
                y[i] += truth[j] * dense[i][j];
            }
        }
        RidgeRegression.Model m =
                new RidgeRegression(1e-12, 1000).fit(SparseRows.ofDense(dense), y, 1e-9);

        assertArrayEquals(truth, m.weights(), 1e-6);
        assertEquals(0.3, m.intercept(), 1e-6);
        assertTrue(
                m.iterations() <= 10,
                "CG needs at most one iteration per dimension, took " + m.iterations());
    }

    @Test
    void rejectsBadInput() {
        RidgeRegression solver = new RidgeRegression();
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> solver.fit(SMALL, SMALL_Y, 0))
                        .getMessage()
                        .contains("lambda must be positive"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> solver.fit(SMALL, new double[] {1}, 1))
                        .getMessage()
                        .contains("4 rows but 1 targets"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        new SparseRows(
                                                2,
                                                new int[] {0, 1},
                                                new int[] {2},
                                                new double[] {1}))
                        .getMessage()
                        .contains("column 2 outside [0, 2)"));
    }
}
