package dev.varsent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundred() {
        long[] values = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();
        Percentiles p = new Percentiles(values);
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(p.at(0.5)).isEqualTo(1);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void smallSamplesRoundTheRankUp() {
        Percentiles p = new Percentiles(new long[] {30, 10, 20});
        assertThat(p.at(50)).isEqualTo(20);
        assertThat(p.at(99)).isEqualTo(30);
        assertThat(new Percentiles(new long[] {7}).at(99)).isEqualTo(7);
    }

    @Test
    void theInputIsNotReordered() {
        long[] values = {3, 1, 2};
        new Percentiles(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void refusesAnEmptySampleAndPercentilesOutOfRange() {
        assertThatThrownBy(() -> new Percentiles(new long[0]))
                .isInstanceOf(IllegalArgumentException.class);
        Percentiles p = new Percentiles(new long[] {1, 2});
        assertThatThrownBy(() -> p.at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.at(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
