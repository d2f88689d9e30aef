package dev.varsent.config;

import dev.varsent.nn.CellType;
import dev.varsent.predict.UncertaintySignal;
import java.util.List;

/** Every configuration key of varsent's jobs and commands, with its default. */
public final class VarsentOptions {

    /** Keys under this prefix go, without it, to every Kafka client of the job (e.g. security settings). */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";
    /** Keys under this prefix go, without it, into the Flink configuration of the job. */
    public static final String FLINK_PREFIX = "flink.";

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOption.string(
            "kafka.bootstrap-servers", "localhost:9092", "Kafka bootstrap servers, host:port[,host:port...]");
    public static final ConfigOption<String> GROUP_ID = ConfigOption.string(
            "kafka.group-id", "varsent-scoring", "consumer group of the reviews source (offsets are committed on checkpoints)");
    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = ConfigOption.choice(
            "kafka.starting-offsets", StartingOffsets.COMMITTED,
            "where the reviews source starts without a checkpoint: committed (else earliest), earliest or latest");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOption.string(
            "kafka.transactional-id-prefix", "varsent-scoring",
            "prefix of the sinks' transactional ids; unique per job on a Kafka cluster");
    public static final ConfigOption<Long> TRANSACTION_TIMEOUT_MS = ConfigOption.longValue(
            "kafka.transaction-timeout-ms", 600_000L, 1_000L, 86_400_000L,
            "producer transaction timeout; above the checkpoint interval, at most the broker's transaction.max.timeout.ms");

    public static final ConfigOption<String> TOPIC_REVIEWS = ConfigOption.string(
            "topic.reviews", "reviews", "input topic of review events");
    public static final ConfigOption<String> TOPIC_PREDICTIONS = ConfigOption.string(
            "topic.predictions", "predictions", "output topic of confident predictions");
    public static final ConfigOption<String> TOPIC_RELABEL = ConfigOption.string(
            "topic.relabel-requests", "relabel-requests", "output topic of doubtful predictions to relabel");
    public static final ConfigOption<String> TOPIC_DEAD_LETTERS = ConfigOption.string(
            "topic.dead-letters", "dead-letters", "output topic of records that could not be scored");
    public static final ConfigOption<String> TOPIC_MODEL_UPDATES = ConfigOption.string(
            "topic.model-updates", "model-updates", "topic on which every promotion of a model version is announced");

    public static final ConfigOption<Integer> MC_SAMPLES = ConfigOption.integer(
            "scoring.mc-samples", 10, 1, 1000, "K: MC dropout passes per review (1 = deterministic, dropout off)");
    public static final ConfigOption<Integer> BATCH_SIZE = ConfigOption.integer(
            "scoring.batch-size", 32, 1, 4096, "B: reviews scored together in one micro-batch");
    public static final ConfigOption<Long> BATCH_MAX_WAIT_MS = ConfigOption.longValue(
            "scoring.batch-max-wait-ms", 200L, 1L, 60_000L,
            "W: longest a review waits for its micro-batch to fill before it is scored anyway");
    public static final ConfigOption<Integer> MAX_TEXT_BYTES = ConfigOption.integer(
            "scoring.max-text-bytes", 102_400, 1, 10 * 1024 * 1024,
            "longest review text accepted, in UTF-8 bytes; longer ones are dead-lettered as TEXT_TOO_LARGE");
    public static final ConfigOption<Integer> MAX_CONSECUTIVE_FAILURES = ConfigOption.integer(
            "scoring.max-consecutive-failures", 50, 0, Integer.MAX_VALUE,
            "reviews in a row the model may fail to score (each dead-lettered) before the job fails; 0 = never fail");

    public static final ConfigOption<Integer> SCORING_MAX_SEGMENTS = ConfigOption.integer(
            "scoring.max-segments", 11, 1, 256,
            "most segments scored per review (11 = 2,000 tokens at 200 per segment); a longer review is scored on "
                    + "its first and last segments and its prediction says truncated");
    public static final ConfigOption<Double> SCORING_DECISION_THRESHOLD = ConfigOption.optionalFraction(
            "scoring.decision-threshold",
            "rating above which a review counts as positive, for wrong_side_probability; empty = the model's "
                    + "training rating mean");

