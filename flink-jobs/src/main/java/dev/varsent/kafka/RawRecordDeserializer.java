package dev.varsent.kafka;

import dev.varsent.events.RawRecord;
import dev.varsent.events.SourcePosition;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Passes each Kafka record on as raw bytes with its topic, partition, offset and timestamp. It
 * never throws: decoding and validation happen in the job, where a bad record becomes a dead letter
 * instead of failing the source.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        out.collect(raw(record));
    }

    /** {@code record}'s bytes with where it was read. */
    public static RawRecord raw(ConsumerRecord<byte[], byte[]> record) {
        return new RawRecord(
                new SourcePosition(
                        record.topic(), record.partition(), record.offset(), record.timestamp()),
                record.key(),
                record.value());
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
