package dev.varsent.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The announcement of a promotion on {@code topic.model-updates}: which version of which model is
 * the champion now, where its bundle is and the SHA-256 and size it must have, when it was
 * promoted, the training metrics and promotion scores, and the version it replaces ({@code
 * previousVersion} is null for the first champion).
 *
 * <p>JSON, UTF-8, keyed by {@code model} so that all updates of a model share a partition and
 * arrive in promotion order. {@code event_version} lets a reader refuse a layout newer than it
 * understands.
 */
public record ModelUpdate(
        String model,
        String version,
        URI bundleUri,
        String sha256,
        long sizeBytes,
        Instant promotedAt,
        String previousVersion,
        Map<String, Double> metrics,
        Map<String, Double> scores,
        String reason) {

    /** The layout this build writes and the newest it reads. */
    public static final int EVENT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ModelUpdate {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(bundleUri, "bundleUri");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(promotedAt, "promotedAt");
        Objects.requireNonNull(reason, "reason");
        metrics =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")));
        scores =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(Objects.requireNonNull(scores, "scores")));
    }

    /**
     * The update announcing {@code champion} of the model called {@code model}; metrics from {@code
     * bundle}.
     */
    public static ModelUpdate of(String model, Champion champion, BundleInfo bundle) {
        if (!champion.version().equals(bundle.version())) {
            throw new IllegalArgumentException(
                    "champion " + champion.version() + " is not bundle " + bundle.version());
        }
        return new ModelUpdate(
                model,
                champion.version(),
                champion.bundleUri(),
                champion.sha256(),
                champion.sizeBytes(),
                champion.promotedAt(),
                champion.previousVersion(),
                bundle.metrics(),
                champion.scores(),
                champion.reason());
    }

    /** The record key: the model name, UTF-8. */
    public byte[] key() {
        return model.getBytes(StandardCharsets.UTF_8);
    }

    /** The record value. Times are epoch milliseconds; numbers that are not finite are left out. */
    public byte[] toJson() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("event_version", EVENT_VERSION);
        json.put("model", model);
        json.put("version", version);
        json.put("bundle_uri", bundleUri.toString());
        json.put("sha256", sha256);
        json.put("size_bytes", sizeBytes);
        json.put("promoted_at", promotedAt.toEpochMilli());
        if (previousVersion == null) {
            json.putNull("previous_version");
        } else {
            json.put("previous_version", previousVersion);
        }
        RegistryJson.writeNumbers(json.putObject("metrics"), metrics);
        RegistryJson.writeNumbers(json.putObject("scores"), scores);
        json.put("reason", reason);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