    public static final ConfigOption<RoutingMode> ROUTING_MODE = ConfigOption.choice(
            "routing.mode", RoutingMode.THRESHOLD, "threshold or target-rate");
    public static final ConfigOption<UncertaintySignal> ROUTING_SIGNAL = ConfigOption.choice(
            "routing.signal", UncertaintySignal.TOTAL,
            "total: relabel what not to trust (total std, epistemic and aleatoric with the off-domain signal; "
                    + "entropy for classification); epistemic: relabel what teaches the model most (MC std; BALD)");
    public static final ConfigOption<Double> ROUTING_THRESHOLD = ConfigOption.positive(
            "routing.threshold", 0.23, 10.0,
            "uncertainty of routing.signal above which a prediction is relabelled (rating units for a regression "
                    + "head; 0.23 is about the top 5 % of the total signal of the local default model on its calibration "
                    + "split, ~0.077 of the epistemic one); in target-rate mode, used until the window has warmed up");
    public static final ConfigOption<Double> ROUTING_TARGET_RATE = ConfigOption.positive(
            "routing.target-rate", 0.05, 1.0, "share of scored reviews to send for relabelling in target-rate mode");
    public static final ConfigOption<Integer> ROUTING_WINDOW = ConfigOption.integer(
            "routing.window", 2000, 10, 1_000_000,
            "recent uncertainties per subtask whose quantile sets the target-rate cut");
    public static final ConfigOption<Integer> ROUTING_WARMUP = ConfigOption.integer(
            "routing.warmup", 200, 0, 1_000_000,
            "uncertainties a subtask must have seen before the target-rate cut replaces the threshold");

    public static final ConfigOption<Integer> DEAD_LETTER_MAX_PAYLOAD_BYTES = ConfigOption.integer(
            "dead-letters.max-payload-bytes", 262_144, 1024, 8 * 1024 * 1024,
            "raw bytes kept in a dead letter; longer payloads are truncated (flagged) to stay under Kafka's message size");

    // ---- input limits (issue 9): every string field and number of an input record is bounded ----
    public static final ConfigOption<Integer> MAX_FIELD_BYTES = ConfigOption.integer(
            "input.max-field-bytes", 1024, 16, 65_536,
            "longest id, source, product, labeler or model version accepted, in UTF-8 bytes; longer: FIELD_TOO_LONG");
    public static final ConfigOption<Long> MAX_FUTURE_SKEW_MS = ConfigOption.longValue(
            "input.max-future-skew-ms", 86_400_000L, 0L, 365L * 86_400_000L,
            "how far in the future (of the processing time) a timestamp or labelled_at may be before it is refused");
    public static final ConfigOption<Double> REVIEW_RATING_MIN = ConfigOption.between(
            "input.review-rating-min", 0.0, -1e9, 1e9, "smallest rating a review may carry (INVALID_RATING below)");
    public static final ConfigOption<Double> REVIEW_RATING_MAX = ConfigOption.between(
            "input.review-rating-max", 10.0, -1e9, 1e9, "largest rating a review may carry (INVALID_RATING above)");
    // ---- end of input limits ----

    public static final ConfigOption<String> MODEL_LOCATION = ConfigOption.string(
            "model.location", "models/sentiment.bundle", "the model bundle the scoring job loads");

    public static final ConfigOption<String> REGISTRY_URI = ConfigOption.string(
            "registry.uri", "models/registry",
            "root of the model registry: a Flink file system URI (file://, s3://, hdfs://) or a local path");
    public static final ConfigOption<String> REGISTRY_MODEL_NAME = ConfigOption.string(
            "registry.model-name", "sentiment", "name of the model the registry holds; the key of its model-updates records");

    public static final ConfigOption<Long> CHECKPOINT_INTERVAL_MS = ConfigOption.longValue(
            "checkpoint.interval-ms", 10_000L, 100L, 3_600_000L,
            "checkpoint interval; with exactly-once, outputs become visible when their checkpoint completes");
    public static final ConfigOption<Delivery> DELIVERY_GUARANTEE = ConfigOption.choice(
            "delivery.guarantee", Delivery.EXACTLY_ONCE, "exactly-once (transactional sinks) or at-least-once");

    public static final ConfigOption<String> JOB_NAME = ConfigOption.string(
            "job.name", "varsent-scoring", "Flink job name shown in the dashboard");
    public static final ConfigOption<Integer> PARALLELISM = ConfigOption.integer(
            "job.parallelism", 1, 1, 4096, "parallelism of every operator of the job");

