package dev.varsent.events;

/** A scored review too uncertain to trust, with the routing rule that sent it for relabelling. */
public record RelabelRequest(ScoredReview scored, String rule) {
}
