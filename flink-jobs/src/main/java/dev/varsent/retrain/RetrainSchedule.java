package dev.varsent.retrain;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;

/**
 * When to retrain: after {@code minNewLabels} new labels, and/or every {@code intervalMs} as long
 * as at least one new label came in (0 switches a trigger off). Without new labels a retrain would
 * see the data the champion was chosen on, so it never runs.
 */
public record RetrainSchedule(long intervalMs, long minNewLabels) {

    public RetrainSchedule {
        if (intervalMs < 0 || minNewLabels < 0) {
            throw new IllegalArgumentException("interval and label count must not be negative");
        }
    }

    public static RetrainSchedule from(VarsentConfig config) {
        return new RetrainSchedule(
                config.get(VarsentOptions.RETRAIN_INTERVAL).toMillis(),
                config.get(VarsentOptions.RETRAIN_MIN_NEW_LABELS));
    }

    /** False when both triggers are off: retraining then runs only on request. */
    public boolean enabled() {
        return intervalMs > 0 || minNewLabels > 0;
    }

    public boolean due(long newLabels, long msSinceLastRetrain) {
        if (newLabels <= 0) {
            return false;
        }
        return (minNewLabels > 0 && newLabels >= minNewLabels)
                || (intervalMs > 0 && msSinceLastRetrain >= intervalMs);
    }

    public String describe() {
        if (!enabled()) {
            return "off";
        }
        String labels = minNewLabels > 0 ? "after " + minNewLabels + " new labels" : "";
        String interval = intervalMs > 0 ? "every " + intervalMs / 1000 + " s with new labels" : "";
        return labels.isEmpty()
                ? interval
                : interval.isEmpty() ? labels : labels + " or " + interval;
    }
}
