package dev.varsent.train;

/** A review text with its rating in [0,1] and a stable id, as the retraining loop trains on it. */
public record LabelledText(String id, String text, double rating) {

    public LabelledText {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(
                    "labelled text needs a non-blank id, got "
                            + (id == null ? "null" : "'" + id + "'"));
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("labelled text " + id + " has a blank text");
        }
        if (!(Double.isFinite(rating) && rating >= 0 && rating <= 1)) {
            throw new IllegalArgumentException(
                    "labelled text "
                            + id
                            + ": rating must be a finite number in [0,1], got "
                            + rating);
        }
    }
}
