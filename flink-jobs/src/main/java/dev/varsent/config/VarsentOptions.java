package dev.varsent.config;

import static dev.varsent.config.OptionTypes.between;
import static dev.varsent.config.OptionTypes.bool;
import static dev.varsent.config.OptionTypes.choice;
import static dev.varsent.config.OptionTypes.duration;
import static dev.varsent.config.OptionTypes.formerlySeconds;
import static dev.varsent.config.OptionTypes.fraction;
import static dev.varsent.config.OptionTypes.integer;
import static dev.varsent.config.OptionTypes.longValue;
import static dev.varsent.config.OptionTypes.optionalFraction;
import static dev.varsent.config.OptionTypes.optionalString;
import static dev.varsent.config.OptionTypes.positive;
import static dev.varsent.config.OptionTypes.string;

import dev.varsent.nn.CellType;
import dev.varsent.predict.UncertaintySignal;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.CoreOptions;

/**
 * Every configuration key of varsent's jobs and commands, with its default, as Flink options. Three
 * are Flink's own keys ({@code parallelism.default}, {@code execution.checkpointing.interval} and
 * {@code .timeout}): the jobs read them as Flink does, so {@code flink run -p} and {@code -D} set
 * them on a cluster. Renamed keys stay readable under their old names (deprecated keys; a warning
 * says the new name).
 */
public final class VarsentOptions {

    /**
     * Keys under this prefix go, without it, to every Kafka client of the job (e.g. security
     * settings).
     */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

    /** Keys under this prefix go, without it, into the Flink configuration of the job. */
    public static final String FLINK_PREFIX = "flink.";

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            string(
                    "kafka.bootstrap-servers",
                    "localhost:9092",
                    "Kafka bootstrap servers, host:port[,host:port...]");
    public static final ConfigOption<String> GROUP_ID =
            string(
                    "kafka.group-id",
                    "varsent-scoring",
                    "consumer group of the reviews source (offsets are committed on checkpoints)");
    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS =
            choice(
                    "kafka.starting-offsets",
                    StartingOffsets.COMMITTED,
                    "where the reviews source starts without a checkpoint: committed (else earliest), earliest or latest");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            string(
                    "kafka.transactional-id-prefix",
                    "varsent-scoring",
                    "prefix of the sinks' transactional ids; unique per job on a Kafka cluster");
    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            duration(
                            "kafka.transaction-timeout",
                            Duration.ofMinutes(10),
                            Duration.ofSeconds(1),
                            Duration.ofDays(1),
                            "producer transaction timeout; above the checkpoint interval, at most the broker's transaction.max.timeout.ms")
                    .withDeprecatedKeys("kafka.transaction-timeout-ms");

    public static final ConfigOption<String> TOPIC_REVIEWS =
            string("topic.reviews", "reviews", "input topic of review events");
    public static final ConfigOption<String> TOPIC_PREDICTIONS =
            string("topic.predictions", "predictions", "output topic of confident predictions");
    public static final ConfigOption<String> TOPIC_RELABEL =
            string(
                    "topic.relabel-requests",
                    "relabel-requests",
                    "output topic of doubtful predictions to relabel");
    public static final ConfigOption<String> TOPIC_DEAD_LETTERS =
            string(
                    "topic.dead-letters",
                    "dead-letters",
                    "output topic of records that could not be scored");
    public static final ConfigOption<String> TOPIC_MODEL_UPDATES =
            string(
                    "topic.model-updates",
                    "model-updates",
                    "topic on which every promotion of a model version is announced");

