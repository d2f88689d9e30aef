package dev.varsent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndToEndBenchSettingsTest {

    private static final Duration S = Duration.ofSeconds(1);

    @Test
    void theLatencyPhaseRunsAtHalfTheSustainedRateUnlessARateIsGiven() {
        assertThat(EndToEndBench.Settings.DEFAULTS.latencyRate()).isZero();
        assertThat(new EndToEndBench.Settings(S, S, S, S).latencyRate()).isZero();
        assertThat(new EndToEndBench.Settings(S, S, S, S, 60).latencyRate()).isEqualTo(60);
    }

    @Test
    void aNegativeOrNonFiniteRateIsRefused() {
        for (double rate : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new EndToEndBench.Settings(S, S, S, S, rate))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reviews per second");
        }
    }
}
