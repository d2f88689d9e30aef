package dev.varsent.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainedHistoryTest {

    @TempDir Path dir;

    @Test
    void aRetrainDecisionIsRecordedAndReadBack() throws Exception {
        ModelRegistry registry = ModelRegistry.at(dir.toString());
        HistoryEvent.Retrained kept =
                new HistoryEvent.Retrained(
                        Instant.parse("2026-11-22T08:30:00.123Z"),
                        "sentiment-2",
                        "sentiment-1",
                        false,
                        "champion kept: holdout RMSE 0.2 vs 0.19",
                        Map.of(
                                "challenger_holdout_rmse",
                                0.2,
                                "champion_holdout_rmse",
                                0.19,
                                "margin",
                                0.002),
                        Map.of("train", 800L, "holdout", 200L, "labelled", 40L, "base", 960L));
        HistoryEvent.Retrained first =
                new HistoryEvent.Retrained(
                        Instant.parse("2026-11-22T08:00:00Z"),
                        "sentiment-1",
                        null,
                        true,
                        "no champion to beat",
                        Map.of(
                                "challenger_holdout_rmse",
                                0.19,
                                "champion_holdout_rmse",
                                Double.NaN),
                        Map.of("train", 800L));
        registry.recordRetrain(first);
        registry.recordRetrain(kept);

        List<HistoryEvent> history = registry.history();
        assertEquals(2, history.size());
        HistoryEvent.Retrained readFirst = (HistoryEvent.Retrained) history.get(0);
        assertNull(readFirst.championVersion());
        assertEquals(
                Map.of("challenger_holdout_rmse", 0.19),
                readFirst.scores(),
                "a NaN score is left out");
        assertEquals(kept, history.get(1));
    }
}