    public static final ConfigOption<Integer> MC_SAMPLES =
            integer(
                    "scoring.mc-samples",
                    10,
                    1,
                    1000,
                    "K: MC dropout passes per review (1 = deterministic, dropout off)");
    public static final ConfigOption<Integer> BATCH_SIZE =
            integer(
                    "scoring.batch-size",
                    32,
                    1,
                    4096,
                    "B: reviews scored together in one micro-batch");
    public static final ConfigOption<Duration> BATCH_MAX_WAIT =
            duration(
                            "scoring.batch-max-wait",
                            Duration.ofMillis(200),
                            Duration.ofMillis(1),
                            Duration.ofMinutes(1),
                            "W: longest a review waits for its micro-batch to fill before it is scored anyway")
                    .withDeprecatedKeys("scoring.batch-max-wait-ms");
    public static final ConfigOption<Boolean> FLUSH_BEFORE_CHECKPOINT =
            bool(
                    "scoring.flush-before-checkpoint",
                    true,
                    "score the buffered reviews when a checkpoint's barrier reaches the scorer, before it passes on, so "
                            + "that with exactly-once their outputs are committed by that checkpoint and not the next one "
                            + "(a batch then holds at most what arrives between two checkpoints)");
    public static final ConfigOption<Integer> MAX_TEXT_BYTES =
            integer(
                    "scoring.max-text-bytes",
                    102_400,
                    1,
                    10 * 1024 * 1024,
                    "longest review text accepted, in UTF-8 bytes; longer ones are dead-lettered as TEXT_TOO_LARGE");
    public static final ConfigOption<Integer> MAX_CONSECUTIVE_FAILURES =
            integer(
                    "scoring.max-consecutive-failures",
                    50,
                    0,
                    Integer.MAX_VALUE,
                    "reviews in a row the model may fail to score (each dead-lettered) before the job fails; 0 = never fail");

    public static final ConfigOption<Integer> SCORING_MAX_SEGMENTS =
            integer(
                    "scoring.max-segments",
                    11,
                    1,
                    256,
                    "most segments scored per review (11 = 2,000 tokens at 200 per segment); a longer review is scored on "
                            + "its first and last segments and its prediction says truncated");
    public static final ConfigOption<Double> SCORING_DECISION_THRESHOLD =
            optionalFraction(
                    "scoring.decision-threshold",
                    "rating above which a review counts as positive, for wrong_side_probability; empty = the model's "
                            + "training rating mean");

    public static final ConfigOption<RoutingMode> ROUTING_MODE =
            choice("routing.mode", RoutingMode.THRESHOLD, "threshold or target-rate");
    public static final ConfigOption<UncertaintySignal> ROUTING_SIGNAL =
            choice(
                    "routing.signal",
                    UncertaintySignal.TOTAL,
                    "total: relabel what not to trust (total std, epistemic and aleatoric with the off-domain signal; "
                            + "entropy for classification); epistemic: relabel what teaches the model most (MC std; BALD)");
    public static final ConfigOption<Double> ROUTING_THRESHOLD =
            positive(
                    "routing.threshold",
                    0.16,
                    10.0,
                    "uncertainty of routing.signal above which a prediction is relabelled (rating units for a regression "
                            + "head; 0.16 is about the top 5 percent of the total signal of the local default model on its calibration "
                            + "split, ~0.015 of the epistemic one); in target-rate mode, used until the window has warmed up");
    public static final ConfigOption<Double> ROUTING_TARGET_RATE =
            positive(
                    "routing.target-rate",
                    0.05,
                    1.0,
                    "share of scored reviews to send for relabelling in target-rate mode");
    public static final ConfigOption<Integer> ROUTING_WINDOW =
            integer(
                    "routing.window",
                    2000,
                    10,
                    1_000_000,
                    "recent uncertainties per subtask whose quantile sets the target-rate cut");
    public static final ConfigOption<Integer> ROUTING_WARMUP =
            integer(
                    "routing.warmup",
                    200,
                    0,
                    1_000_000,
                    "uncertainties a subtask must have seen before the target-rate cut replaces the threshold");

    public static final ConfigOption<Integer> DEAD_LETTER_MAX_PAYLOAD_BYTES =
            integer(
                    "dead-letters.max-payload-bytes",
                    262_144,
                    1024,
                    8 * 1024 * 1024,
                    "raw bytes kept in a dead letter; longer payloads are truncated (flagged) to stay under Kafka's message size");

