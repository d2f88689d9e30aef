package dev.varsent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ScorerActivityTest {

    private static final long SECOND = 1_000_000_000L;

    private static ScorerActivity activity() {
        return new ScorerActivity(URI.create("http://127.0.0.1:1"), "j");
    }

    @Test
    void theSpanGivesTheModelsRateInTheJobAndTheTasksBusyShare() {
        ScorerActivity activity = activity();
        // Before the span: left out.
        activity.add(new ScorerActivity.Sample(0, 100, 0, 0));
        // 10 s in the span: 8 s in the model, 3,200 reviews scored, busy 950 ms a second; a poll
        // before the metrics were refreshed is no sample.
        activity.add(new ScorerActivity.Sample(5 * SECOND, 900, 1_000, 2_000_000));
        activity.add(new ScorerActivity.Sample(6 * SECOND, 0, 1_000, 2_000_000));
        activity.add(new ScorerActivity.Sample(10 * SECOND, 1000, 2_600, 6_000_000));
        activity.add(new ScorerActivity.Sample(15 * SECOND, 950, 4_200, 10_000_000));
        // After the span: left out.
        activity.add(new ScorerActivity.Sample(20 * SECOND, 0, 4_200, 10_000_000));

        ObjectNode summary = activity.summary(4 * SECOND, 16 * SECOND);

        assertThat(summary.get("samples").asInt()).isEqualTo(3);
        assertThat(summary.get("busy_share").asDouble()).isEqualTo(0.95);
        assertThat(summary.get("model_in_job_reviews_per_s").asDouble()).isEqualTo(400.0);
    }

    @Test
    void fewerThanTwoSamplesInTheSpanSayNothing() {
        ScorerActivity activity = activity();
        activity.add(new ScorerActivity.Sample(5 * SECOND, 900, 1_000, 2_000_000));

        assertThat(activity.summary(0, 10 * SECOND)).isNull();
    }

    @Test
    void aPollOfAClusterThatDoesNotAnswerIsSkipped() throws Exception {
        ScorerActivity activity = activity();

        activity.poll();

        assertThat(activity.summary(0, Long.MAX_VALUE)).isNull();
    }
}
