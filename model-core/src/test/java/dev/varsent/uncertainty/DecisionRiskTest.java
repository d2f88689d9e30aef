package dev.varsent.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DecisionRiskTest {

    @Test
    void phiMatchesKnownValues() {
        assertEquals(0.5, NormalCdf.phi(0), 0.0);
        assertEquals(0.8413447460685429, NormalCdf.phi(1), 1e-14);
        assertEquals(0.022750131948179195, NormalCdf.phi(-2), 1e-14);
        assertEquals(0.9750021048517795, NormalCdf.phi(1.96), 1e-14);
        assertEquals(2.866515718791946e-7, NormalCdf.phi(-5), 1e-15);
        assertEquals(9.865876450376946e-10, NormalCdf.phi(-6), 1e-16);
        assertEquals(1 - 9.865876450376946e-10, NormalCdf.phi(6), 1e-15);
    }

    @Test
    void theWrongSideProbabilityFallsWithTheMarginAndRisesWithTheStd() {
        double previous = 0.5 + 1e-12;
        for (double score = 0.6; score <= 1.0; score += 0.02) {
            double p = DecisionRisk.wrongSide(score, 0.6, 0.1);
            assertTrue(p < previous || score == 0.6, "monotone in the margin at " + score);
            assertEquals(
                    p,
                    DecisionRisk.wrongSide(1.2 - score, 0.6, 0.1),
                    1e-12,
                    "symmetric about the threshold");
            previous = p;
        }
        assertEquals(0.5, DecisionRisk.wrongSide(0.6, 0.6, 0.1), 1e-9);
        assertEquals(NormalCdf.phi(-1), DecisionRisk.wrongSide(0.7, 0.6, 0.1), 1e-12);
        assertTrue(DecisionRisk.wrongSide(0.7, 0.6, 0.2) > DecisionRisk.wrongSide(0.7, 0.6, 0.1));
        assertTrue(Double.isNaN(DecisionRisk.wrongSide(0.7, 0.6, 0)), "no spread, no probability");
        assertEquals(0.3, DecisionRisk.wrongClass(new double[] {0.3, 0.7}), 1e-12);
    }

    @Test
    void theFittedFactorRecoversTheSpreadTheRatingsWereDrawnWith() {
        // Ratings drawn Normal(score, (0.6 * sd)^2): the stated sds are too wide by 1 / 0.6.
        Random random = new Random(9);
        int n = 4000;
        double[] scores = new double[n], ratings = new double[n], sds = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = 0.2 + 0.6 * random.nextDouble();
            sds[i] = 0.05 + 0.15 * random.nextDouble();
            ratings[i] = scores[i] + 0.6 * sds[i] * random.nextGaussian();
        }
        double factor = DecisionRisk.fitFactor(scores, ratings, sds, 0.5);
        assertEquals(0.6, factor, 0.05);
    }

    @Test
    void tooFewWrongCallsKeepTheFactorOne() {
        double[] scores = new double[50], ratings = new double[50], sds = new double[50];
        for (int i = 0; i < 50; i++) {
            scores[i] = 0.7;
            ratings[i] = i < DecisionRisk.MIN_CALLS - 1 ? 0.3 : 0.8;
            sds[i] = 0.1;
        }
        assertEquals(1.0, DecisionRisk.fitFactor(scores, ratings, sds, 0.5), 0.0);
        ratings[DecisionRisk.MIN_CALLS - 1] = 0.3;
        assertTrue(DecisionRisk.fitFactor(scores, ratings, sds, 0.5) != 1.0);
    }

    @Test
    void noveltyCountsInterquartileRangesAboveTheInDomainMedian() {
        OovNovelty n =
                OovNovelty.fit(new double[] {0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09});
        assertEquals(0.05, n.median(), 1e-12);
        assertEquals(0.04, n.iqr(), 1e-12);
        assertEquals(0, n.novelty(0.02));
        assertEquals(1, n.novelty(0.09), 1e-12);
        assertEquals(23.75, n.novelty(1.0), 1e-9);
        OovNovelty flat = OovNovelty.fit(new double[] {0.02, 0.02, 0.02});
        assertEquals(1, flat.novelty(0.03), 1e-9, "the spread is at least " + OovNovelty.MIN_IQR);
    }
}