    // ---- input limits (issue 9): every string field and number of an input record is bounded ----
    public static final ConfigOption<Integer> MAX_FIELD_BYTES =
            integer(
                    "input.max-field-bytes",
                    1024,
                    16,
                    65_536,
                    "longest id, source, product, labeler or model version accepted, in UTF-8 bytes; longer: FIELD_TOO_LONG");
    public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
            duration(
                            "input.max-future-skew",
                            Duration.ofDays(1),
                            Duration.ZERO,
                            Duration.ofDays(365),
                            "how far in the future (of the processing time) a timestamp or labelled_at may be before it is refused")
                    .withDeprecatedKeys("input.max-future-skew-ms");
    public static final ConfigOption<Double> REVIEW_RATING_MIN =
            between(
                    "input.review-rating-min",
                    0.0,
                    -1e9,
                    1e9,
                    "smallest rating a review may carry (INVALID_RATING below)");
    public static final ConfigOption<Double> REVIEW_RATING_MAX =
            between(
                    "input.review-rating-max",
                    10.0,
                    -1e9,
                    1e9,
                    "largest rating a review may carry (INVALID_RATING above)");
    // ---- end of input limits ----

    public static final ConfigOption<String> MODEL_LOCATION =
            string(
                    "model.location",
                    "models/sentiment.bundle",
                    "the model bundle the scoring job loads");

    public static final ConfigOption<String> REGISTRY_URI =
            string(
                    "registry.uri",
                    "models/registry",
                    "root of the model registry: a Flink file system URI (file://, s3://, hdfs://) or a local path");
    public static final ConfigOption<String> REGISTRY_MODEL_NAME =
            string(
                    "registry.model-name",
                    "sentiment",
                    "name of the model the registry holds; the key of its model-updates records");

    /**
     * Flink's key; on a cluster, {@code -D execution.checkpointing.interval=...} or the cluster's
     * value wins.
     */
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            duration(
                    ConfigOptions.key(CheckpointingOptions.CHECKPOINTING_INTERVAL.key())
                            .durationType()
                            .defaultValue(Duration.ofSeconds(10))
                            .withDescription(
                                    "checkpoint interval (Flink's key); with exactly-once, outputs become visible when "
                                            + "their checkpoint completes; on a cluster, the cluster's value or -D wins")
                            .withDeprecatedKeys(
                                    "checkpoint.interval-ms",
                                    "flink." + CheckpointingOptions.CHECKPOINTING_INTERVAL.key()),
                    Duration.ofMillis(100),
                    Duration.ofHours(1));

    /**
     * Flink's key; without it, the timeout is derived from kafka.transaction-timeout (see
     * VarsentConfig).
     */
    public static final ConfigOption<Duration> CHECKPOINT_TIMEOUT =
            duration(
                    ConfigOptions.key(CheckpointingOptions.CHECKPOINTING_TIMEOUT.key())
                            .durationType()
                            .noDefaultValue()
                            .withDescription(
                                    "how long a checkpoint may take before Flink aborts it (Flink's key); empty = half "
                                            + "of what kafka.transaction-timeout leaves after one checkpoint interval, at most Flink's "
                                            + "10 min")
                            .withDeprecatedKeys(
                                    "flink." + CheckpointingOptions.CHECKPOINTING_TIMEOUT.key()),
                    Duration.ofMillis(100),
                    Duration.ofDays(1));

    public static final ConfigOption<Delivery> DELIVERY_GUARANTEE =
            choice(
                    "delivery.guarantee",
                    Delivery.EXACTLY_ONCE,
                    "exactly-once (transactional sinks) or at-least-once");
    // ---- low-latency mode (issue 11) ----
    public static final ConfigOption<Duration> LOW_LATENCY_MAX_WAIT =
            duration(
                            "delivery.low-latency-max-wait",
                            Duration.ofMillis(20),
                            Duration.ofMillis(1),
                            Duration.ofMinutes(1),
                            "with delivery.guarantee=at-least-once (the low-latency mode; a replay after a failure may repeat "
                                    + "outputs, keyed by review id): longest a review waits for its micro-batch (the smaller of this "
                                    + "and scoring.batch-max-wait) and Flink's network buffer timeout (unless "
                                    + "flink.execution.buffer-timeout.interval is set)")
                    .withDeprecatedKeys("delivery.low-latency-max-wait-ms");
    public static final ConfigOption<Duration> LOW_LATENCY_MAX_BATCH_TIME =
            duration(
                    "delivery.low-latency-max-batch-time",
                    Duration.ofMillis(100),
                    Duration.ofMillis(1),
                    Duration.ofMinutes(1),
                    "with delivery.guarantee=at-least-once: a micro-batch is scored as soon as its expected scoring time "
                            + "(its size times the recent scoring time per review) reaches this, since every review of a "
                            + "batch is as late as the whole batch takes; at most scoring.batch-size reviews either way");
    // ---- end of low-latency mode ----

