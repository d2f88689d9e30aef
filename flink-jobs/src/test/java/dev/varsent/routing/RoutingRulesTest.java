package dev.varsent.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingRulesTest {

    @Test
    void thresholdRelabelsStrictlyAboveTheThreshold() {
        ThresholdRule rule = new ThresholdRule(0.12);
        assertThat(rule.decide(0.1201, "std"))
                .isEqualTo(new RoutingDecision(true, "threshold std>0.12"));
        assertThat(rule.decide(0.12, "std").relabel()).isFalse();
        assertThat(rule.decide(0.5, "bald").rule()).isEqualTo("threshold bald>0.12");
    }

    @Test
    void slidingWindowQuantileMatchesABruteForceWindow() {
        Random random = new Random(7);
        SlidingWindowQuantile window = new SlidingWindowQuantile(50);
        Deque<Double> reference = new ArrayDeque<>();
        for (int i = 0; i < 1000; i++) {
            // Few distinct values, so ties are exercised too.
            double value = random.nextInt(20) / 10.0;
            window.add(value);
            reference.addLast(value);
            if (reference.size() > 50) {
                reference.removeFirst();
            }
            List<Double> sorted = new ArrayList<>(reference);
            Collections.sort(sorted);
            for (double q : new double[] {0.0, 0.05, 0.5, 0.95, 1.0}) {
                int index = Math.max(0, (int) Math.ceil(q * sorted.size()) - 1);
                assertThat(window.quantile(q)).isEqualTo(sorted.get(index));
            }
            assertThat(window.values()).containsExactlyElementsOf(reference);
        }
    }

    @Test
    void targetRateUsesTheThresholdWhileWarmingUp() {
        TargetRateRule rule = new TargetRateRule(0.05, 100, 10, 0.12);
        RoutingDecision first = rule.decide(0.2, "std");
        assertThat(first)
                .isEqualTo(
                        new RoutingDecision(
                                true, "target-rate 5% (warming up 0/10, threshold std>0.12)"));
        for (int i = 0; i < 9; i++) {
            rule.decide(0.01 * i, "std");
        }
        assertThat(rule.decide(0.05, "std").rule()).startsWith("target-rate 5% (current cut std>");
    }

    @Test
    void targetRateConvergesToTheTargetAndFollowsAShiftOfTheDistribution() {
        Random random = new Random(42);
        TargetRateRule rule = new TargetRateRule(0.05, 2000, 200, 0.12);
        int relabelled = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean relabel =
                    rule.decide(Math.exp(random.nextGaussian() * 0.5 - 2.5), "std").relabel();
            if (i >= 10_000 && relabel) {
                relabelled++;
            }
        }
        assertThat(relabelled / 10_000.0).isCloseTo(0.05, within(0.01));
        double cutBefore = rule.currentCut();

        // The model becomes three times less certain across the board: a fixed threshold would now
        // relabel most traffic; the target rate recovers within a window.
        relabelled = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean relabel =
                    rule.decide(3 * Math.exp(random.nextGaussian() * 0.5 - 2.5), "std").relabel();
            if (i >= 10_000 && relabel) {
                relabelled++;
            }
        }
        assertThat(relabelled / 10_000.0).isCloseTo(0.05, within(0.01));
        assertThat(rule.currentCut()).isCloseTo(3 * cutBefore, within(0.25 * 3 * cutBefore));
    }

    @Test
    void targetRateHoldsWhenManyUncertaintiesAreTiedAtTheCut() {
        // Four distinct values, a quarter of traffic each: the 95% quantile is the top value
        // itself.
        TargetRateRule rule = new TargetRateRule(0.05, 1000, 100, 0.12);
        int relabelled = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean relabel =
                    rule.decide(new double[] {0.067, 0.077, 0.095, 0.134}[i % 4], "std").relabel();
            if (i >= 10_000 && relabel) {
                relabelled++;
            }
        }
        assertThat(relabelled / 10_000.0).isCloseTo(0.05, within(0.005));
        assertThat(rule.decide(0.134, "std").rule()).startsWith("target-rate 5% (current cut std");

        // With K=1 every std is 0: the target rate still relabels its share.
        TargetRateRule flat = new TargetRateRule(0.05, 1000, 100, 0.12);
        relabelled = 0;
        for (int i = 0; i < 10_000; i++) {
            if (flat.decide(0.0, "std").relabel() && i >= 5_000) {
                relabelled++;
            }
        }
        assertThat(relabelled / 5_000.0).isCloseTo(0.05, within(0.005));
    }

    @Test
    void slidingWindowCountsValuesAboveAndAtAValue() {
        SlidingWindowQuantile window = new SlidingWindowQuantile(10);
        for (double v : new double[] {0.1, 0.2, 0.2, 0.2, 0.3}) {
            window.add(v);
        }
        assertThat(window.countAbove(0.2)).isEqualTo(1);
        assertThat(window.countEqual(0.2)).isEqualTo(3);
        assertThat(window.countAbove(0.05)).isEqualTo(5);
        assertThat(window.countEqual(0.25)).isZero();
    }

    @Test
    void targetRateRestoredFromItsHistoryRoutesLikeTheOriginal() {
        Random random = new Random(3);
        TargetRateRule original = new TargetRateRule(0.1, 500, 50, 0.12);
        for (int i = 0; i < 800; i++) {
            original.decide(random.nextDouble(), "std");
        }
        TargetRateRule restored = new TargetRateRule(0.1, 500, 50, 0.12);
        restored.restore(original.history());
        assertThat(restored.currentCut()).isEqualTo(original.currentCut());
        for (int i = 0; i < 100; i++) {
            double u = random.nextDouble();
            assertThat(restored.decide(u, "std")).isEqualTo(original.decide(u, "std"));
        }
    }

    @Test
    void recentRateCountsOnlyTheLastOutcomes() {
        RecentRate rate = new RecentRate(4);
        assertThat(rate.rate()).isZero();
        rate.add(true);
        rate.add(false);
        assertThat(rate.rate()).isEqualTo(0.5);
        for (int i = 0; i < 4; i++) {
            rate.add(false);
        }
        assertThat(rate.rate()).isZero();
    }
}
