package dev.varsent.retrain;

import dev.varsent.train.LabelledText;
import java.util.Comparator;
import java.util.Objects;

/**
 * One example of the retrain job: a review text with its rating in [0,1], from the base corpus or
 * from the labelled-example store, and when it was labelled (epoch ms; 0 for the base corpus).
 */
public record TrainingExample(
        String id, String text, double rating, Origin origin, long labelledAt) {

    public enum Origin {
        BASE,
        LABELLED
    }

    /**
     * Which of two examples with the same id a retrain uses: a label over the base corpus, then the
     * latest label.
     */
    static final Comparator<TrainingExample> PRECEDENCE =
            Comparator.comparing(TrainingExample::origin)
                    .thenComparingLong(TrainingExample::labelledAt)
                    .thenComparingDouble(TrainingExample::rating)
                    .thenComparing(TrainingExample::text);

    public TrainingExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * The one of {@code a} and {@code b} (same id) that wins; the same whichever order they come
     * in.
     */
    public static TrainingExample latest(TrainingExample a, TrainingExample b) {
        return PRECEDENCE.compare(a, b) >= 0 ? a : b;
    }

    public LabelledText toLabelledText() {
        return new LabelledText(id, text, rating);
    }
}
