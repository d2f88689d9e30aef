package dev.varsent.events;

/**
 * A record of the reviews topic as it came off Kafka, before any decoding, so that bytes which are
 * not valid UTF-8 or not JSON still reach the dead-letter topic unchanged. {@code key} and {@code
 * value} may be null (a tombstone has a null value).
 */
public record RawRecord(SourcePosition position, byte[] key, byte[] value) {}
