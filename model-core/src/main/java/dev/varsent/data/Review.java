package dev.varsent.data;

import java.util.Objects;

/**
 * One review of the scale dataset: {@code id} is {@code author/sourceId}, {@code rating} in [0,1].
 */
public record Review(String id, String text, double rating) {

    public Review {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
