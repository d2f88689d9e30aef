package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchPaceTest {

    private static final long MS = 1_000_000L;

    @Test
    void untilABatchHasBeenTimedTheCapIsTheLimit() {
        BatchPace pace = new BatchPace();
        assertThat(pace.batchSize(100 * MS, 32)).isEqualTo(32);
        assertThat(pace.millisPerReview()).isNaN();
    }

    @Test
    void aBatchHoldsWhatTheRecentPaceScoresWithinTheBudget() {
        BatchPace pace = new BatchPace();
        pace.scored(4, 40 * MS); // 10 ms a review
        assertThat(pace.millisPerReview()).isEqualTo(10.0);
        assertThat(pace.batchSize(100 * MS, 32)).isEqualTo(10);
        assertThat(pace.batchSize(100 * MS, 8)).isEqualTo(8);
        // a budget below one review's time still lets one review through
        assertThat(pace.batchSize(3 * MS, 32)).isEqualTo(1);
    }

    @Test
    void theEstimateFollowsTheNewestBatchesWithoutJumpingToOne() {
        BatchPace pace = new BatchPace();
        pace.scored(1, 10 * MS);
        pace.scored(1, 60 * MS); // a slow batch (e.g. the machine got busy): 0.2 x 60 + 0.8 x 10
        assertThat(pace.millisPerReview())
                .isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
        for (int i = 0; i < 50; i++) {
            pace.scored(2, 120 * MS);
        }
        assertThat(pace.millisPerReview())
                .isCloseTo(60.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(pace.batchSize(100 * MS, 32)).isEqualTo(1);
    }

    @Test
    void anEmptyOrNegativeMeasurementIsIgnored() {
        BatchPace pace = new BatchPace();
        pace.scored(0, 10 * MS);
        pace.scored(3, -1);
        assertThat(pace.millisPerReview()).isNaN();
    }
}
