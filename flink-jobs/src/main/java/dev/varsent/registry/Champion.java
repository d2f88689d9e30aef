package dev.varsent.registry;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The version the scoring job should serve, as the {@code CHAMPION} pointer names it: its bundle,
 * the bundle's SHA-256 and size, when and why it was promoted, the scores that justified it and the
 * champion it replaced ({@code previousVersion} is null for the first one). {@code sequence} is the
 * registry's promotion counter: 1 for the first promotion, one more for each next one, written only
 * by {@link ModelRegistry#promote}; a job decides which of two announcements is newer by it, never
 * by the wall-clock {@code promotedAt}.
 */
public record Champion(
        String version,
        URI bundleUri,
        String sha256,
        long sizeBytes,
        Instant promotedAt,
        String previousVersion,
        Map<String, Double> scores,
        String reason,
        long sequence) {

    public Champion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(bundleUri, "bundleUri");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(promotedAt, "promotedAt");
        Objects.requireNonNull(reason, "reason");
        scores =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(Objects.requireNonNull(scores, "scores")));
    }
}
