package dev.varsent.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.events.StrictJson;
import java.nio.charset.StandardCharsets;

/**
 * An answer to a relabel request, as carried by {@code topic.labels}: the review's {@code id}, its
 * {@code rating} in [0, 1] (a label given as class {@code pos}/{@code neg} arrives as 1.0/0.0), who
 * or what gave it ({@code labeler}) and when ({@code labelledAt}, epoch millis).
 */
public record Label(String id, double rating, String labeler, long labelledAt) {

    /** The record key: the review id, UTF-8, so that all labels of a review share a partition. */
    public byte[] key() {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    /** The record value: {@code {"id","rating","labeler","labelled_at"}}. */
    public byte[] toJson() {
        ObjectNode json = StrictJson.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("rating", rating);
        json.put("labeler", labeler);
        json.put("labelled_at", labelledAt);
        try {
            return StrictJson.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
