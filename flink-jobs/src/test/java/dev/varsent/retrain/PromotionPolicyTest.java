package dev.varsent.retrain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromotionPolicyTest {

    @Test
    void promotesOnlyWhenTheChallengerWinsByTheMargin() {
        assertTrue(PromotionPolicy.decide(0.150, 0.160, 0.005).promote());
        assertTrue(PromotionPolicy.decide(0.155, 0.160, 0.005).promote());
        assertFalse(PromotionPolicy.decide(0.158, 0.160, 0.005).promote());
        assertFalse(PromotionPolicy.decide(0.170, 0.160, 0.0).promote());
    }

    @Test
    void aNegativeMarginToleratesASlightlyWorseChallenger() {
        assertTrue(PromotionPolicy.decide(0.162, 0.160, -0.005).promote());
        assertFalse(PromotionPolicy.decide(0.170, 0.160, -0.005).promote());
    }

    @Test
    void withoutAChampionAnyTrainedChallengerIsPromoted() {
        var verdict = PromotionPolicy.decide(0.2, Double.NaN, 0.01);
        assertTrue(verdict.promote());
        assertTrue(verdict.reason().contains("no champion"), verdict.reason());
    }

    @Test
    void aChallengerWithoutAFiniteScoreIsNeverPromoted() {
        assertFalse(PromotionPolicy.decide(Double.NaN, 0.2, -1).promote());
        assertFalse(PromotionPolicy.decide(Double.POSITIVE_INFINITY, Double.NaN, 0).promote());
    }
}
