package dev.varsent.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HoldoutSplitTest {

    @Test
    void holdsOutAboutThePercentOfIdsAndAlwaysTheSameOnes() {
        int held = 0;
        for (int i = 0; i < 20_000; i++) {
            String id = "Dennis+Schwartz-" + i + "#" + (i % 7);
            boolean holdout = HoldoutSplit.isHoldout(id, 20);
            assertEquals(holdout, HoldoutSplit.isHoldout(id, 20), id);
            held += holdout ? 1 : 0;
        }
        assertTrue(held > 3_700 && held < 4_300, "held out " + held + " of 20000 at 20 %");
    }

    @Test
    void aLargerPercentHoldsOutASuperset() {
        for (int i = 0; i < 2_000; i++) {
            String id = "review-" + i;
            if (HoldoutSplit.isHoldout(id, 10)) {
                assertTrue(HoldoutSplit.isHoldout(id, 30), id);
            }
        }
    }
}
