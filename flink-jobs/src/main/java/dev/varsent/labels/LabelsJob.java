package dev.varsent.labels;

import static dev.varsent.config.VarsentOptions.DEAD_LETTER_MAX_PAYLOAD_BYTES;
import static dev.varsent.config.VarsentOptions.LABELS_GROUP_ID;
import static dev.varsent.config.VarsentOptions.LABELS_MATCH_TIMEOUT;
import static dev.varsent.config.VarsentOptions.LABELS_REQUEST_TTL;
import static dev.varsent.config.VarsentOptions.LABELS_TRANSACTIONAL_ID_PREFIX;
import static dev.varsent.config.VarsentOptions.TOPIC_DEAD_LETTERS;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELLED_EXAMPLES;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELS;
import static dev.varsent.config.VarsentOptions.TOPIC_RELABEL;

import dev.varsent.config.VarsentConfig;
import dev.varsent.events.DeadLetter;
import dev.varsent.events.InputLimits;
import dev.varsent.events.RawRecord;
import dev.varsent.events.RecordBounds;
import dev.varsent.events.SideOutputs;
import dev.varsent.flink.JobEnvironments;
import dev.varsent.kafka.JsonRecordSerializer;
import dev.varsent.kafka.KafkaConnectors;
import dev.varsent.kafka.TopicSizeCheck;
import dev.varsent.scoring.CountDeadLetters;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming labels job: joins the labels that come back with the relabel requests that asked
 * for them and keeps the result in the labelled-example store.
 *
 * <pre>
 * relabel-requests (Kafka) -> Parse relabel requests --+ keyed by review id
 * labels (Kafka)           -> Parse labels ------------+-> Match labels with requests -> labelled-examples (compacted)
 *                                   |                             |
 *                                   +------- dead letters --------+-> Count dead letters -> dead-letters
 * </pre>
 *
 * Every label record ends in exactly one of the labelled examples and the dead letters (see {@link
 * MatchLabels}). Delivery is exactly-once by default: checkpoints, transactional sinks with their
 * own transactional id prefix ({@code labels.transactional-id-prefix}), {@code read_committed}
 * sources.
 */
public final class LabelsJob {

    public static final String REQUESTS_SOURCE_NAME = "Read relabel requests";
    public static final String REQUESTS_SOURCE_UID = "labels-relabel-requests-source";
    public static final String LABELS_SOURCE_NAME = "Read labels";
    public static final String LABELS_SOURCE_UID = "labels-source";
    public static final String PARSE_REQUESTS_NAME = "Parse relabel requests";
    public static final String PARSE_REQUESTS_UID = "labels-parse-relabel-requests";
    public static final String PARSE_LABELS_NAME = "Parse labels";
    public static final String PARSE_LABELS_UID = "labels-parse-labels";
    public static final String MATCH_NAME = "Match labels with requests";
    public static final String MATCH_UID = "labels-match";
    public static final String COUNT_DEAD_LETTERS_NAME = "Count label dead letters";
    public static final String COUNT_DEAD_LETTERS_UID = "labels-count-dead-letters";
    public static final String EXAMPLES_SINK_NAME = "Write labelled examples";
    public static final String EXAMPLES_SINK_UID = "labels-labelled-examples-sink";
    public static final String DEAD_LETTER_SINK_NAME = "Write label dead letters";
    public static final String DEAD_LETTER_SINK_UID = "labels-dead-letters-sink";

    private final VarsentConfig config;
    private final Source<RawRecord, ?, ?> requestsSource;
    private final Source<RawRecord, ?, ?> labelsSource;
    private final Sink<LabelledExample> examplesSink;
    private final Sink<DeadLetter> deadLetterSink;

    public LabelsJob(
            VarsentConfig config,
            Source<RawRecord, ?, ?> requestsSource,
            Source<RawRecord, ?, ?> labelsSource,
            Sink<LabelledExample> examplesSink,
            Sink<DeadLetter> deadLetterSink) {
        this.config = config;
        this.requestsSource = requestsSource;
        this.labelsSource = labelsSource;
        this.examplesSink = examplesSink;
        this.deadLetterSink = deadLetterSink;
    }

