package dev.varsent.blend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.baseline.BagOfWords;
import dev.varsent.baseline.RidgeRegression;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ErrorRidgeTest {
    private static final String[] POSITIVE = {"good", "great", "brilliant"};
    private static final String[] NEGATIVE = {"bad", "awful", "boring"};
    private static final String[] NEUTRAL = {"the", "movie", "plot", "acting", "a", "and"};

    @Test
    void wordsThatComeWithRatingsTheRidgeCannotReadGetALargerPredictedError() {
        // Reviews with "however" are rated at random; the others by their share of positive
        // words, which the ridge reads. The error ridge learns that "however" means a larger
        // error.
        Random r = new Random(1);
        List<List<String>> tokens = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int n = 600;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            boolean mixed = i % 3 == 0;
            double share = r.nextDouble();
            List<String> t = new ArrayList<>();
            for (int w = 0; w < 15; w++) {
                String[] pool =
                        r.nextDouble() < 0.4
                                ? NEUTRAL
                                : r.nextDouble() < share ? POSITIVE : NEGATIVE;
                t.add(pool[r.nextInt(pool.length)]);
            }
            if (mixed) {
                t.add("however");
            }
            tokens.add(t);
            ids.add("review-" + i);
            y[i] = mixed ? r.nextDouble() : share;
        }
        BagOfWords words = BagOfWords.fit(tokens, 100);
        ErrorRidge e = ErrorRidge.fit(words, tokens, y, ids, 1, new RidgeRegression());
        assertEquals(ErrorRidge.LAMBDA, e.lambda());
        assertEquals(words.size(), e.model().weights().length);

        double[] predicted = e.predict(words.rows(tokens));
        double mixed = 0, plain = 0;
        for (int i = 0; i < n; i++) {
            if (i % 3 == 0) {
                mixed += predicted[i] / (n / 3.0);
            } else {
                plain += predicted[i] / (n - n / 3.0);
            }
        }
        assertTrue(mixed > plain + 0.05, "mixed " + mixed + ", plain " + plain);
        assertTrue(e.model().weights()[words.column("however")] > 0);
    }

    @Test
    void theFoldsFollowTheReviewIdAndBadInputIsRefused() {
        assertEquals(ErrorRidge.fold("a/1"), ErrorRidge.fold("a/1"));
        int[] count = new int[ErrorRidge.FOLDS];
        for (int i = 0; i < 1000; i++) {
            count[ErrorRidge.fold("review-" + i)]++;
        }
        for (int c : count) {
            assertTrue(c > 150 && c < 250, "fold sizes " + java.util.Arrays.toString(count));
        }
        BagOfWords words = BagOfWords.of(List.of("good"));
        IllegalArgumentException ex =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ErrorRidge.fit(
                                        words,
                                        List.of(List.of("good")),
                                        new double[] {0.5, 0.2},
                                        List.of("a"),
                                        1,
                                        new RidgeRegression()));
        assertTrue(ex.getMessage().contains("1 reviews, 2 ratings"), ex.getMessage());
        ex =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ErrorRidge.fit(
                                        words,
                                        List.of(List.of("good")),
                                        new double[] {0.5},
                                        List.of("a"),
                                        1,
                                        new RidgeRegression()));
        assertTrue(ex.getMessage().contains("fold"), ex.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new ErrorRidge(
                                new RidgeRegression.Model(new double[] {Double.NaN}, 0, 1), 3));
    }
}
