package dev.varsent.kafka;

import dev.varsent.events.DeadLetter;
import dev.varsent.events.EventJson;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Writes each element to one topic as {@code key -> JSON value}. The record timestamp is left to
 * the producer (the time of writing); the event time travels inside the JSON.
 *
 * <p>With a size bound ({@link #bounded}): a record whose key and value exceed it is not written to
 * its topic, where the producer would refuse it and the job would restart on it again and again;
 * its dead letter ({@code RECORD_TOO_LARGE}, built by {@code overflow}) goes to the dead-letter
 * topic instead, in the same transaction. The bounds are checked against the topics at start
 * ({@link TopicSizeCheck}), so this only catches a bound that is wrong, e.g. after an output gained
 * fields.
 *
 * <p>With {@link #withHeaders}, each record also gets the element's headers (a few small numbers:
 * they count towards the record's size like its key and value).
 */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /**
     * Builds the dead letter of an element whose record would take {@code bytes}, over {@code
     * limit}.
     */
    @FunctionalInterface
    public interface Overflow<T> extends java.io.Serializable {
        DeadLetter deadLetter(T element, long bytes, long limit);
    }

    private final String topic;
    private final SerializableFunction<T, byte[]> key;
    private final SerializableFunction<T, byte[]> value;
    private final long maxRecordBytes;
    private final String deadLetterTopic;
    private final Overflow<T> overflow;
    private final SerializableFunction<T, Iterable<Header>> headers;

    public JsonRecordSerializer(
            String topic,
            SerializableFunction<T, byte[]> key,
            SerializableFunction<T, byte[]> value) {
        this(topic, key, value, Long.MAX_VALUE, null, null, null);
    }

    private JsonRecordSerializer(
            String topic,
            SerializableFunction<T, byte[]> key,
            SerializableFunction<T, byte[]> value,
            long maxRecordBytes,
            String deadLetterTopic,
            Overflow<T> overflow,
            SerializableFunction<T, Iterable<Header>> headers) {
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.maxRecordBytes = maxRecordBytes;
        this.deadLetterTopic = deadLetterTopic;
        this.overflow = overflow;
        this.headers = headers;
    }

    /**
     * This serializer, sending a record over {@code maxRecordBytes} to {@code deadLetterTopic} as
     * {@code overflow} says.
     */
    public JsonRecordSerializer<T> bounded(
            long maxRecordBytes, String deadLetterTopic, Overflow<T> overflow) {
        return new JsonRecordSerializer<>(
                topic, key, value, maxRecordBytes, deadLetterTopic, overflow, headers);
    }

    /** This serializer, adding {@code headers} of each element (none when it returns null). */
    public JsonRecordSerializer<T> withHeaders(SerializableFunction<T, Iterable<Header>> headers) {
        return new JsonRecordSerializer<>(
                topic, key, value, maxRecordBytes, deadLetterTopic, overflow, headers);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        byte[] k = key.apply(element);
        byte[] v = value.apply(element);
        Iterable<Header> h = headers == null ? null : headers.apply(element);
        long bytes = (k == null ? 0 : k.length) + (long) v.length + headerBytes(h);
        if (bytes <= maxRecordBytes) {
            return new ProducerRecord<>(topic, null, null, k, v, h);
        }
        if (overflow == null) {
            throw new IllegalStateException(
                    "a record for "
                            + topic
                            + " takes "
                            + bytes
                            + " bytes, over its bound of "
                            + maxRecordBytes
                            + "; it cannot be written (and neither dead-lettered)");
        }
        DeadLetter letter = overflow.deadLetter(element, bytes, maxRecordBytes);
        return new ProducerRecord<>(
                deadLetterTopic, null, null, letter.key(), EventJson.deadLetter(letter));
    }

    private static long headerBytes(Iterable<Header> headers) {
        long bytes = 0;
        if (headers != null) {
            for (Header header : headers) {
                bytes += header.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                bytes += header.value() == null ? 0 : header.value().length;
            }
        }
        return bytes;
    }
}