    public static final ConfigOption<String> JOB_NAME =
            string("job.name", "varsent-scoring", "Flink job name shown in the dashboard");

    /**
     * Flink's key; on a cluster, {@code flink run -p} or the cluster's {@code parallelism.default}
     * wins.
     */
    public static final ConfigOption<Integer> PARALLELISM =
            integer(
                            CoreOptions.DEFAULT_PARALLELISM.key(),
                            1,
                            1,
                            4096,
                            "parallelism of the job's operators (Flink's key); on a cluster, flink run -p or the cluster's value wins")
                    .withDeprecatedKeys(
                            "job.parallelism", "flink." + CoreOptions.DEFAULT_PARALLELISM.key());

    public static final ConfigOption<Integer> DASHBOARD_PORT =
            integer(
                    "dashboard.port",
                    8081,
                    0,
                    65535,
                    "port of the Flink dashboard of a local run (0 = any free port)");

    public static final ConfigOption<Double> LOCAL_FEED_RATE =
            positive(
                    "local.feed-rate",
                    20.0,
                    1_000_000.0,
                    "reviews per second the local run produces into the reviews topic");
    public static final ConfigOption<Double> LOCAL_MALFORMED_FRACTION =
            fraction(
                    "local.malformed-fraction",
                    0.0,
                    "share of malformed records the local run mixes in (shows the dead-letter path)");
    public static final ConfigOption<Duration> LOCAL_SUMMARY_INTERVAL =
            formerlySeconds(
                    duration(
                            "local.summary-interval",
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(1),
                            Duration.ofHours(1),
                            "time between two summary lines of the local run"),
                    "local.summary-interval-s");
    public static final ConfigOption<Integer> LOCAL_TOPIC_PARTITIONS =
            integer(
                    "local.topic-partitions",
                    2,
                    1,
                    1024,
                    "partitions of each topic the local run creates");

    // ---- labels: the labels topic, the labelled-example store, LabelsJob and the oracle labeler
    // ----
    public static final ConfigOption<String> TOPIC_LABELS =
            string(
                    "topic.labels",
                    "labels",
                    "input topic of label events: answers to relabel requests");
    public static final ConfigOption<String> TOPIC_LABELLED_EXAMPLES =
            string(
                    "topic.labelled-examples",
                    "labelled-examples",
                    "compacted topic of labelled examples keyed by review id (the latest label wins)");
    public static final ConfigOption<String> LABELS_GROUP_ID =
            string(
                    "labels.group-id",
                    "varsent-labels",
                    "consumer group of the labels job's sources (relabel requests, labels)");
    public static final ConfigOption<String> LABELS_TRANSACTIONAL_ID_PREFIX =
            string(
                    "labels.transactional-id-prefix",
                    "varsent-labels",
                    "prefix of the labels job's transactional ids; must differ from kafka.transactional-id-prefix");
    public static final ConfigOption<String> LABELS_JOB_NAME =
            string("labels.job-name", "varsent-labels", "Flink job name of the labels job");
    public static final ConfigOption<Duration> LABELS_MATCH_TIMEOUT =
            duration(
                            "labels.match-timeout",
                            Duration.ofMinutes(10),
                            Duration.ofMillis(1),
                            Duration.ofDays(30),
                            "how long a label waits for its relabel request before it is dead-lettered as UNKNOWN_REVIEW")
                    .withDeprecatedKeys("labels.match-timeout-ms");
    public static final ConfigOption<Duration> LABELS_REQUEST_TTL =
            duration(
                            "labels.request-ttl",
                            Duration.ofDays(7),
                            Duration.ofMillis(1),
                            Duration.ofDays(365),
                            "how long the labels job keeps a relabel request (and the time of its latest label) for labels to match")
                    .withDeprecatedKeys("labels.request-ttl-ms");
    public static final ConfigOption<String> ORACLE_TRUTH =
            string(
                    "oracle.truth",
                    "scaledata",
                    "ground truth of the oracle labeler: a JSONL file of {\"id\",\"rating\"} lines, or 'scaledata' "
                            + "(the held-out segments the local run streams)");
    public static final ConfigOption<String> ORACLE_GROUP_ID =
            string(
                    "oracle.group-id",
                    "varsent-oracle",
                    "consumer group of the oracle labeler on the relabel requests");
    public static final ConfigOption<String> ORACLE_LABELER =
            string(
                    "oracle.labeler",
                    "oracle",
                    "the labeler name the oracle writes into its labels");
    public static final ConfigOption<Duration> ORACLE_DELAY =
            duration(
                            "oracle.delay",
                            Duration.ofSeconds(1),
                            Duration.ZERO,
                            Duration.ofDays(1),
                            "the oracle answers a relabel request this long after the request was written")
                    .withDeprecatedKeys("oracle.delay-ms");
    public static final ConfigOption<Double> ORACLE_NOISE_STD =
            fraction(
                    "oracle.noise-std",
                    0.0,
                    "std of the Gaussian noise added to the oracle's ratings (then clipped to [0, 1])");
    public static final ConfigOption<Long> ORACLE_SEED =
            longValue(
                    "oracle.seed",
                    42L,
                    Long.MIN_VALUE,
                    Long.MAX_VALUE,
                    "seed of the oracle's label noise");
    // ---- end of labels ----

