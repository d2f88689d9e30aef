package dev.varsent.scoring;

import static dev.varsent.config.VarsentOptions.BATCH_MAX_WAIT;
import static dev.varsent.config.VarsentOptions.BATCH_SIZE;
import static dev.varsent.config.VarsentOptions.DEAD_LETTER_MAX_PAYLOAD_BYTES;
import static dev.varsent.config.VarsentOptions.DELIVERY_GUARANTEE;
import static dev.varsent.config.VarsentOptions.FLUSH_BEFORE_CHECKPOINT;
import static dev.varsent.config.VarsentOptions.LOW_LATENCY_MAX_BATCH_TIME;
import static dev.varsent.config.VarsentOptions.LOW_LATENCY_MAX_WAIT;
import static dev.varsent.config.VarsentOptions.MAX_CONSECUTIVE_FAILURES;
import static dev.varsent.config.VarsentOptions.MC_SAMPLES;
import static dev.varsent.config.VarsentOptions.TRANSACTION_TIMEOUT;

import dev.varsent.config.Delivery;
import dev.varsent.config.VarsentConfig;
import java.io.Serializable;

/**
 * How the scoring operator batches: up to {@code batchSize} reviews or {@code maxWaitMs} after the
 * first one arrived, each scored with {@code mcSamples} MC dropout passes; the job fails after
 * {@code maxConsecutiveFailures} reviews in a row the model could not score (0: never); the dead
 * letter of such a review keeps an excerpt of at most {@code maxDeadLetterPayloadBytes}. With
 * exactly-once delivery, {@code transactionTimeoutMs} is the sinks' Kafka transaction timeout (0:
 * no transactions), against which a restore checks how long the job was down ({@link
 * TransactionExpiry}). A batch is also scored as soon as its expected scoring time reaches {@code
 * maxBatchTimeMs} (0: no such cap; {@link BatchPace}), and, with {@code flushBeforeCheckpoint},
 * whenever a checkpoint's barrier reaches the scorer.
 */
public record BatchSettings(
        int batchSize,
        long maxWaitMs,
        int mcSamples,
        int maxConsecutiveFailures,
        int maxDeadLetterPayloadBytes,
        long transactionTimeoutMs,
        long maxBatchTimeMs,
        boolean flushBeforeCheckpoint)
        implements Serializable {

    /** Without a cap on the batch's scoring time, the buffer kept in the checkpoint. */
    public BatchSettings(
            int batchSize,
            long maxWaitMs,
            int mcSamples,
            int maxConsecutiveFailures,
            int maxDeadLetterPayloadBytes,
            long transactionTimeoutMs) {
        this(
                batchSize,
                maxWaitMs,
                mcSamples,
                maxConsecutiveFailures,
                maxDeadLetterPayloadBytes,
                transactionTimeoutMs,
                0,
                false);
    }

    /** Without transactions to check on restore. */
    public BatchSettings(
            int batchSize,
            long maxWaitMs,
            int mcSamples,
            int maxConsecutiveFailures,
            int maxDeadLetterPayloadBytes) {
        this(batchSize, maxWaitMs, mcSamples, maxConsecutiveFailures, maxDeadLetterPayloadBytes, 0);
    }

    /** With the default dead-letter payload cap. */
    public BatchSettings(int batchSize, long maxWaitMs, int mcSamples, int maxConsecutiveFailures) {
        this(
                batchSize,
                maxWaitMs,
                mcSamples,
                maxConsecutiveFailures,
                DEAD_LETTER_MAX_PAYLOAD_BYTES.defaultValue());
    }

    public BatchSettings {
        if (batchSize < 1
                || maxWaitMs < 1
                || mcSamples < 1
                || maxConsecutiveFailures < 0
                || transactionTimeoutMs < 0
                || maxBatchTimeMs < 0) {
            throw new IllegalArgumentException(
                    "invalid batch settings: "
                            + batchSize
                            + ", "
                            + maxWaitMs
                            + ", "
                            + mcSamples
                            + ", "
                            + maxConsecutiveFailures
                            + ", "
                            + transactionTimeoutMs
                            + ", "
                            + maxBatchTimeMs);
        }
    }

    public static BatchSettings from(VarsentConfig config) {
        boolean exactlyOnce = config.get(DELIVERY_GUARANTEE) == Delivery.EXACTLY_ONCE;
        return new BatchSettings(
                config.get(BATCH_SIZE),
                maxWaitMs(config),
                config.get(MC_SAMPLES),
                config.get(MAX_CONSECUTIVE_FAILURES),
                config.get(DEAD_LETTER_MAX_PAYLOAD_BYTES),
                exactlyOnce ? config.get(TRANSACTION_TIMEOUT).toMillis() : 0,
                exactlyOnce ? 0 : config.get(LOW_LATENCY_MAX_BATCH_TIME).toMillis(),
                config.get(FLUSH_BEFORE_CHECKPOINT));
    }

    /**
     * W as the job applies it: {@code scoring.batch-max-wait}, and in the low-latency mode
     * (at-least-once, where nothing else holds an output back) at most {@code
     * delivery.low-latency-max-wait}.
     */
    public static long maxWaitMs(VarsentConfig config) {
        long wait = config.get(BATCH_MAX_WAIT).toMillis();
        return config.get(DELIVERY_GUARANTEE) == Delivery.AT_LEAST_ONCE
                ? Math.min(wait, config.get(LOW_LATENCY_MAX_WAIT).toMillis())
                : wait;
    }
}
