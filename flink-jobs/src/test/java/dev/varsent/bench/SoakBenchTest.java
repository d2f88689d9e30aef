package dev.varsent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The soak's plateau verdict on made-up memory series: flat after start-up passes, a leak per swap
 * fails.
 */
class SoakBenchTest {

    private static List<SoakBench.Sample> series(long startBytes, long bytesPerSample) {
        List<SoakBench.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long resident = i < 5 ? startBytes / 2 : startBytes + bytesPerSample * i;
            samples.add(
                    new SoakBench.Sample(
                            10.0 * i, 200_000_000L, 1_000, resident, i / 3, 80L * i, 80L * i, "v"));
        }
        return samples;
    }

    @Test
    void memoryThatStaysFlatAfterStartUpIsAPlateau() {
        SoakBench.Result result = SoakBench.summarise(series(1_000_000_000L, 0), 2_400, 2_400, 9);
        assertThat(result.plateau()).isTrue();
        assertThat(result.physicalGrowth()).isZero();
    }

    @Test
    void residentMemoryGrowingWithEverySwapIsNot() {
        // 40 MB more per sample (a 120 MB model kept per swap): about 25 % from the middle to the
        // last third.
        SoakBench.Result result =
                SoakBench.summarise(series(1_000_000_000L, 40_000_000L), 2_400, 2_400, 9);
        assertThat(result.plateau()).isFalse();
        assertThat(result.physicalGrowth()).isGreaterThan(SoakBench.PLATEAU_TOLERANCE);
    }

    @Test
    void aRateIsReviewsPerSecondOrAShareOfTheSustainedRate() {
        assertThat(SoakBench.Rate.parse("40")).isEqualTo(new SoakBench.Rate(40, false));
        assertThat(SoakBench.Rate.parse(" 70% ")).isEqualTo(new SoakBench.Rate(0.7, true));
        assertThatThrownBy(() -> SoakBench.Rate.parse("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fast'");
        assertThatThrownBy(() -> SoakBench.Rate.parse("0")).hasMessageContaining("positive number");
        assertThatThrownBy(() -> SoakBench.Rate.parse("150%")).hasMessageContaining("(0%, 100%]");
        assertThatThrownBy(() -> SoakBench.Rate.parse("NaN"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
