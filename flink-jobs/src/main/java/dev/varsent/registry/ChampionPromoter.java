package dev.varsent.registry;

import dev.varsent.bundle.BundleFormatException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code CHAMPION} pointer: reads it, and moves it to a published version once that version's
 * bundle reads back as the model that was published.
 */
final class ChampionPromoter {

    private final RegistryFiles files;
    private final RegistryHistory history;
    private final PublishedVersions versions;

    ChampionPromoter(RegistryFiles files, RegistryHistory history, PublishedVersions versions) {
        this.files = files;
        this.history = history;
        this.versions = versions;
    }

    /** The version {@code CHAMPION} names; empty before the first promotion. */
    Optional<Champion> current() throws IOException {
        String content;
        try (InputStream in = files.fs().open(files.championFile())) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    RegistryJson.parseChampionFile(content, v -> files.bundlePath(v).toUri()));
        } catch (IllegalArgumentException e) {
            throw new IOException(files.championFile() + ": " + e.getMessage(), e);
        }
    }

    /** See {@link ModelRegistry#promote}. */
    Champion promote(String version, Map<String, Double> scores, String reason) throws IOException {
        try (RegistryLease lease = files.lease()) {
            return promoteLeased(version, scores, reason);
        }
    }

    private Champion promoteLeased(String version, Map<String, Double> scores, String reason)
            throws IOException {
        check(scores, reason);
        Instant now = files.now();
        BundleInfo info = versions.info(version).orElseThrow(() -> files.unknown(version));
        try {
            versions.load(info);
        } catch (BundleFormatException e) {
            BundleRefusedException refused =
                    new BundleRefusedException(
                            BundleRefusedException.Reason.INVALID_BUNDLE,
                            "cannot promote " + version + ": " + e.getMessage(),
                            e);
            history.appendRefusal(
                    new HistoryEvent.Refused(
                            now,
                            "promote",
                            info.uri().toString(),
                            version,
                            info.sha256(),
                            info.sizeBytes(),
                            refused.reason(),
                            refused.getMessage()),
                    refused);
            throw refused;
        }
        Champion champion = next(info, now, scores, reason);
        files.staged().replace(files.championFile(), RegistryJson.championFile(champion));
        history.append(new HistoryEvent.Promoted(champion, info.provenance()));
        return champion;
    }

    /**
     * The champion {@code info} becomes when promoted at {@code now}: it follows the current one
     * and takes the next promotion sequence. Nothing is written.
     */
    Champion next(BundleInfo info, Instant now, Map<String, Double> scores, String reason)
            throws IOException {
        return new Champion(
                info.version(),
                info.uri(),
                info.sha256(),
                info.sizeBytes(),
                now,
                current().map(Champion::version).orElse(null),
                new LinkedHashMap<>(scores),
                reason,
                history.nextSequence());
    }

    /** A promotion's scores are finite numbers with names, and it has a reason. */
    static void check(Map<String, Double> scores, String reason) {
        Objects.requireNonNull(scores, "scores");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a promotion needs a reason");
        }
        scores.forEach(
                (name, value) -> {
                    if (name == null || value == null || !Double.isFinite(value)) {
                        throw new IllegalArgumentException(
                                "scores must be finite numbers with names, found "
                                        + name
                                        + "="
                                        + value);
                    }
                });
    }
}
