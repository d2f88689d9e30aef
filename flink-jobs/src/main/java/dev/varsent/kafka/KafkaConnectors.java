package dev.varsent.kafka;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.DEAD_LETTER_MAX_PAYLOAD_BYTES;
import static dev.varsent.config.VarsentOptions.DELIVERY_GUARANTEE;
import static dev.varsent.config.VarsentOptions.GROUP_ID;
import static dev.varsent.config.VarsentOptions.STARTING_OFFSETS;
import static dev.varsent.config.VarsentOptions.TOPIC_DEAD_LETTERS;
import static dev.varsent.config.VarsentOptions.TOPIC_MODEL_UPDATES;
import static dev.varsent.config.VarsentOptions.TOPIC_PREDICTIONS;
import static dev.varsent.config.VarsentOptions.TOPIC_RELABEL;
import static dev.varsent.config.VarsentOptions.TOPIC_REVIEWS;
import static dev.varsent.config.VarsentOptions.TRANSACTIONAL_ID_PREFIX;
import static dev.varsent.config.VarsentOptions.TRANSACTION_TIMEOUT;

import dev.varsent.config.VarsentConfig;
import dev.varsent.events.DeadLetter;
import dev.varsent.events.DeadLetterReason;
import dev.varsent.events.EventJson;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.RawRecord;
import dev.varsent.events.RecordBounds;
import dev.varsent.events.RelabelRequest;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.ScoringTimes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The jobs' Flink Kafka sources and sinks, from the configuration (the plain clients of the tools
 * around them are {@link KafkaClients}'). Each takes the client pass-through properties ({@code
 * kafka.client.*}, {@link VarsentConfig#kafkaClientProperties()}) first; the bootstrap servers,
 * serializers and isolation level set here override them.
 */
public final class KafkaConnectors {

    private KafkaConnectors() {}

    /** Reads the reviews topic without end. */
    public static KafkaSource<RawRecord> reviewsSource(VarsentConfig config) {
        return reviewsSourceBuilder(config).build();
    }

    /**
     * Reads the reviews topic up to the offsets that are the latest when the job starts, then
     * finishes.
     */
    public static KafkaSource<RawRecord> boundedReviewsSource(VarsentConfig config) {
        return reviewsSourceBuilder(config).setBounded(OffsetsInitializer.latest()).build();
    }

    /**
     * Reads {@code topic.model-updates} without end, from the earliest offset when the job starts
     * without a checkpoint: the topic is compacted, so the first records are each model's latest
     * announcements, and the scorer skips the stale ones.
     */
    public static KafkaSource<RawRecord> modelUpdatesSource(VarsentConfig config) {
        return modelUpdatesSourceBuilder(config).build();
    }

    /**
     * Reads {@code topic.model-updates} up to the offsets that are the latest when the job starts,
     * then finishes.
     */
    public static KafkaSource<RawRecord> boundedModelUpdatesSource(VarsentConfig config) {
        return modelUpdatesSourceBuilder(config).setBounded(OffsetsInitializer.latest()).build();
    }

    private static KafkaSourceBuilder<RawRecord> modelUpdatesSourceBuilder(VarsentConfig config) {
        String groupId = config.get(GROUP_ID) + "-model-updates";
        return KafkaSource.<RawRecord>builder()
                .setProperties(config.kafkaClientProperties())
                .setBootstrapServers(config.get(BOOTSTRAP_SERVERS))
                .setTopics(config.get(TOPIC_MODEL_UPDATES))
                .setGroupId(groupId)
                .setClientIdPrefix(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawRecordDeserializer())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    /**
     * The whole topic {@code topic}, from the earliest offset to the latest as of the start;
     * committed records only.
     */
    public static KafkaSource<RawRecord> boundedCommittedSource(
            VarsentConfig config, String topic) {
        return KafkaSource.<RawRecord>builder()
                .setProperties(config.kafkaClientProperties())
                .setBootstrapServers(config.get(BOOTSTRAP_SERVERS))
                .setTopics(topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new RawRecordDeserializer())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .build();
    }

    private static KafkaSourceBuilder<RawRecord> reviewsSourceBuilder(VarsentConfig config) {
        return rawSourceBuilder(config, config.get(TOPIC_REVIEWS), config.get(GROUP_ID));
    }

    /**
     * Reads {@code topic} without end as raw records, {@code read_committed}, in consumer group
     * {@code groupId}, starting as {@code kafka.starting-offsets} says when there is no checkpoint.
     */
    public static KafkaSource<RawRecord> rawSource(
            VarsentConfig config, String topic, String groupId) {
        return rawSourceBuilder(config, topic, groupId).build();
    }

    private static KafkaSourceBuilder<RawRecord> rawSourceBuilder(
            VarsentConfig config, String topic, String groupId) {
        OffsetsInitializer start =
                switch (config.get(STARTING_OFFSETS)) {
                    case COMMITTED ->
                            OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                    case EARLIEST -> OffsetsInitializer.earliest();
                    case LATEST -> OffsetsInitializer.latest();
                };
        return KafkaSource.<RawRecord>builder()
                .setProperties(config.kafkaClientProperties())
                .setBootstrapServers(config.get(BOOTSTRAP_SERVERS))
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(groupId)
                .setStartingOffsets(start)
                .setDeserializer(new RawRecordDeserializer())
                // Reviews written by transactional producers are read only once committed.
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    /**
     * Predictions; one over its bound ({@link RecordBounds#prediction}) is dead-lettered as
     * RECORD_TOO_LARGE.
     */
    public static KafkaSink<ScoredReview> predictionsSink(VarsentConfig config) {
        int maxPayload = config.get(DEAD_LETTER_MAX_PAYLOAD_BYTES);
        return sink(
                config,
                "predictions",
                new JsonRecordSerializer<ScoredReview>(
                                config.get(TOPIC_PREDICTIONS),
                                scored -> utf8(scored.review().id()),
                                EventJson::prediction)
                        .bounded(
                                RecordBounds.from(config).prediction(),
                                config.get(TOPIC_DEAD_LETTERS),
                                (scored, bytes, limit) ->
                                        tooLarge(
                                                scored.review(),
                                                "prediction",
                                                bytes,
                                                limit,
                                                maxPayload))
                        .withHeaders(KafkaConnectors::scoringTimes));
    }

    /**
     * Relabel requests; one over its bound ({@link RecordBounds#relabelRequest}) is dead-lettered
     * as RECORD_TOO_LARGE.
     */
    public static KafkaSink<RelabelRequest> relabelSink(VarsentConfig config) {
        int maxPayload = config.get(DEAD_LETTER_MAX_PAYLOAD_BYTES);
        return sink(
                config,
                "relabel",
                new JsonRecordSerializer<RelabelRequest>(
                                config.get(TOPIC_RELABEL),
                                request -> utf8(request.scored().review().id()),
                                EventJson::relabelRequest)
                        .bounded(
                                RecordBounds.from(config).relabelRequest(),
                                config.get(TOPIC_DEAD_LETTERS),
                                (request, bytes, limit) ->
                                        tooLarge(
                                                request.scored().review(),
                                                "relabel request",
                                                bytes,
                                                limit,
                                                maxPayload))
                        .withHeaders(request -> scoringTimes(request.scored())));
    }

    /**
     * The {@link ScoringTimes} of a scored review as headers (decimal epoch millis and a count), so
     * that a consumer can tell where a review's latency went without a change to the JSON.
     */
    static Iterable<Header> scoringTimes(ScoredReview scored) {
        ScoringTimes times = scored.times();
        if (times == null) {
            return null;
        }
        return List.of(
                header(ScoringTimes.RECEIVED_HEADER, times.receivedTime()),
                header(ScoringTimes.BATCH_START_HEADER, times.batchStartTime()),
                header(ScoringTimes.BATCH_SIZE_HEADER, times.batchSize()));
    }

    private static Header header(String key, long value) {
        return new RecordHeader(key, utf8(Long.toString(value)));
    }

    private static DeadLetter tooLarge(
            ParsedReview review, String kind, long bytes, long limit, int maxPayload) {
        return DeadLetter.ofReview(
                review,
                DeadLetterReason.RECORD_TOO_LARGE,
                "its "
                        + kind
                        + " record would take "
                        + bytes
                        + " bytes, over the bound of "
                        + limit,
                maxPayload,
                System.currentTimeMillis());
    }

    /**
     * Keyed by the input record's key (the review id by convention), else by the id, else unkeyed.
     */
    public static KafkaSink<DeadLetter> deadLetterSink(VarsentConfig config) {
        return deadLetterSink(config, config.get(TRANSACTIONAL_ID_PREFIX));
    }

    /**
     * As {@link #deadLetterSink(VarsentConfig)}, for a job whose transactional ids start with
     * {@code jobPrefix}.
     */
    public static KafkaSink<DeadLetter> deadLetterSink(VarsentConfig config, String jobPrefix) {
        return sink(
                config,
                jobPrefix,
                "dead-letters",
                new JsonRecordSerializer<DeadLetter>(
                                config.get(TOPIC_DEAD_LETTERS),
                                letter ->
                                        letter.key() != null
                                                ? letter.key()
                                                : letter.id() != null ? utf8(letter.id()) : null,
                                EventJson::deadLetter)
                        .bounded(RecordBounds.from(config).deadLetter(), null, null));
    }

    private static <T> KafkaSink<T> sink(
            VarsentConfig config, String name, KafkaRecordSerializationSchema<T> serializer) {
        return sink(config, config.get(TRANSACTIONAL_ID_PREFIX), name, serializer);
    }

    /**
     * A sink with the configured delivery guarantee. Each sink gets its own transactional id
     * prefix, {@code jobPrefix-name}: sinks sharing one would fence each other.
     */
    public static <T> KafkaSink<T> sink(
            VarsentConfig config,
            String jobPrefix,
            String name,
            KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(config.kafkaClientProperties())
                .setBootstrapServers(config.get(BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(config.get(DELIVERY_GUARANTEE).toFlink())
                .setTransactionalIdPrefix(jobPrefix + "-" + name)
                .setProperty(
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        Long.toString(config.get(TRANSACTION_TIMEOUT).toMillis()))
                .build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
