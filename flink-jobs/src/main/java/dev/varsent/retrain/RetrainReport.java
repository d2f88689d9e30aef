package dev.varsent.retrain;

import dev.varsent.registry.HistoryEvent;
import java.util.Locale;

/** One line describing a retrain decision, for the console. */
public final class RetrainReport {
    private RetrainReport() {}

    public static String line(HistoryEvent.Retrained d) {
        return String.format(
                Locale.ROOT,
                "%s %s (champion %s): %s | train %d, holdout %d, labelled %d",
                d.promoted() ? "PROMOTED" : "kept champion, challenger",
                d.challengerVersion(),
                d.championVersion() == null ? "none" : d.championVersion(),
                d.reason(),
                d.counts().getOrDefault("train", 0L),
                d.counts().getOrDefault("holdout", 0L),
                d.counts().getOrDefault("labelled", 0L));
    }
}
