package dev.varsent.scoring;

import static dev.varsent.config.VarsentOptions.DEAD_LETTER_MAX_PAYLOAD_BYTES;
import static dev.varsent.config.VarsentOptions.REGISTRY_MODEL_NAME;
import static dev.varsent.config.VarsentOptions.TOPIC_DEAD_LETTERS;
import static dev.varsent.config.VarsentOptions.TOPIC_PREDICTIONS;
import static dev.varsent.config.VarsentOptions.TOPIC_RELABEL;

import dev.varsent.config.VarsentConfig;
import dev.varsent.events.DeadLetter;
import dev.varsent.events.InputLimits;
import dev.varsent.events.ParsedReview;
import dev.varsent.events.RawRecord;
import dev.varsent.events.RecordBounds;
import dev.varsent.events.RelabelRequest;
import dev.varsent.events.ScoredReview;
import dev.varsent.events.SideOutputs;
import dev.varsent.flink.JobEnvironments;
import dev.varsent.kafka.KafkaConnectors;
import dev.varsent.kafka.TopicSizeCheck;
import dev.varsent.registry.ModelUpdate;
import dev.varsent.routing.RouteByUncertainty;
import dev.varsent.routing.RoutingSettings;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming scoring job:
 *
 * <pre>
 * reviews (Kafka, raw bytes) -> Parse and validate -> Score (MC dropout, micro-batched) -> Route by uncertainty
 *                                      |                 ^   |                                   |-> predictions
 *                                      |                 |   |                                   +-> relabel-requests
 * model-updates (Kafka) -> Parse model updates ---(broadcast)
 *                                      |                     |
 *                                      +---- dead letters ---+-> Count dead letters -> dead-letters
 * </pre>
 *
 * Every input record ends in exactly one of the three outputs. The model updates of the served
 * model ({@code registry.model-name}) reach every scoring subtask, which switches to the announced
 * version without a restart ({@link MicroBatchScoringOperator}); invalid ones are dead-lettered.
 * The sources, the sinks and the initial model are given to the constructor so that tests and the
 * local run can choose them.
 *
 * <p>Operator names are plain words: Flink's REST API shows a metric as {@code <subtask>.<operator
 * name with spaces as underscores>.<group>.<metric>}, e.g. {@code
 * 0.Score_with_MC_dropout.varsent.recordsScored}.
 */
public final class ScoringJob {

    public static final String SOURCE_NAME = "Read reviews";
    public static final String SOURCE_UID = "reviews-source";
    public static final String PARSE_NAME = "Parse and validate";
    public static final String PARSE_UID = "parse-and-validate";
    public static final String MODEL_UPDATES_SOURCE_NAME = "Read model updates";
    public static final String MODEL_UPDATES_SOURCE_UID = "model-updates-source";
    public static final String PARSE_MODEL_UPDATES_NAME = "Parse model updates";
    public static final String PARSE_MODEL_UPDATES_UID = "parse-model-updates";
    public static final String SCORE_NAME = "Score with MC dropout";
    public static final String SCORE_UID = "score-mc-dropout";
    public static final String ROUTE_NAME = "Route by uncertainty";
    public static final String ROUTE_UID = "route-by-uncertainty";
    public static final String COUNT_DEAD_LETTERS_NAME = "Count dead letters";
    public static final String COUNT_DEAD_LETTERS_UID = "count-dead-letters";
    public static final String PREDICTIONS_SINK_NAME = "Write predictions";
    public static final String PREDICTIONS_SINK_UID = "predictions-sink";
    public static final String RELABEL_SINK_NAME = "Write relabel requests";
    public static final String RELABEL_SINK_UID = "relabel-requests-sink";
    public static final String DEAD_LETTER_SINK_NAME = "Write dead letters";
    public static final String DEAD_LETTER_SINK_UID = "dead-letters-sink";

    private final VarsentConfig config;
    private final Source<RawRecord, ?, ?> source;
    private final Source<RawRecord, ?, ?> modelUpdatesSource;
    private final Sink<ScoredReview> predictionsSink;
    private final Sink<RelabelRequest> relabelSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final PredictorFactory predictorFactory;