    /**
     * Refuses to start ({@code ConfigException}) unless each output topic on Kafka, and the
     * producers, can hold the largest record this job may write to it ({@link RecordBounds}). Call
     * before submitting.
     */
    public static void checkOutputTopics(VarsentConfig config) {
        RecordBounds bounds = RecordBounds.from(config);
        TopicSizeCheck.verify(
                config,
                Map.of(
                        config.get(TOPIC_LABELLED_EXAMPLES),
                        bounds.labelledExample(),
                        config.get(TOPIC_DEAD_LETTERS),
                        bounds.deadLetter()));
    }

    /**
     * The job on the configured Kafka topics, reading without end ({@link #checkOutputTopics}
     * first).
     */
    public static LabelsJob onKafka(VarsentConfig config) {
        String group = config.get(LABELS_GROUP_ID);
        return new LabelsJob(
                config,
                KafkaConnectors.rawSource(config, config.get(TOPIC_RELABEL), group),
                KafkaConnectors.rawSource(config, config.get(TOPIC_LABELS), group),
                labelledExamplesSink(config),
                KafkaConnectors.deadLetterSink(config, config.get(LABELS_TRANSACTIONAL_ID_PREFIX)));
    }

    /** Writes each example to {@code topic.labelled-examples}, keyed by review id. */
    public static KafkaSink<LabelledExample> labelledExamplesSink(VarsentConfig config) {
        return KafkaConnectors.sink(
                config,
                config.get(LABELS_TRANSACTIONAL_ID_PREFIX),
                "labelled-examples",
                new JsonRecordSerializer<>(
                        config.get(TOPIC_LABELLED_EXAMPLES),
                        LabelledExample::key,
                        LabelledExample::toJson));
    }

    /**
     * Configures {@code env} (checkpointing, parallelism, {@code flink.*} options) and adds the
     * job's pipeline to it.
     */
    public StreamExecutionEnvironment build(StreamExecutionEnvironment env) {
        JobEnvironments.configureStreaming(env, config);
        int maxPayload = config.get(DEAD_LETTER_MAX_PAYLOAD_BYTES);
        InputLimits limits = InputLimits.from(config);

        SingleOutputStreamOperator<LabelRequest> requests =
                env.fromSource(
                                requestsSource,
                                WatermarkStrategy.noWatermarks(),
                                REQUESTS_SOURCE_NAME)
                        .uid(REQUESTS_SOURCE_UID)
                        .process(new ParseRelabelRequests(limits, maxPayload))
                        .name(PARSE_REQUESTS_NAME)
                        .uid(PARSE_REQUESTS_UID);

        SingleOutputStreamOperator<IncomingLabel> labels =
                env.fromSource(labelsSource, WatermarkStrategy.noWatermarks(), LABELS_SOURCE_NAME)
                        .uid(LABELS_SOURCE_UID)
                        .process(new ParseLabels(limits, maxPayload))
                        .name(PARSE_LABELS_NAME)
                        .uid(PARSE_LABELS_UID);

        SingleOutputStreamOperator<LabelledExample> examples =
                requests.keyBy(LabelRequest::id, Types.STRING)
                        .connect(labels.keyBy(IncomingLabel::id, Types.STRING))
                        .process(
                                new MatchLabels(
                                        config.get(LABELS_MATCH_TIMEOUT).toMillis(),
                                        config.get(LABELS_REQUEST_TTL).toMillis(),
                                        maxPayload))
                        .name(MATCH_NAME)
                        .uid(MATCH_UID);

        examples.sinkTo(examplesSink).name(EXAMPLES_SINK_NAME).uid(EXAMPLES_SINK_UID);

        DataStream<DeadLetter> deadLetters =
                requests.getSideOutput(SideOutputs.DEAD_LETTERS)
                        .union(
                                labels.getSideOutput(SideOutputs.DEAD_LETTERS),
                                examples.getSideOutput(SideOutputs.DEAD_LETTERS));
        deadLetters
                .map(new CountDeadLetters())
                .name(COUNT_DEAD_LETTERS_NAME)
                .uid(COUNT_DEAD_LETTERS_UID)
                .sinkTo(deadLetterSink)
                .name(DEAD_LETTER_SINK_NAME)
                .uid(DEAD_LETTER_SINK_UID);
        return env;
    }
}
