package dev.varsent.registry;

import dev.varsent.bundle.Provenance;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One published version: where its bundle is, its bytes' SHA-256 and size, when it was published
 * and the provenance (data, seed, epochs, commit, metrics) the bundle carries.
 */
public record BundleInfo(
        String version,
        URI uri,
        String sha256,
        long sizeBytes,
        Instant publishedAt,
        Provenance provenance) {

    public BundleInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** The training run's metrics, in the order it reported them. */
    public Map<String, Double> metrics() {
        return provenance.metrics();
    }
}