    // Retraining: the batch retrain job (champion/challenger) and its schedule.
    public static final ConfigOption<String> RETRAIN_BASE_CORPUS =
            optionalString(
                    "retrain.base-corpus",
                    "",
                    "JSON lines {\"id\",\"text\",\"rating\"} trained on besides the labelled examples (a Flink file system "
                            + "URI or a local path); empty = the labelled examples only");
    public static final ConfigOption<RetrainStart> RETRAIN_START =
            choice(
                    "retrain.start",
                    RetrainStart.WARM,
                    "warm: the challenger continues training the champion (its vocabulary and network); scratch: a new model");
    public static final ConfigOption<Integer> RETRAIN_EPOCHS =
            integer("retrain.epochs", 2, 1, 10_000, "epochs the challenger is trained for");
    public static final ConfigOption<Integer> RETRAIN_HOLDOUT_PERCENT =
            integer(
                    "retrain.holdout-percent",
                    20,
                    1,
                    90,
                    "share of ids (by a hash of the id, so an example stays on its side) held out to compare the models");
    public static final ConfigOption<Double> RETRAIN_PROMOTION_MARGIN =
            between(
                    "retrain.promotion-margin",
                    0.002,
                    -1.0,
                    1.0,
                    "RMSE (rating units) by which the challenger must beat the champion on the holdout to be promoted");
    public static final ConfigOption<Integer> RETRAIN_MC_SAMPLES =
            integer(
                    "retrain.mc-samples",
                    10,
                    1,
                    1000,
                    "MC dropout passes per holdout review when the models are compared, and per calibration review when the "
                            + "challenger is calibrated (keep it at scoring.mc-samples: the MC std shrinks a little with K)");
    public static final ConfigOption<Long> RETRAIN_SEED =
            longValue(
                    "retrain.seed",
                    1L,
                    Long.MIN_VALUE,
                    Long.MAX_VALUE,
                    "seed of the challenger's initialisation, masks and order");
    public static final ConfigOption<Integer> RETRAIN_BATCH_SIZE =
            integer("retrain.batch-size", 64, 1, 4096, "training minibatch size");
    public static final ConfigOption<Double> RETRAIN_LEARNING_RATE =
            positive("retrain.learning-rate", 1e-3, 1.0, "Adam's learning rate");
    public static final ConfigOption<Integer> RETRAIN_THREADS =
            integer(
                    "retrain.threads",
                    2,
                    1,
                    256,
                    "threads that evaluate the models (training is data-parallel in ND4J)");
    public static final ConfigOption<Integer> RETRAIN_VOCAB_SIZE =
            integer(
                    "retrain.vocab-size",
                    10_000,
                    4,
                    1_000_000,
                    "vocabulary of a model trained from scratch");
    public static final ConfigOption<Integer> RETRAIN_SEGMENT_LENGTH =
            integer(
                    "retrain.segment-length",
                    200,
                    2,
                    10_000,
                    "tokens per training segment of a model trained from scratch");
    public static final ConfigOption<Integer> RETRAIN_EMBEDDING_SIZE =
            integer(
                    "retrain.embedding-size",
                    64,
                    1,
                    4096,
                    "embedding width of a model trained from scratch");
    public static final ConfigOption<Integer> RETRAIN_HIDDEN_SIZE =
            integer(
                    "retrain.hidden-size",
                    64,
                    1,
                    4096,
                    "recurrent state width of a model trained from scratch");
    public static final ConfigOption<CellType> RETRAIN_CELL =
            choice("retrain.cell", CellType.LSTM, "lstm or gru, for a model trained from scratch");
    public static final ConfigOption<Double> RETRAIN_DROPOUT_P =
            between(
                    "retrain.dropout-p",
                    0.25,
                    0.0,
                    0.95,
                    "variational dropout probability of a model trained from scratch");
    public static final ConfigOption<Double> RETRAIN_WEIGHT_DECAY =
            between(
                    "retrain.weight-decay",
                    1e-4,
                    0.0,
                    1.0,
                    "L2 weight decay (the prior) of a model trained from scratch");
    public static final ConfigOption<Boolean> RETRAIN_BLEND =
            bool(
                    "retrain.blend",
                    true,
                    "serve a trained model (the local first-start model, a retrain's challenger) blended with a bag-of-words"
                            + " ridge fitted on its training data, the weight chosen on half its calibration split"
                            + " (docs/results/blend.md)");
    public static final ConfigOption<Duration> RETRAIN_INTERVAL =
            formerlySeconds(
                    duration(
                            "retrain.interval",
                            Duration.ZERO,
                            Duration.ZERO,
                            Duration.ofDays(365),
                            "retrain at most this often when there are new labels (0 = only by retrain.min-new-labels)"),
                    "retrain.interval-s");
    public static final ConfigOption<Integer> RETRAIN_MIN_NEW_LABELS =
            integer(
                    "retrain.min-new-labels",
                    0,
                    0,
                    Integer.MAX_VALUE,
                    "retrain as soon as this many labels arrived since the last retrain (0 = only by retrain.interval)");
    public static final ConfigOption<String> RETRAIN_JOB_NAME =
            string(
                    "retrain.job-name",
                    "varsent-retrain",
                    "name of the batch retrain job in the Flink dashboard");

