package dev.varsent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.predict.RoutingCut;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TargetRateRule#cutRange}: the cuts a target-rate rule applies to its next decisions, for
 * the scorer's adaptive sampling, whatever those decisions add to the window.
 */
class TargetRateCutRangeTest {

    @Test
    void everyCutOfTheNextDecisionsLiesInTheRangeAndRoutesAsItSays() {
        SplittableRandom r = new SplittableRandom(7);
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            int window = 20 + r.nextInt(60);
            int warmup = r.nextInt(window);
            TargetRateRule rule =
                    new TargetRateRule(0.05 + 0.3 * r.nextDouble(), window, warmup, 0.5);
            int before = r.nextInt(2 * window);
            for (int i = 0; i < before; i++) {
                rule.decide(value(r), "total");
            }
            int decisions = 1 + r.nextInt(12);
            RoutingCut range = rule.cutRange(decisions);
            for (int i = 0; i < decisions; i++) {
                double cut = rule.currentCut();
                assertThat(cut).isBetween(range.lower(), range.upper());
                double u = value(r);
                boolean relabel = rule.decide(u, "total").relabel();
                if (range.relabels(u)) {
                    assertThat(relabel).as("%s above %s", u, range).isTrue();
                }
                if (range.keeps(u)) {
                    assertThat(relabel).as("%s at or below %s", u, range).isFalse();
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    /** Mostly spread out, sometimes extreme, sometimes tied. */
    private static double value(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 100;
            case 2 -> 0.25;
            default -> r.nextDouble();
        };
    }

    @Test
    void oneDecisionAheadTheRangeIsTheCurrentCut() {
        TargetRateRule rule = new TargetRateRule(0.1, 50, 10, 0.5);
        assertThat(rule.cutRange(1)).isEqualTo(RoutingCut.fixed(0.5));
        assertThat(rule.cutRange(5))
                .as("warming up: the fallback")
                .isEqualTo(RoutingCut.fixed(0.5));
        for (int i = 0; i < 8; i++) {
            rule.decide(0.01 * i, "total");
        }
        RoutingCut crossing = rule.cutRange(4);
        assertThat(crossing.lower()).as("the quantile after warm-up").isLessThan(0.1);
        assertThat(crossing.upper())
                .as("the 0.9 quantile of 11 values, 3 of them still to come: anything")
                .isEqualTo(Double.POSITIVE_INFINITY);
        for (int i = 0; i < 40; i++) {
            rule.decide(0.01 * i, "total");
        }
        double cut = rule.currentCut();
        assertThat(rule.cutRange(1)).isEqualTo(new RoutingCut(Math.nextDown(cut), cut));
    }
}