    public static final ConfigOption<Integer> DASHBOARD_PORT = ConfigOption.integer(
            "dashboard.port", 8081, 0, 65535, "port of the Flink dashboard of a local run (0 = any free port)");

    public static final ConfigOption<Double> LOCAL_FEED_RATE = ConfigOption.positive(
            "local.feed-rate", 20.0, 1_000_000.0, "reviews per second the local run produces into the reviews topic");
    public static final ConfigOption<Double> LOCAL_MALFORMED_FRACTION = ConfigOption.fraction(
            "local.malformed-fraction", 0.0, "share of malformed records the local run mixes in (shows the dead-letter path)");
    public static final ConfigOption<Integer> LOCAL_SUMMARY_INTERVAL_S = ConfigOption.integer(
            "local.summary-interval-s", 5, 1, 3600, "seconds between two summary lines of the local run");
    public static final ConfigOption<Integer> LOCAL_TOPIC_PARTITIONS = ConfigOption.integer(
            "local.topic-partitions", 2, 1, 1024, "partitions of each topic the local run creates");

    // ---- labels: the labels topic, the labelled-example store, LabelsJob and the oracle labeler ----
    public static final ConfigOption<String> TOPIC_LABELS = ConfigOption.string(
            "topic.labels", "labels", "input topic of label events: answers to relabel requests");
    public static final ConfigOption<String> TOPIC_LABELLED_EXAMPLES = ConfigOption.string(
            "topic.labelled-examples", "labelled-examples",
            "compacted topic of labelled examples keyed by review id (the latest label wins)");
    public static final ConfigOption<String> LABELS_GROUP_ID = ConfigOption.string(
            "labels.group-id", "varsent-labels", "consumer group of the labels job's sources (relabel requests, labels)");
    public static final ConfigOption<String> LABELS_TRANSACTIONAL_ID_PREFIX = ConfigOption.string(
            "labels.transactional-id-prefix", "varsent-labels",
            "prefix of the labels job's transactional ids; must differ from kafka.transactional-id-prefix");
    public static final ConfigOption<String> LABELS_JOB_NAME = ConfigOption.string(
            "labels.job-name", "varsent-labels", "Flink job name of the labels job");
    public static final ConfigOption<Long> LABELS_MATCH_TIMEOUT_MS = ConfigOption.longValue(
            "labels.match-timeout-ms", 600_000L, 1L, 30L * 86_400_000L,
            "how long a label waits for its relabel request before it is dead-lettered as UNKNOWN_REVIEW");
    public static final ConfigOption<Long> LABELS_REQUEST_TTL_MS = ConfigOption.longValue(
            "labels.request-ttl-ms", 7L * 86_400_000L, 1L, 365L * 86_400_000L,
            "how long the labels job keeps a relabel request (and the time of its latest label) for labels to match");
    public static final ConfigOption<String> ORACLE_TRUTH = ConfigOption.string(
            "oracle.truth", "scaledata",
            "ground truth of the oracle labeler: a JSONL file of {\"id\",\"rating\"} lines, or 'scaledata' "
                    + "(the held-out segments the local run streams)");
    public static final ConfigOption<String> ORACLE_GROUP_ID = ConfigOption.string(
            "oracle.group-id", "varsent-oracle", "consumer group of the oracle labeler on the relabel requests");
    public static final ConfigOption<String> ORACLE_LABELER = ConfigOption.string(
            "oracle.labeler", "oracle", "the labeler name the oracle writes into its labels");
    public static final ConfigOption<Long> ORACLE_DELAY_MS = ConfigOption.longValue(
            "oracle.delay-ms", 1_000L, 0L, 86_400_000L,
            "the oracle answers a relabel request this long after the request was written");
    public static final ConfigOption<Double> ORACLE_NOISE_STD = ConfigOption.fraction(
            "oracle.noise-std", 0.0, "std of the Gaussian noise added to the oracle's ratings (then clipped to [0, 1])");
    public static final ConfigOption<Long> ORACLE_SEED = ConfigOption.longValue(
            "oracle.seed", 42L, Long.MIN_VALUE, Long.MAX_VALUE, "seed of the oracle's label noise");
    // ---- end of labels ----

