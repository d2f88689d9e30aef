package dev.varsent.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValidatedRidgeTest {

    @Test
    void keepsAGroupOnOneSideOfTheValidationCutAndPicksTheBestLambda() {
        Random random = new Random(5);
        List<List<String>> texts = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        double[] y = new double[41];
        for (int i = 0; i < y.length; i++) {
            boolean positive = random.nextBoolean();
            texts.add(List.of(positive ? "great" : "awful", "film", "w" + random.nextInt(5)));
            y[i] = positive ? 0.8 : 0.2;
            groups.add("g" + i / 3); // the 80 % cut (32) falls inside group g10 = texts 30..32
        }
        ValidatedRidge ridge =
                ValidatedRidge.fit(
                        texts, y, groups, 100, new double[] {0.01, 1, 100}, new RidgeRegression());

        assertEquals(33, ridge.fitRows());
        assertEquals(8, ridge.validationRows());
        Map<ValidatedRidge.Candidate, Double> rmse = ridge.validationRmse();
        assertEquals(
                List.of("0.01", "1.0", "100.0"),
                rmse.keySet().stream().map(ValidatedRidge.Candidate::label).toList());
        assertEquals(0, ridge.bigrams());
        assertEquals(
                rmse.values().stream().min(Double::compare).orElseThrow(),
                rmse.get(new ValidatedRidge.Candidate(0, ridge.lambda())));
        assertNotEquals(
                100.0, ridge.lambda()); // heavy shrinkage cannot fit a separable target best
        double[] scores =
                ridge.predict(List.of(List.of("great", "film"), List.of("awful", "film")));
        assertTrue(
                scores[0] > ridge.trainMean() && scores[1] < ridge.trainMean(),
                scores[0] + " " + scores[1]);
    }

    @Test
    void refusesASplitThatLeavesNoValidationText() {
        List<List<String>> texts = List.of(List.of("a"), List.of("b"), List.of("c"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ValidatedRidge.fit(
                                        texts,
                                        new double[] {0, 1, 0},
                                        List.of("g", "g", "g"),
                                        10,
                                        new double[] {1},
                                        new RidgeRegression()));
        assertTrue(e.getMessage().contains("too few training texts"), e.getMessage());
    }

    @Test
    void choosesBigramsWhenOnlyWordOrderCarriesTheTarget() {
        // The same two words in either order: only the bigram tells "not bad" from "bad not".
        Random random = new Random(3);
        List<List<String>> texts = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        double[] y = new double[200];
        for (int i = 0; i < y.length; i++) {
            boolean positive = random.nextBoolean();
            List<String> t = new ArrayList<>(List.of("w" + random.nextInt(20), "film"));
            t.addAll(positive ? List.of("not", "bad") : List.of("bad", "not"));
            texts.add(t);
            y[i] = positive ? 0.8 : 0.2;
            groups.add("g" + i);
        }
        ValidatedRidge ridge =
                ValidatedRidge.fit(
                        texts,
                        y,
                        groups,
                        100,
                        new int[] {0, 50},
                        new double[] {0.01, 1},
                        new RidgeRegression());

        assertEquals(50, ridge.bigrams());
        assertTrue(ridge.words().hasBigrams());
        assertEquals(4, ridge.validationRmse().size());
        assertTrue(
                ridge.validationRmse().get(new ValidatedRidge.Candidate(50, ridge.lambda()))
                        < ridge.validationRmse()
                                .get(new ValidatedRidge.Candidate(0, ridge.lambda())));
        double[] scores = ridge.predict(List.of(List.of("not", "bad"), List.of("bad", "not")));
        assertTrue(scores[0] > 0.7 && scores[1] < 0.3, scores[0] + " " + scores[1]);
    }
}
