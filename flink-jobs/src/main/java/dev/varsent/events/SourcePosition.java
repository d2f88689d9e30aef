package dev.varsent.events;

/**
 * Where a record was read: Kafka topic, partition, offset and the record's timestamp (epoch
 * millis).
 */
public record SourcePosition(String topic, int partition, long offset, long timestamp) {

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