    // ---- adaptive MC sampling (issue 11); the largest sample count is scoring.mc-samples ----
    public static final ConfigOption<Boolean> SCORING_MC_ADAPTIVE =
            bool(
                    "scoring.mc.adaptive",
                    false,
                    "sample each review in rounds and stop once its routing decision (on the served, for a blended model "
                            + "blended and calibrated, routing.signal) is settled against the router's cut: routing.threshold, "
                            + "or in target-rate mode the cut the scorer follows from the predictions it emits (all "
                            + "scoring.mc-samples after a restore until a routing.window has passed). Regression heads; a "
                            + "classification head gets scoring.mc-samples. Off by default here, on in conf/local.properties and "
                            + "conf/cluster.properties (measured on the shipped blended model: docs/results/benchmarks-adaptive.md)");
    public static final ConfigOption<Integer> SCORING_MC_MIN_SAMPLES =
            integer(
                    "scoring.mc.min-samples",
                    2,
                    2,
                    1000,
                    "MC passes of the first round of adaptive sampling; each further round doubles the one before");
    public static final ConfigOption<Double> SCORING_MC_ERROR_RATE =
            between(
                    "scoring.mc.error-rate",
                    0.2,
                    1e-6,
                    0.49,
                    "adaptive sampling: bound on the chance that a review stopped early is routed otherwise than its K-sample "
                            + "expectation (normal MC outputs; Bonferroni over the rounds)");
    // ---- end of adaptive MC sampling ----

