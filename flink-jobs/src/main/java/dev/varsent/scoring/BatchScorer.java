package dev.varsent.scoring;

import dev.varsent.events.ParsedReview;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.predict.RoutingCut;
import dev.varsent.routing.RouterCut;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a micro-batch with one {@code predict(texts, K)} call, isolating failures: when the batch
 * fails, its reviews are scored one by one so that only the reviews the model cannot score are lost
 * to it (each reported as failed, to be dead-lettered). When {@code maxConsecutiveFailures} reviews
 * in a row fail (0: never), the model itself is taken to be broken and a {@link
 * ModelFailureException} is thrown, so that Flink restarts the job from its last checkpoint rather
 * than quietly dead-lettering all traffic. Used from the task thread only.
 */
final class BatchScorer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScorer.class);

    /** Where each review of a batch goes. */
    interface Results {
        void scored(ParsedReview review, Prediction prediction);

        void failed(ParsedReview review, String message);
    }

    private final int mcSamples;
    private final int maxConsecutiveFailures;
    private final ScoringMetrics metrics;
    private int consecutiveFailures;

    BatchScorer(int mcSamples, int maxConsecutiveFailures, ScoringMetrics metrics) {
        this.mcSamples = mcSamples;
        this.maxConsecutiveFailures = maxConsecutiveFailures;
        this.metrics = metrics;
    }

    /** With the predictor's configured routing threshold (if it samples adaptively). */
    void score(Predictor predictor, List<ParsedReview> batch, Results results) {
        score(predictor, batch, null, results);
    }

    /**
     * Scores the batch; a predictor that samples adaptively settles each review against {@code cut}
     * (null: its configured threshold).
     */
    void score(Predictor predictor, List<ParsedReview> batch, RoutingCut cut, Results results) {
        List<String> texts = new ArrayList<>(batch.size());
        for (ParsedReview review : batch) {
            texts.add(review.text());
        }
        long start = System.nanoTime();
        List<Prediction> predictions;
        try {
            predictions = predict(predictor, texts, cut);
        } catch (RuntimeException e) {
            metrics.failedBatches.inc();
            LOG.warn(
                    "Scoring a batch of {} reviews failed; scoring them one by one to isolate the failing ones",
                    batch.size(),
                    e);
            scoreOneByOne(predictor, batch, cut, results);
            return;
        }
        long elapsed = System.nanoTime() - start;
        metrics.batchLatency.update(TimeUnit.NANOSECONDS.toMillis(elapsed));
        metrics.scoringTimeUs.inc(TimeUnit.NANOSECONDS.toMicros(elapsed));
        metrics.batchSize.update(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            results.scored(batch.get(i), predictions.get(i));
        }
        consecutiveFailures = 0;
    }

    private void scoreOneByOne(
            Predictor predictor, List<ParsedReview> batch, RoutingCut cut, Results results) {
        for (ParsedReview review : batch) {
            Prediction prediction;
            try {
                prediction = predict(predictor, List.of(review.text()), cut).get(0);
            } catch (RuntimeException e) {
                metrics.scoringFailures.inc();
                consecutiveFailures++;
                if (maxConsecutiveFailures > 0 && consecutiveFailures >= maxConsecutiveFailures) {
                    throw new ModelFailureException(
                            "the model failed on "
                                    + consecutiveFailures
                                    + " reviews in a row (scoring.max-consecutive-failures), the last one "
                                    + review.id(),
                            e);
                }
                results.failed(
                        review,
                        e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                continue;
            }
            consecutiveFailures = 0;
            results.scored(review, prediction);
        }
    }

    private List<Prediction> predict(Predictor predictor, List<String> texts, RoutingCut cut) {
        List<Prediction> predictions = RouterCut.predict(predictor, texts, mcSamples, cut);
        if (predictions == null || predictions.size() != texts.size()) {
            throw new IllegalStateException(
                    "the predictor returned "
                            + (predictions == null ? "null" : predictions.size())
                            + " predictions for "
                            + texts.size()
                            + " texts");
        }
        return predictions;
    }
}
