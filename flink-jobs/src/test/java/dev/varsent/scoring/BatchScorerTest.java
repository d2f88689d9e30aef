package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.events.ParsedReview;
import dev.varsent.events.TestEvents;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

/**
 * Failure isolation of a micro-batch, without Flink: a real (length) model that cannot score some
 * texts.
 */
class BatchScorerTest {

    /**
     * The length model, except that it throws on any text containing "poison" (and so on a batch
     * holding one).
     */
    private static final class PoisonSensitive implements Predictor {
        private final LengthPredictor model = new LengthPredictor();
        int calls;

        @Override
        public String modelVersion() {
            return model.modelVersion();
        }

        @Override
        public boolean isClassification() {
            return false;
        }

        @Override
        public List<Prediction> predict(List<String> texts, int k) {
            calls++;
            if (texts.stream().anyMatch(t -> t.contains("poison"))) {
                throw new IllegalArgumentException("cannot tokenize");
            }
            return model.predict(texts, k);
        }
    }

    private static final class Collected implements BatchScorer.Results {
        final List<String> scored = new ArrayList<>();
        final List<String> failed = new ArrayList<>();

        @Override
        public void scored(ParsedReview review, Prediction prediction) {
            scored.add(review.id());
        }

        @Override
        public void failed(ParsedReview review, String message) {
            failed.add(review.id() + ": " + message);
        }
    }

    private static List<ParsedReview> batch(String... texts) {
        List<ParsedReview> batch = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            batch.add(TestEvents.review("r" + i, texts[i]));
        }
        return batch;
    }

    @Test
    void aGoodBatchIsScoredWithOneCall() {
        PoisonSensitive model = new PoisonSensitive();
        Collected results = new Collected();
        new BatchScorer(10, 3, new ScoringMetrics(new MetricListener().getMetricGroup()))
                .score(model, batch("good film", "bad film", "fine"), results);
        assertThat(model.calls).isEqualTo(1);
        assertThat(results.scored).containsExactly("r0", "r1", "r2");
        assertThat(results.failed).isEmpty();
    }

    @Test
    void aFailingBatchIsScoredOneByOneAndOnlyTheFailingReviewIsLost() {
        PoisonSensitive model = new PoisonSensitive();
        Collected results = new Collected();
        MetricListener listener = new MetricListener();
        new BatchScorer(10, 3, new ScoringMetrics(listener.getMetricGroup()))
                .score(model, batch("good film", "poison pill", "fine"), results);
        assertThat(model.calls).isEqualTo(4);
        assertThat(results.scored).containsExactly("r0", "r2");
        assertThat(results.failed).containsExactly("r1: IllegalArgumentException: cannot tokenize");
        assertThat(listener.getCounter("varsent", "failedBatches").orElseThrow().getCount())
                .isEqualTo(1);
        assertThat(listener.getCounter("varsent", "scoringFailures").orElseThrow().getCount())
                .isEqualTo(1);
    }

    @Test
    void tooManyFailuresInARowMeanTheModelIsBrokenAndAGoodReviewResetsTheCount() {
        BatchScorer scorer =
                new BatchScorer(10, 3, new ScoringMetrics(new MetricListener().getMetricGroup()));
        Collected results = new Collected();
        scorer.score(
                new PoisonSensitive(),
                batch("poison 1", "poison 2", "good", "poison 3", "poison 4"),
                results);
        assertThat(results.failed).hasSize(4);
        assertThatThrownBy(() -> scorer.score(new PoisonSensitive(), batch("poison 5"), results))
                .isInstanceOf(ModelFailureException.class)
                .hasMessageContaining("failed on 3 reviews in a row");
    }
}
