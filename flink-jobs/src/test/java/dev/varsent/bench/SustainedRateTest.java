package dev.varsent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.varsent.bench.OutputTimeline.Visible;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SustainedRateTest {

    private static final long MS = 1_000_000L;
    private static final Duration SAME_STEP = Duration.ofMillis(200);

    /**
     * A commit every 2 s; the first two carry 50 outputs (warming up), then 200 each, each commit
     * in two polls 5 ms apart.
     */
    private static List<Visible> exactlyOnceTimeline(int commits) {
        List<Visible> timeline = new ArrayList<>();
        long count = 0;
        for (int i = 0; i < commits; i++) {
            long at = 1_000 * MS + i * 2_000 * MS;
            int outputs = i < 2 ? 50 : 200;
            timeline.add(new Visible(at, count + outputs / 2));
            count += outputs;
            timeline.add(new Visible(at + 5 * MS, count));
        }
        return timeline;
    }

    @Test
    void pollsOfOneCommitAreOneStep() {
        List<Visible> steps = SustainedRate.steps(exactlyOnceTimeline(3), SAME_STEP.toNanos());
        assertThat(steps)
                .containsExactly(
                        new Visible(1_005 * MS, 50),
                        new Visible(3_005 * MS, 100),
                        new Visible(5_005 * MS, 300));
    }

    @Test
    void theRateIsTakenBetweenCommitsAfterTheWarmup() {
        SustainedRate rate =
                SustainedRate.measure(
                        exactlyOnceTimeline(20),
                        1_000_000,
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(20),
                        SAME_STEP);
        // From the commit at 4 s after the first one to the one 20 s later: 10 commits of 200
        // outputs.
        assertThat(rate.steps()).isEqualTo(10);
        assertThat(rate.windowSeconds()).isCloseTo(20.0, within(1e-9));
        assertThat(rate.outputs()).isEqualTo(2_000);
        assertThat(rate.reviewsPerSecond()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void theCommitThatFinishesTheBacklogIsLeftOut() {
        List<Visible> timeline = exactlyOnceTimeline(8);
        long backlog = timeline.get(timeline.size() - 1).count();
        SustainedRate rate =
                SustainedRate.measure(
                        timeline,
                        backlog,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(60),
                        SAME_STEP);
        // From the step at 3 s to the one at 13 s; the last one (the backlog's end, possibly idle
        // before it) does not count.
        assertThat(rate.steps()).isEqualTo(5);
        assertThat(rate.reviewsPerSecond()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void aSteadyTrickleIsNotMergedIntoOneStep() {
        List<Visible> timeline = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            timeline.add(new Visible(i * 50 * MS, i * 5L));
        }
        SustainedRate rate =
                SustainedRate.measure(
                        timeline,
                        1_000_000,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        SAME_STEP);
        assertThat(rate.reviewsPerSecond()).isCloseTo(100.0, within(1e-9));
        assertThat(rate.steps()).isGreaterThan(10);
    }

    @Test
    void tooSmallABacklogIsAnError() {
        List<Visible> timeline = exactlyOnceTimeline(3);
        assertThatThrownBy(
                        () ->
                                SustainedRate.measure(
                                        timeline,
                                        300,
                                        Duration.ofSeconds(2),
                                        Duration.ofSeconds(60),
                                        SAME_STEP))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--duration");
        assertThatThrownBy(
                        () ->
                                SustainedRate.measure(
                                        List.of(),
                                        300,
                                        Duration.ofSeconds(2),
                                        Duration.ofSeconds(60),
                                        SAME_STEP))
                .isInstanceOf(IllegalStateException.class);
    }
}
