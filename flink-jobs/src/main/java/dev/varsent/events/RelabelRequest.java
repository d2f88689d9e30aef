package dev.varsent.events;

import dev.varsent.predict.UncertaintySignal;

/**
 * A scored review too uncertain to trust, with the routing rule and the uncertainty signal that
 * sent it for relabelling.
 */
public record RelabelRequest(ScoredReview scored, String rule, UncertaintySignal signal) {}
