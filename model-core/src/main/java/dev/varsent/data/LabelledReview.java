package dev.varsent.data;

import java.util.Objects;

/**
 * A review labelled by a user, either for regression ({@code rating} in [0,1], {@code label} null)
 * or for classification ({@code label} 1 = positive, 0 = negative, {@code rating} NaN).
 */
public record LabelledReview(String id, String text, double rating, Integer label) {

    public static final int NEGATIVE = 0;
    public static final int POSITIVE = 1;

    public LabelledReview {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (label == null) {
            if (!(rating >= 0.0 && rating <= 1.0)) {
                throw new IllegalArgumentException("rating must lie in [0,1], got " + rating);
            }
        } else {
            if (label != NEGATIVE && label != POSITIVE) {
                throw new IllegalArgumentException("label must be 0 or 1, got " + label);
            }
            if (!Double.isNaN(rating)) {
                throw new IllegalArgumentException(
                        "a classification review has no rating, got " + rating);
            }
        }
    }

    public static LabelledReview regression(String id, String text, double rating) {
        return new LabelledReview(id, text, rating, null);
    }

    public static LabelledReview classification(String id, String text, int label) {
        return new LabelledReview(id, text, Double.NaN, label);
    }

    public boolean isClassification() {
        return label != null;
    }
}
