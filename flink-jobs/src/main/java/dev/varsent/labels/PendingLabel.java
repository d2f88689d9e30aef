package dev.varsent.labels;

/**
 * A label waiting for its relabel request until {@code expiresAt} (processing time, epoch millis).
 */
public record PendingLabel(IncomingLabel incoming, long expiresAt) {}
