package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

/** The served model as Prometheus-friendly metrics, the names a dashboard is built on. */
class ScoringMetricsTest {

    private static Object gauge(MetricListener listener, String... identifier) {
        return listener.<Object>getGauge(identifier).map(Gauge::getValue).orElse(null);
    }

    @Test
    void theServedVersionIsOneAndTheVersionsBeforeItZeroWithThePromotionSequence() {
        MetricListener listener = new MetricListener();
        ScoringMetrics metrics = new ScoringMetrics(listener.getMetricGroup());
        metrics.serving("v1", 0);
        assertThat(gauge(listener, "varsent", "model_version", "v1", "modelServing")).isEqualTo(1);
        assertThat(gauge(listener, "varsent", "modelSequence")).isEqualTo(0L);

        metrics.serving("v2", 7);
        assertThat(gauge(listener, "varsent", "model_version", "v1", "modelServing")).isEqualTo(0);
        assertThat(gauge(listener, "varsent", "model_version", "v2", "modelServing")).isEqualTo(1);
        assertThat(gauge(listener, "varsent", "modelSequence")).isEqualTo(7L);
        assertThat(gauge(listener, "varsent", "modelVersion")).isEqualTo("v2");

        metrics.serving("v1", 8);
        assertThat(gauge(listener, "varsent", "model_version", "v1", "modelServing")).isEqualTo(1);
        assertThat(gauge(listener, "varsent", "model_version", "v2", "modelServing")).isEqualTo(0);
    }

    @Test
    void scoredReviewsAreCountedAndTheirUncertaintyRecordedInThousandths() {
        MetricListener listener = new MetricListener();
        ScoringMetrics metrics = new ScoringMetrics(listener.getMetricGroup());
        metrics.scored(0.1234);
        metrics.scored(Double.NaN);
        assertThat(listener.getCounter("varsent", "recordsScored").orElseThrow().getCount())
                .isEqualTo(2);
        assertThat(
                        listener.getHistogram("varsent", "uncertaintyMilli")
                                .orElseThrow()
                                .getStatistics()
                                .getValues())
                .containsExactly(123L);
    }
}
