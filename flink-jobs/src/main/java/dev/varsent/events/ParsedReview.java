package dev.varsent.events;

/**
 * A review that passed validation. {@code eventTime} is the review's own timestamp when it had one,
 * else the Kafka record's timestamp. {@code source}, {@code product} and {@code rating} may be
 * null.
 */
public record ParsedReview(
        String id,
        String text,
        String source,
        String product,
        Double rating,
        long eventTime,
        SourcePosition position) {}
