package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.config.VarsentConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchSettingsTest {

    private static long maxWait(Map<String, String> settings) {
        return BatchSettings.from(VarsentConfig.of(settings)).maxWaitMs();
    }

    @Test
    void exactlyOnceWaitsAsConfiguredAndTheLowLatencyModeAtMostItsOwnCap() {
        assertThat(maxWait(Map.of())).isEqualTo(200);
        assertThat(
                        maxWait(
                                Map.of(
                                        "scoring.batch-max-wait",
                                        "500",
                                        "delivery.low-latency-max-wait",
                                        "5")))
                .isEqualTo(500);
        assertThat(maxWait(Map.of("delivery.guarantee", "at-least-once"))).isEqualTo(20);
        assertThat(
                        maxWait(
                                Map.of(
                                        "delivery.guarantee",
                                        "at-least-once",
                                        "delivery.low-latency-max-wait",
                                        "50")))
                .isEqualTo(50);
        assertThat(
                        maxWait(
                                Map.of(
                                        "delivery.guarantee",
                                        "at-least-once",
                                        "scoring.batch-max-wait",
                                        "3")))
                .isEqualTo(3);
    }

    @Test
    void onlyTheLowLatencyModeCapsABatchByItsScoringTimeAndBothFlushBeforeACheckpoint() {
        BatchSettings exactlyOnce = BatchSettings.from(VarsentConfig.of(Map.of()));
        assertThat(exactlyOnce.maxBatchTimeMs()).isZero();
        assertThat(exactlyOnce.flushBeforeCheckpoint()).isTrue();

        BatchSettings atLeastOnce =
                BatchSettings.from(VarsentConfig.of(Map.of("delivery.guarantee", "at-least-once")));
        assertThat(atLeastOnce.maxBatchTimeMs()).isEqualTo(100);
        assertThat(atLeastOnce.flushBeforeCheckpoint()).isTrue();

        BatchSettings tuned =
                BatchSettings.from(
                        VarsentConfig.of(
                                Map.of(
                                        "delivery.guarantee",
                                        "at-least-once",
                                        "delivery.low-latency-max-batch-time",
                                        "40 ms",
                                        "scoring.flush-before-checkpoint",
                                        "false")));
        assertThat(tuned.maxBatchTimeMs()).isEqualTo(40);
        assertThat(tuned.flushBeforeCheckpoint()).isFalse();
    }
}