    // Retraining: the batch retrain job (champion/challenger) and its schedule.
    public static final ConfigOption<String> RETRAIN_BASE_CORPUS = ConfigOption.optionalString(
            "retrain.base-corpus", "",
            "JSON lines {\"id\",\"text\",\"rating\"} trained on besides the labelled examples (a Flink file system "
                    + "URI or a local path); empty = the labelled examples only");
    public static final ConfigOption<RetrainStart> RETRAIN_START = ConfigOption.choice(
            "retrain.start", RetrainStart.WARM,
            "warm: the challenger continues training the champion (its vocabulary and network); scratch: a new model");
    public static final ConfigOption<Integer> RETRAIN_EPOCHS = ConfigOption.integer(
            "retrain.epochs", 2, 1, 10_000, "epochs the challenger is trained for");
    public static final ConfigOption<Integer> RETRAIN_HOLDOUT_PERCENT = ConfigOption.integer(
            "retrain.holdout-percent", 20, 1, 90,
            "share of ids (by a hash of the id, so an example stays on its side) held out to compare the models");
    public static final ConfigOption<Double> RETRAIN_PROMOTION_MARGIN = ConfigOption.between(
            "retrain.promotion-margin", 0.002, -1.0, 1.0,
            "RMSE (rating units) by which the challenger must beat the champion on the holdout to be promoted");
    public static final ConfigOption<Integer> RETRAIN_MC_SAMPLES = ConfigOption.integer(
            "retrain.mc-samples", 10, 1, 1000,
            "MC dropout passes per holdout review when the models are compared, and per calibration review when the "
                    + "challenger is calibrated (keep it at scoring.mc-samples: the MC std shrinks a little with K)");
    public static final ConfigOption<Long> RETRAIN_SEED = ConfigOption.longValue(
            "retrain.seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE, "seed of the challenger's initialisation, masks and order");
    public static final ConfigOption<Integer> RETRAIN_BATCH_SIZE = ConfigOption.integer(
            "retrain.batch-size", 64, 1, 4096, "training minibatch size");
    public static final ConfigOption<Double> RETRAIN_LEARNING_RATE = ConfigOption.positive(
            "retrain.learning-rate", 1e-3, 1.0, "Adam's learning rate");
    public static final ConfigOption<Integer> RETRAIN_THREADS = ConfigOption.integer(
            "retrain.threads", 2, 1, 256, "threads that evaluate the models (training is data-parallel in ND4J)");
    public static final ConfigOption<Integer> RETRAIN_VOCAB_SIZE = ConfigOption.integer(
            "retrain.vocab-size", 10_000, 4, 1_000_000, "vocabulary of a model trained from scratch");
    public static final ConfigOption<Integer> RETRAIN_SEGMENT_LENGTH = ConfigOption.integer(
            "retrain.segment-length", 200, 2, 10_000, "tokens per training segment of a model trained from scratch");
    public static final ConfigOption<Integer> RETRAIN_EMBEDDING_SIZE = ConfigOption.integer(
            "retrain.embedding-size", 64, 1, 4096, "embedding width of a model trained from scratch");
    public static final ConfigOption<Integer> RETRAIN_HIDDEN_SIZE = ConfigOption.integer(
            "retrain.hidden-size", 64, 1, 4096, "recurrent state width of a model trained from scratch");
    public static final ConfigOption<CellType> RETRAIN_CELL = ConfigOption.choice(
            "retrain.cell", CellType.LSTM, "lstm or gru, for a model trained from scratch");
    public static final ConfigOption<Double> RETRAIN_DROPOUT_P = ConfigOption.between(
            "retrain.dropout-p", 0.25, 0.0, 0.95, "variational dropout probability of a model trained from scratch");
    public static final ConfigOption<Double> RETRAIN_WEIGHT_DECAY = ConfigOption.between(
            "retrain.weight-decay", 1e-4, 0.0, 1.0, "L2 weight decay (the prior) of a model trained from scratch");
    public static final ConfigOption<Long> RETRAIN_INTERVAL_S = ConfigOption.longValue(
            "retrain.interval-s", 0L, 0L, 365L * 86_400,
            "retrain at most this often when there are new labels (0 = only by retrain.min-new-labels)");
    public static final ConfigOption<Integer> RETRAIN_MIN_NEW_LABELS = ConfigOption.integer(
            "retrain.min-new-labels", 0, 0, Integer.MAX_VALUE,
            "retrain as soon as this many labels arrived since the last retrain (0 = only by retrain.interval-s)");
    public static final ConfigOption<String> RETRAIN_JOB_NAME = ConfigOption.string(
            "retrain.job-name", "varsent-retrain", "name of the batch retrain job in the Flink dashboard");

    // ---- adaptive MC sampling (issue 11); the largest sample count is scoring.mc-samples ----
    public static final ConfigOption<Boolean> SCORING_MC_ADAPTIVE = ConfigOption.bool(
            "scoring.mc.adaptive", false,
            "sample each review in rounds and stop once its routing decision is settled (regression heads, "
                    + "routing.mode=threshold; otherwise every review gets scoring.mc-samples)");
    public static final ConfigOption<Integer> SCORING_MC_MIN_SAMPLES = ConfigOption.integer(
            "scoring.mc.min-samples", 2, 2, 1000,
            "MC passes of the first round of adaptive sampling; each further round doubles the one before");
    public static final ConfigOption<Double> SCORING_MC_ERROR_RATE = ConfigOption.between(
            "scoring.mc.error-rate", 0.2, 1e-6, 0.49,
            "adaptive sampling: bound on the chance that a review stopped early is routed otherwise than its K-sample "
                    + "expectation (normal MC outputs; Bonferroni over the rounds)");
    // ---- end of adaptive MC sampling ----

    public static final List<ConfigOption<?>> ALL = List.of(
            BOOTSTRAP_SERVERS, GROUP_ID, STARTING_OFFSETS, TRANSACTIONAL_ID_PREFIX, TRANSACTION_TIMEOUT_MS,
            TOPIC_REVIEWS, TOPIC_PREDICTIONS, TOPIC_RELABEL, TOPIC_DEAD_LETTERS, TOPIC_MODEL_UPDATES,
            MC_SAMPLES, BATCH_SIZE, BATCH_MAX_WAIT_MS, MAX_TEXT_BYTES, MAX_CONSECUTIVE_FAILURES,
            SCORING_MAX_SEGMENTS, SCORING_DECISION_THRESHOLD,
            ROUTING_MODE, ROUTING_SIGNAL, ROUTING_THRESHOLD, ROUTING_TARGET_RATE, ROUTING_WINDOW, ROUTING_WARMUP,
            DEAD_LETTER_MAX_PAYLOAD_BYTES, MODEL_LOCATION, REGISTRY_URI, REGISTRY_MODEL_NAME,
            CHECKPOINT_INTERVAL_MS, DELIVERY_GUARANTEE, JOB_NAME, PARALLELISM, DASHBOARD_PORT,
            LOCAL_FEED_RATE, LOCAL_MALFORMED_FRACTION, LOCAL_SUMMARY_INTERVAL_S, LOCAL_TOPIC_PARTITIONS,
            // labels
            TOPIC_LABELS, TOPIC_LABELLED_EXAMPLES, LABELS_GROUP_ID, LABELS_TRANSACTIONAL_ID_PREFIX, LABELS_JOB_NAME,
            LABELS_MATCH_TIMEOUT_MS, LABELS_REQUEST_TTL_MS, ORACLE_TRUTH, ORACLE_GROUP_ID, ORACLE_LABELER,
            ORACLE_DELAY_MS, ORACLE_NOISE_STD, ORACLE_SEED,
            // retraining
            RETRAIN_BASE_CORPUS, RETRAIN_START, RETRAIN_EPOCHS, RETRAIN_HOLDOUT_PERCENT, RETRAIN_PROMOTION_MARGIN,
            RETRAIN_MC_SAMPLES, RETRAIN_SEED, RETRAIN_BATCH_SIZE, RETRAIN_LEARNING_RATE, RETRAIN_THREADS,
            RETRAIN_VOCAB_SIZE, RETRAIN_SEGMENT_LENGTH, RETRAIN_EMBEDDING_SIZE, RETRAIN_HIDDEN_SIZE, RETRAIN_CELL,
            RETRAIN_DROPOUT_P, RETRAIN_WEIGHT_DECAY, RETRAIN_INTERVAL_S, RETRAIN_MIN_NEW_LABELS, RETRAIN_JOB_NAME,
            // input limits
            MAX_FIELD_BYTES, MAX_FUTURE_SKEW_MS, REVIEW_RATING_MIN, REVIEW_RATING_MAX,
            // adaptive MC sampling
            SCORING_MC_ADAPTIVE, SCORING_MC_MIN_SAMPLES, SCORING_MC_ERROR_RATE);

    private VarsentOptions() {
    }
}