    public static final List<ConfigOption<?>> ALL =
            List.of(
                    BOOTSTRAP_SERVERS,
                    GROUP_ID,
                    STARTING_OFFSETS,
                    TRANSACTIONAL_ID_PREFIX,
                    TRANSACTION_TIMEOUT,
                    TOPIC_REVIEWS,
                    TOPIC_PREDICTIONS,
                    TOPIC_RELABEL,
                    TOPIC_DEAD_LETTERS,
                    TOPIC_MODEL_UPDATES,
                    MC_SAMPLES,
                    BATCH_SIZE,
                    BATCH_MAX_WAIT,
                    FLUSH_BEFORE_CHECKPOINT,
                    MAX_TEXT_BYTES,
                    MAX_CONSECUTIVE_FAILURES,
                    SCORING_MAX_SEGMENTS,
                    SCORING_DECISION_THRESHOLD,
                    ROUTING_MODE,
                    ROUTING_SIGNAL,
                    ROUTING_THRESHOLD,
                    ROUTING_TARGET_RATE,
                    ROUTING_WINDOW,
                    ROUTING_WARMUP,
                    DEAD_LETTER_MAX_PAYLOAD_BYTES,
                    MODEL_LOCATION,
                    REGISTRY_URI,
                    REGISTRY_MODEL_NAME,
                    CHECKPOINT_INTERVAL,
                    CHECKPOINT_TIMEOUT,
                    DELIVERY_GUARANTEE,
                    LOW_LATENCY_MAX_WAIT,
                    LOW_LATENCY_MAX_BATCH_TIME,
                    JOB_NAME,
                    PARALLELISM,
                    DASHBOARD_PORT,
                    LOCAL_FEED_RATE,
                    LOCAL_MALFORMED_FRACTION,
                    LOCAL_SUMMARY_INTERVAL,
                    LOCAL_TOPIC_PARTITIONS,
                    // labels
                    TOPIC_LABELS,
                    TOPIC_LABELLED_EXAMPLES,
                    LABELS_GROUP_ID,
                    LABELS_TRANSACTIONAL_ID_PREFIX,
                    LABELS_JOB_NAME,
                    LABELS_MATCH_TIMEOUT,
                    LABELS_REQUEST_TTL,
                    ORACLE_TRUTH,
                    ORACLE_GROUP_ID,
                    ORACLE_LABELER,
                    ORACLE_DELAY,
                    ORACLE_NOISE_STD,
                    ORACLE_SEED,
                    // retraining
                    RETRAIN_BASE_CORPUS,
                    RETRAIN_START,
                    RETRAIN_EPOCHS,
                    RETRAIN_HOLDOUT_PERCENT,
                    RETRAIN_PROMOTION_MARGIN,
                    RETRAIN_MC_SAMPLES,
                    RETRAIN_SEED,
                    RETRAIN_BATCH_SIZE,
                    RETRAIN_LEARNING_RATE,
                    RETRAIN_THREADS,
                    RETRAIN_VOCAB_SIZE,
                    RETRAIN_SEGMENT_LENGTH,
                    RETRAIN_EMBEDDING_SIZE,
                    RETRAIN_HIDDEN_SIZE,
                    RETRAIN_CELL,
                    RETRAIN_DROPOUT_P,
                    RETRAIN_WEIGHT_DECAY,
                    RETRAIN_BLEND,
                    RETRAIN_INTERVAL,
                    RETRAIN_MIN_NEW_LABELS,
                    RETRAIN_JOB_NAME,
                    // input limits
                    MAX_FIELD_BYTES,
                    MAX_FUTURE_SKEW,
                    REVIEW_RATING_MIN,
                    REVIEW_RATING_MAX,
                    // adaptive MC sampling
                    SCORING_MC_ADAPTIVE,
                    SCORING_MC_MIN_SAMPLES,
                    SCORING_MC_ERROR_RATE);

    private VarsentOptions() {}
}
