package dev.varsent.retrain;

import dev.varsent.registry.HistoryEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one retrain decided, with both scores and the data counts: the retrain job's output and, as
 * a {@code retrained} event, a line of the registry's history. {@code championVersion} is null and
 * {@code championRmse} NaN when there was no champion.
 */
public record RetrainDecision(
        long decidedAt,
        String challengerVersion,
        String championVersion,
        boolean promoted,
        String reason,
        double challengerRmse,
        double championRmse,
        double margin,
        String start,
        long trainExamples,
        long holdoutExamples,
        long labelledExamples,
        long baseExamples,
        double trainSeconds,
        String backend) {

    public HistoryEvent.Retrained toHistoryEvent() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("challenger_holdout_rmse", challengerRmse);
        scores.put("champion_holdout_rmse", championRmse);
        scores.put("margin", margin);
        scores.put("train_seconds", trainSeconds);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("train", trainExamples);
        counts.put("holdout", holdoutExamples);
        counts.put("labelled", labelledExamples);
        counts.put("base", baseExamples);
        return new HistoryEvent.Retrained(
                Instant.ofEpochMilli(decidedAt),
                challengerVersion,
                championVersion,
                promoted,
                reason + " [start " + start + ", backend " + backend + "]",
                scores,
                counts);
    }
}
