package dev.varsent.registry;

import dev.varsent.model.SentimentModel;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.apache.flink.core.fs.Path;

/**
 * Publishes a bundle: copies it under staging, reads the copy back, renames it into {@code
 * versions/} and records it; a bundle that does not read back, or a version taken by other bytes,
 * is refused and the refusal recorded.
 */
final class BundlePublisher {

    private final RegistryFiles files;
    private final RegistryHistory history;
    private final PublishedVersions versions;

    BundlePublisher(RegistryFiles files, RegistryHistory history, PublishedVersions versions) {
        this.files = files;
        this.history = history;
        this.versions = versions;
    }

    /** See {@link ModelRegistry#publish(InputStream, String)}. */
    BundleInfo publish(InputStream source, String sourceName) throws IOException {
        try (RegistryLease lease = files.lease()) {
            return publishLeased(source, sourceName);
        }
    }

    private BundleInfo publishLeased(InputStream source, String sourceName) throws IOException {
        Instant now = files.now();
        StagedFiles staged = files.staged();
        StagedFiles.Staged copy = staged.stage("bundle", source::transferTo);
        boolean moved = false;
        try {
            SentimentModel model;
            try {
                model = versions.readBack(copy, sourceName);
            } catch (BundleRefusedException e) {
                throw refuse(
                        now,
                        sourceName,
                        e.version(),
                        copy,
                        e.reason(),
                        e.getMessage(),
                        e.getCause());
            }
            String version = model.version();
            Path target = files.bundlePath(version);
            if (files.fs().exists(target)) {
                BundleInfo existing = republished(now, sourceName, version, copy);
                staged.discard(copy.path());
                return existing;
            }
            staged.moveIntoPlace(copy.path(), target, false);
            moved = true;
            BundleInfo info = PublishedVersions.info(model, target, copy, now);
            history.append(new HistoryEvent.Published(info));
            return info;
        } catch (IOException | RuntimeException | Error e) {
            if (!moved) {
                staged.discardAfter(copy.path(), e);
            }
            throw e;
        }
    }

    /**
     * Publishing a version that is already there: the same bytes are a no-op, other bytes a
     * conflict.
     */
    private BundleInfo republished(
            Instant now, String sourceName, String version, StagedFiles.Staged copy)
            throws IOException {
        BundleInfo existing = versions.info(version).orElseThrow(() -> files.unknown(version));
        if (!existing.sha256().equals(copy.sha256())) {
            throw refuse(
                    now,
                    sourceName,
                    version,
                    copy,
                    BundleRefusedException.Reason.VERSION_CONFLICT,
                    sourceName
                            + ": version "
                            + version
                            + " is already published with SHA-256 "
                            + existing.sha256()
                            + "; this bundle's is "
                            + copy.sha256()
                            + " (a new model needs a new version)",
                    null);
        }
        if (!history.publishedVersions().containsKey(version)) {
            // The bundle got in place but its history line did not (the writer stopped in between).
            history.append(new HistoryEvent.Published(existing));
        }
        return existing;
    }

    private BundleRefusedException refuse(
            Instant now,
            String source,
            String version,
            StagedFiles.Staged copy,
            BundleRefusedException.Reason reason,
            String message,
            Throwable cause) {
        BundleRefusedException refused = new BundleRefusedException(reason, message, cause);
        history.appendRefusal(
                new HistoryEvent.Refused(
                        now,
                        "publish",
                        source,
                        version,
                        copy.sha256(),
                        copy.sizeBytes(),
                        reason,
                        message),
                refused);
        return refused;
    }
}
