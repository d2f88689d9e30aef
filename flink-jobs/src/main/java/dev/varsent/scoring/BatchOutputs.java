package dev.varsent.scoring;

import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.ScoringTimes;
import dev.varsent.events.SideOutputs;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.routing.RouterCut;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;

/**
 * Where the reviews of the scoring operator's micro-batches go: a scored review on as a {@link
 * ScoredReview} with the version of the model that scored it and its {@link ScoringTimes}, once the
 * metrics and the router's cut have seen its prediction; a review the model could not score to the
 * dead letters as {@code SCORING_FAILED}. Task thread only.
 */
final class BatchOutputs {

    private final Output<StreamRecord<ScoredReview>> output;
    private final ProcessingTimeService time;
    private final BatchSettings settings;
    private final ScoringMetrics metrics;
    private final RouterCut routerCut;

    BatchOutputs(
            Output<StreamRecord<ScoredReview>> output,
            ProcessingTimeService time,
            BatchSettings settings,
            ScoringMetrics metrics,
            RouterCut routerCut) {
        this.output = output;
        this.time = time;
        this.settings = settings;
        this.metrics = metrics;
        this.routerCut = routerCut;
    }

    /**
     * Where the reviews of {@code batch} go, received at {@code receivedAt} (one time per review)
     * and scored from {@code batchStart} on by model {@code version}; records how long each waited
     * in the buffer.
     */
    BatchScorer.Results of(
            List<ParsedReview> batch, List<Long> receivedAt, long batchStart, String version) {
        Map<ParsedReview, Long> received = new IdentityHashMap<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            received.put(batch.get(i), receivedAt.get(i));
            metrics.bufferWaitMs.update(batchStart - receivedAt.get(i));
        }
        return new BatchScorer.Results() {
            @Override
            public void scored(ParsedReview review, Prediction prediction) {
                metrics.scored(prediction.uncertainty(UncertaintySignal.TOTAL));
                routerCut.emitted(prediction);
                output.collect(
                        new StreamRecord<>(
                                new ScoredReview(
                                        review,
                                        prediction,
                                        settings.mcSamples(),
                                        version,
                                        time.getCurrentProcessingTime(),
                                        new ScoringTimes(
                                                received.get(review), batchStart, batch.size()))));
            }

            @Override
            public void failed(ParsedReview review, String message) {
                output.collect(
                        SideOutputs.DEAD_LETTERS,
                        new StreamRecord<>(
                                DeadLetter.ofReview(
                                        review,
                                        DeadLetterReason.SCORING_FAILED,
                                        message,
                                        settings.maxDeadLetterPayloadBytes(),
                                        time.getCurrentProcessingTime())));
            }
        };
    }
}
