package dev.varsent.labels;

import static dev.varsent.config.VarsentOptions.BOOTSTRAP_SERVERS;
import static dev.varsent.config.VarsentOptions.ORACLE_DELAY;
import static dev.varsent.config.VarsentOptions.ORACLE_GROUP_ID;
import static dev.varsent.config.VarsentOptions.ORACLE_LABELER;
import static dev.varsent.config.VarsentOptions.ORACLE_NOISE_STD;
import static dev.varsent.config.VarsentOptions.ORACLE_SEED;
import static dev.varsent.config.VarsentOptions.TOPIC_LABELS;
import static dev.varsent.config.VarsentOptions.TOPIC_RELABEL;

import dev.varsent.config.VarsentConfig;
import java.util.Properties;

/**
 * How the {@link OracleLabeler} runs: where it reads relabel requests and writes labels, its
 * consumer group, the delay after a request is written before it is answered, the std of the
 * Gaussian noise on the ratings and its seed, and the labeler name it signs with. {@code
 * clientProperties} go to both Kafka clients (e.g. security settings).
 */
public record OracleSettings(
        String bootstrapServers,
        Properties clientProperties,
        String requestsTopic,
        String labelsTopic,
        String groupId,
        long delayMs,
        double noiseStd,
        long seed,
        String labeler) {

    public OracleSettings {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delay must not be negative, got " + delayMs);
        }
        if (!(noiseStd >= 0 && noiseStd <= 1)) {
            throw new IllegalArgumentException("noise std must be in [0, 1], got " + noiseStd);
        }
    }

    public static OracleSettings from(VarsentConfig config) {
        return new OracleSettings(
                config.get(BOOTSTRAP_SERVERS),
                config.kafkaClientProperties(),
                config.get(TOPIC_RELABEL),
                config.get(TOPIC_LABELS),
                config.get(ORACLE_GROUP_ID),
                config.get(ORACLE_DELAY).toMillis(),
                config.get(ORACLE_NOISE_STD),
                config.get(ORACLE_SEED),
                config.get(ORACLE_LABELER));
    }
}
