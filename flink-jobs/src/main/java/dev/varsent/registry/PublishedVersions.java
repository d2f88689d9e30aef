package dev.varsent.registry;

import dev.varsent.bundle.BundleContents;
import dev.varsent.bundle.BundleFile;
import dev.varsent.bundle.BundleFormatException;
import dev.varsent.bundle.Provenance;
import dev.varsent.model.ModelBundle;
import dev.varsent.model.SentimentModel;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

/**
 * The bundles under {@code versions/}, described by their {@code published} history lines (or by
 * the bundle itself where the line is missing), and read back as models only when their bytes are
 * the ones recorded.
 */
final class PublishedVersions {

    private final RegistryFiles files;
    private final RegistryHistory history;

    PublishedVersions(RegistryFiles files, RegistryHistory history) {
        this.files = files;
        this.history = history;
    }

    /** Every published version, oldest first. */
    List<BundleInfo> all() throws IOException {
        Map<String, BundleInfo> recorded = history.publishedVersions();
        List<BundleInfo> versions = new ArrayList<>();
        for (FileStatus status : list(files.versionsDir())) {
            String name = status.getPath().getName();
            if (!status.isDir() && name.endsWith(RegistryFiles.BUNDLE_SUFFIX)) {
                String version =
                        name.substring(0, name.length() - RegistryFiles.BUNDLE_SUFFIX.length());
                BundleInfo info = recorded.get(version);
                versions.add(info != null ? info : describe(version, status));
            }
        }
        versions.sort(
                Comparator.comparing(BundleInfo::publishedAt).thenComparing(BundleInfo::version));
        return versions;
    }

    /** The published version {@code version}, if there is one. */
    Optional<BundleInfo> info(String version) throws IOException {
        if (!ModelRegistry.isValidVersion(version)) {
            return Optional.empty();
        }
        Path bundle = files.bundlePath(version);
        if (!files.fs().exists(bundle)) {
            return Optional.empty();
        }
        BundleInfo info = history.publishedVersions().get(version);
        return Optional.of(
                info != null ? info : describe(version, files.fs().getFileStatus(bundle)));
    }

    /** The bundle's bytes; the caller closes the stream. */
    InputStream open(String version) throws IOException {
        if (!ModelRegistry.isValidVersion(version)) {
            throw files.unknown(version);
        }
        try {
            return files.fs().open(files.bundlePath(version));
        } catch (FileNotFoundException e) {
            throw files.unknown(version);
        }
    }

    /**
     * The model of the published bundle {@code info}, checked against the SHA-256 recorded when it
     * was published.
     *
     * @throws BundleFormatException if the bundle is damaged, incompatible or not the one published
     */
    SentimentModel load(BundleInfo info) throws IOException {
        String name = info.uri().toString();
        try (DigestInputStream in =
                new DigestInputStream(open(info.version()), Provenance.newSha256())) {
            SentimentModel model = ModelBundle.read(in, name);
            String sha = Provenance.hex(in.getMessageDigest().digest());
            if (!sha.equals(info.sha256())) {
                throw new BundleFormatException(
                        name
                                + ": SHA-256 "
                                + sha
                                + " differs from "
                                + info.sha256()
                                + ", recorded when version "
                                + info.version()
                                + " was published");
            }
            return model;
        }
    }

    /**
     * Reads a staged copy back as a model and checks it holds exactly the bytes written and a valid
     * version.
     *
     * @throws BundleRefusedException ({@code INVALID_BUNDLE}, {@code COPY_MISMATCH}, {@code
     *     INVALID_VERSION})
     */
    SentimentModel readBack(StagedFiles.Staged copy, String sourceName) throws IOException {
        SentimentModel model;
        String readBack;
        try (DigestInputStream in =
                new DigestInputStream(files.fs().open(copy.path()), Provenance.newSha256())) {
            model = ModelBundle.read(in, sourceName);
            readBack = Provenance.hex(in.getMessageDigest().digest());
        } catch (BundleFormatException e) {
            throw new BundleRefusedException(
                    BundleRefusedException.Reason.INVALID_BUNDLE, e.getMessage(), e);
        }
        if (!readBack.equals(copy.sha256())) {
            throw new BundleRefusedException(
                    BundleRefusedException.Reason.COPY_MISMATCH,
                    sourceName
                            + ": the copy at "
                            + copy.path()
                            + " reads back with SHA-256 "
                            + readBack
                            + " but "
                            + copy.sha256()
                            + " was written",
                    null,
                    model.version());
        }
        if (!ModelRegistry.isValidVersion(model.version())) {
            throw new BundleRefusedException(
                    BundleRefusedException.Reason.INVALID_VERSION,
                    sourceName
                            + ": model version '"
                            + model.version()
                            + "' is not a valid registry version ("
                            + ModelRegistry.VERSION.pattern()
                            + ")",
                    null);
        }
        return model;
    }

    /**
     * What the history records of {@code model}, read back from {@code copy}, at {@code target}.
     */
    static BundleInfo info(
            SentimentModel model, Path target, StagedFiles.Staged copy, Instant publishedAt) {
        return new BundleInfo(
                model.version(),
                target.toUri(),
                copy.sha256(),
                copy.sizeBytes(),
                publishedAt,
                model.provenance());
    }

    /** Metadata read from the bundle itself, for one whose history line is missing. */
    private BundleInfo describe(String version, FileStatus status) throws IOException {
        try (DigestInputStream in =
                new DigestInputStream(files.fs().open(status.getPath()), Provenance.newSha256())) {
            BundleContents contents = BundleFile.read(in);
            return new BundleInfo(
                    version,
                    status.getPath().toUri(),
                    Provenance.hex(in.getMessageDigest().digest()),
                    status.getLen(),
                    Instant.ofEpochMilli(status.getModificationTime()),
                    contents.provenance());
        } catch (BundleFormatException e) {
            throw new BundleFormatException(status.getPath() + ": " + e.getMessage(), e);
        }
    }

    private FileStatus[] list(Path dir) throws IOException {
        if (!files.fs().exists(dir)) {
            return new FileStatus[0];
        }
        FileStatus[] statuses = files.fs().listStatus(dir);
        return statuses == null ? new FileStatus[0] : statuses;
    }
}