    public ScoringJob(
            VarsentConfig config,
            Source<RawRecord, ?, ?> source,
            Source<RawRecord, ?, ?> modelUpdatesSource,
            Sink<ScoredReview> predictionsSink,
            Sink<RelabelRequest> relabelSink,
            Sink<DeadLetter> deadLetterSink,
            PredictorFactory predictorFactory) {
        this.config = config;
        this.source = source;
        this.modelUpdatesSource = modelUpdatesSource;
        this.predictionsSink = predictionsSink;
        this.relabelSink = relabelSink;
        this.deadLetterSink = deadLetterSink;
        this.predictorFactory = predictorFactory;
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
                        config.get(TOPIC_PREDICTIONS),
                        bounds.prediction(),
                        config.get(TOPIC_RELABEL),
                        bounds.relabelRequest(),
                        config.get(TOPIC_DEAD_LETTERS),
                        bounds.deadLetter()));
    }

    /**
     * The job on the configured Kafka topics, reading without end ({@link #checkOutputTopics}
     * first).
     */
    public static ScoringJob onKafka(VarsentConfig config, PredictorFactory predictorFactory) {
        return new ScoringJob(
                config,
                KafkaConnectors.reviewsSource(config),
                KafkaConnectors.modelUpdatesSource(config),
                KafkaConnectors.predictionsSink(config),
                KafkaConnectors.relabelSink(config),
                KafkaConnectors.deadLetterSink(config),
                predictorFactory);
    }

    /**
     * Configures {@code env} (checkpointing, parallelism, {@code flink.*} options) and adds the
     * job's pipeline to it.
     */
    public StreamExecutionEnvironment build(StreamExecutionEnvironment env) {
        JobEnvironments.configureStreaming(env, config);

        SingleOutputStreamOperator<ParsedReview> parsed =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), SOURCE_NAME)
                        .uid(SOURCE_UID)
                        .process(
                                new ParseReviews(
                                        InputLimits.from(config),
                                        config.get(DEAD_LETTER_MAX_PAYLOAD_BYTES)))
                        .name(PARSE_NAME)
                        .uid(PARSE_UID);

        // One reader is enough: a model's updates are few and in one partition (keyed by model
        // name).
        SingleOutputStreamOperator<ModelUpdate> modelUpdates =
                env.fromSource(
                                modelUpdatesSource,
                                WatermarkStrategy.noWatermarks(),
                                MODEL_UPDATES_SOURCE_NAME)
                        .uid(MODEL_UPDATES_SOURCE_UID)
                        .setParallelism(1)
                        .process(
                                new ParseModelUpdates(
                                        config.get(REGISTRY_MODEL_NAME),
                                        config.get(DEAD_LETTER_MAX_PAYLOAD_BYTES)))
                        .name(PARSE_MODEL_UPDATES_NAME)
                        .uid(PARSE_MODEL_UPDATES_UID)
                        .setParallelism(1);

        SingleOutputStreamOperator<ScoredReview> scored =
                parsed.connect(modelUpdates.broadcast())
                        .transform(
                                SCORE_NAME,
                                TypeInformation.of(ScoredReview.class),
                                new MicroBatchScoringOperatorFactory(
                                        BatchSettings.from(config),
                                        predictorFactory,
                                        RegistryGate.from(config)))
                        .uid(SCORE_UID);

        SingleOutputStreamOperator<ScoredReview> confident =
                scored.process(new RouteByUncertainty(RoutingSettings.from(config)))
                        .name(ROUTE_NAME)
                        .uid(ROUTE_UID);

        confident.sinkTo(predictionsSink).name(PREDICTIONS_SINK_NAME).uid(PREDICTIONS_SINK_UID);
        confident
                .getSideOutput(SideOutputs.RELABEL_REQUESTS)
                .sinkTo(relabelSink)
                .name(RELABEL_SINK_NAME)
                .uid(RELABEL_SINK_UID);

        DataStream<DeadLetter> deadLetters =
                parsed.getSideOutput(SideOutputs.DEAD_LETTERS)
                        .union(
                                modelUpdates.getSideOutput(SideOutputs.DEAD_LETTERS),
                                scored.getSideOutput(SideOutputs.DEAD_LETTERS));
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
