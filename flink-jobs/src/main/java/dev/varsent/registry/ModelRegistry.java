package dev.varsent.registry;

import dev.varsent.bundle.BundleContents;
import dev.varsent.bundle.BundleFile;
import dev.varsent.bundle.BundleFormatException;
import dev.varsent.bundle.Provenance;
import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.model.ModelBundle;
import dev.varsent.model.SentimentModel;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Versioned model bundles under a Flink file system URI ({@code file://} here, {@code s3://} or
 * {@code hdfs://} on a cluster, given the file system plugin):
 *
 * <pre>
 *   &lt;root&gt;/versions/&lt;version&gt;.bundle   one immutable bundle per version, named by its model version
 *   &lt;root&gt;/history.jsonl              one JSON line per event: published, promoted, refused
 *   &lt;root&gt;/CHAMPION                   JSON pointer to the version the scoring job should serve
 *   &lt;root&gt;/staging/                   files being written; never read
 * </pre>
 *
 * Every file is written under {@code staging/} and renamed into place ({@link StagedFiles}), so a
 * reader sees a whole file or none. The history is "appended" by rewriting it that way, since
 * object stores cannot append; it stays small (a line per event).
 *
 * <p>One writer at a time, enforced by a lease ({@code <root>/LEASE}, {@link RegistryLease}) that
 * every publish, promote and recorded retrain takes; any number of readers, also while it writes.
 * The {@code CHAMPION} pointer is written after the bundle it names is in place, so a reader that
 * follows it always finds the bundle.
 */
public final class ModelRegistry {

    /** What a version may be called: it names a file on every supported file system. */
    public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final String BUNDLE_SUFFIX = ".bundle";

    private final FileSystem fs;
    private final Path root;
    private final Path versionsDir;
    private final Path historyFile;
    private final Path championFile;
    private final StagedFiles staged;
    private final Clock clock;

    private ModelRegistry(FileSystem fs, Path root, Clock clock) {
        this.fs = fs;
        this.root = root;
        this.versionsDir = new Path(root, "versions");
        this.historyFile = new Path(root, "history.jsonl");
        this.championFile = new Path(root, "CHAMPION");
        this.staged = new StagedFiles(fs, new Path(root, "staging"));
        this.clock = clock;
    }

    /**
     * The registry at {@code location}: a URI such as {@code file:///srv/models}, {@code
     * s3://bucket/models}, or a local path (relative ones against the working directory). Nothing
     * is created until the first publish.
     */
    public static ModelRegistry at(String location) throws IOException {
        return at(location, Clock.systemUTC());
    }

    public static ModelRegistry at(String location, Clock clock) throws IOException {
        Path path = new Path(Objects.requireNonNull(location, "location"));
        FileSystem fs = path.getFileSystem();
        return new ModelRegistry(
                fs, path.makeQualified(fs), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The registry at {@code root} on a file system the caller made (one configured with its own
     * credentials, or one that injects faults in a test).
     */
    public static ModelRegistry on(FileSystem fs, URI root, Clock clock) {
        Path path = new Path(Objects.requireNonNull(root, "root"));
        return new ModelRegistry(
                Objects.requireNonNull(fs, "fs"),
                path.makeQualified(fs),
                Objects.requireNonNull(clock, "clock"));
    }

    /** The registry at {@code registry.uri}. */
    public static ModelRegistry fromConfig(VarsentConfig config) throws IOException {
        return at(config.get(VarsentOptions.REGISTRY_URI));
    }

    public static boolean isValidVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    public URI root() {
        return root.toUri();
    }

    /** Where {@code version}'s bundle is (or would be). */
    public URI bundleUri(String version) {
        return bundlePath(version).toUri();
    }

    /** Publishes the bundle file {@code localBundle}; see {@link #publish(InputStream, String)}. */
    public BundleInfo publish(java.nio.file.Path localBundle) throws IOException {
        try (InputStream in = Files.newInputStream(localBundle)) {
            return publish(in, localBundle.toAbsolutePath().toString());
        }
    }

    /** Writes {@code model} as a bundle and publishes it under its version. */
    public BundleInfo publish(SentimentModel model) throws IOException {
        java.nio.file.Path local = Files.createTempFile("varsent-publish-", BUNDLE_SUFFIX);
        try {
            model.save(local);
            return publish(local);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /**
     * Copies the bundle read from {@code source} under the registry, reads the copy back as a model
     * (format, SHA-256 trailer, compatibility) and checks it holds exactly the bytes written, then
     * renames it to {@code versions/<its model version>.bundle} and records it in the history.
     * Publishing a version again with the same bytes returns the existing entry.
     *
     * @param sourceName where the bundle came from, for messages and the history
     * @throws BundleRefusedException if the bundle is corrupt, truncated or incompatible, its
     *     version is not a valid name, or the version exists with different bytes; nothing is left
     *     under {@code versions/} or {@code staging/}
     */
    public BundleInfo publish(InputStream source, String sourceName) throws IOException {
        try (RegistryLease lease = lease()) {
            return publishLeased(source, sourceName);
        }
    }

    private BundleInfo publishLeased(InputStream source, String sourceName) throws IOException {
        Instant now = now();
        StagedFiles.Staged copy = staged.stage("bundle", source::transferTo);
        boolean moved = false;
        try {
            SentimentModel model;
            try {
                model = readBack(copy, sourceName);
            } catch (BundleRefusedException e) {
                throw refuse(
                        now,
                        "publish",
                        sourceName,
                        e.version(),
                        copy,
                        e.reason(),
                        e.getMessage(),
                        e.getCause());
            }
            String version = model.version();
            Path target = bundlePath(version);
            if (fs.exists(target)) {
                BundleInfo existing = republished(now, sourceName, version, copy);
                staged.discard(copy.path());
                return existing;
            }
            staged.moveIntoPlace(copy.path(), target, false);
            moved = true;
            BundleInfo info =
                    new BundleInfo(
                            version,
                            target.toUri(),
                            copy.sha256(),
                            copy.sizeBytes(),
                            now,
                            model.provenance());
            append(new HistoryEvent.Published(info));
            return info;
        } catch (IOException | RuntimeException | Error e) {
            if (!moved) {
                staged.discardAfter(copy.path(), e);
            }
            throw e;
        }
    }

    /**
     * Reads a staged copy back as a model and checks it holds exactly the bytes written and a valid
     * version.
     *
     * @throws BundleRefusedException ({@code INVALID_BUNDLE}, {@code COPY_MISMATCH}, {@code
     *     INVALID_VERSION})
     */
    private SentimentModel readBack(StagedFiles.Staged copy, String sourceName) throws IOException {
        SentimentModel model;
        String readBack;
        try (DigestInputStream in =
                new DigestInputStream(fs.open(copy.path()), Provenance.newSha256())) {
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
        if (!isValidVersion(model.version())) {
            throw new BundleRefusedException(
                    BundleRefusedException.Reason.INVALID_VERSION,
                    sourceName
                            + ": model version '"
                            + model.version()
                            + "' is not a valid registry version ("
                            + VERSION.pattern()
                            + ")",
                    null);
        }
        return model;
    }

    /**
     * Switches {@code CHAMPION} to {@code version} and records the promotion. The bundle is read
     * and verified against the SHA-256 recorded when it was published before the pointer moves.
     *
     * @param scores the evaluation that justified the promotion (finite numbers), e.g. held-out
     *     RMSE
     * @param reason why, in words
     * @throws FileNotFoundException if the version was never published
     * @throws BundleRefusedException if its bundle no longer reads as the model that was published
     */
    public Champion promote(String version, Map<String, Double> scores, String reason)
            throws IOException {
        try (RegistryLease lease = lease()) {
            return promoteLeased(version, scores, reason);
        }
    }

    private Champion promoteLeased(String version, Map<String, Double> scores, String reason)
            throws IOException {
        checkPromotion(scores, reason);
        Instant now = now();
        BundleInfo info = info(version).orElseThrow(() -> unknown(version));
        try {
            load(info);
        } catch (BundleFormatException e) {
            BundleRefusedException refused =
                    new BundleRefusedException(
                            BundleRefusedException.Reason.INVALID_BUNDLE,
                            "cannot promote " + version + ": " + e.getMessage(),
                            e);
            record(
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
        String previous = champion().map(Champion::version).orElse(null);
        Champion champion =
                new Champion(
                        version,
                        info.uri(),
                        info.sha256(),
                        info.sizeBytes(),
                        now,
                        previous,
                        new LinkedHashMap<>(scores),
                        reason,
                        nextSequence());
        staged.replace(championFile, RegistryJson.championFile(champion));
        append(new HistoryEvent.Promoted(champion, info.provenance()));
        return champion;
    }

    private static void checkPromotion(Map<String, Double> scores, String reason) {
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

    private long nextSequence() throws IOException {
        List<Champion> promotions = promotions();
        return promotions.isEmpty() ? 1 : promotions.get(promotions.size() - 1).sequence() + 1;
    }

    /** A retrain's promotion: the challenger's bundle as published and the champion it became. */
    public record Promotion(BundleInfo bundle, Champion champion) {}

    /**
     * Records a retrain's decision and, when {@code challenger} is given, publishes and promotes it
     * with the decision, as one change under one lease. The bundle is written under {@code
     * staging/}, read back and checked first; only then do three renames make it visible: the
     * bundle into {@code versions/}, the history with its {@code published}, {@code promoted} and
     * {@code retrained} lines (one rewrite), and last {@code CHAMPION}, the step that makes it the
     * model to serve. If a step fails, the ones before it are undone ({@link RenamesInOrder}): a
     * retrain that fails leaves the registry as it was (no refusal line either: the failure is the
     * retrain's, reported by it). A writer killed between two renames (not an exception) can leave
     * the bundle unreferenced in {@code versions/}, or the history naming a promotion that {@code
     * CHAMPION} does not; it never leaves {@code CHAMPION} naming a bundle that is not in place.
     *
     * @param challenger the model to promote, or null when the decision keeps the champion
     * @param scores the evaluation that justified the promotion (finite numbers); ignored without a
     *     challenger
     * @param reason why, in words; ignored without a challenger
     * @throws BundleRefusedException if the challenger's bundle does not read back, or its version
     *     exists
     */
    public Optional<Promotion> recordRetrain(
            HistoryEvent.Retrained decision,
            SentimentModel challenger,
            Map<String, Double> scores,
            String reason)
            throws IOException {
        Objects.requireNonNull(decision, "decision");
        if (challenger == null) {
            recordRetrain(decision);
            return Optional.empty();
        }
        checkPromotion(scores, reason);
        try (RegistryLease lease = lease()) {
            return Optional.of(promoteRetrained(decision, challenger, scores, reason));
        }
    }

    private Promotion promoteRetrained(
            HistoryEvent.Retrained decision,
            SentimentModel challenger,
            Map<String, Double> scores,
            String reason)
            throws IOException {
        Instant now = now();
        String sourceName = "retrain challenger " + challenger.version();
        java.nio.file.Path local = Files.createTempFile("varsent-challenger-", BUNDLE_SUFFIX);
        StagedFiles.Staged copy;
        try {
            challenger.save(local);
            copy = staged.stage("bundle", out -> Files.copy(local, out));
        } finally {
            Files.deleteIfExists(local);
        }
        RenamesInOrder renames = new RenamesInOrder(fs, staged);
        try {
            SentimentModel model = readBack(copy, sourceName);
            String version = model.version();
            Path target = bundlePath(version);
            if (fs.exists(target)) {
                throw new BundleRefusedException(
                        BundleRefusedException.Reason.VERSION_CONFLICT,
                        sourceName
                                + ": version "
                                + version
                                + " is already in the registry (a new model needs a new version)",
                        null);
            }
            BundleInfo info =
                    new BundleInfo(
                            version,
                            target.toUri(),
                            copy.sha256(),
                            copy.sizeBytes(),
                            now,
                            model.provenance());
            Champion champion =
                    new Champion(
                            version,
                            info.uri(),
                            info.sha256(),
                            info.sizeBytes(),
                            now,
                            champion().map(Champion::version).orElse(null),
                            new LinkedHashMap<>(scores),
                            reason,
                            nextSequence());
            byte[] history =
                    historyWith(
                            new HistoryEvent.Published(info),
                            new HistoryEvent.Promoted(champion, info.provenance()),
                            decision);
            renames.add(copy.path(), target);
            renames.replace(historyFile, history);
            renames.replace(championFile, RegistryJson.championFile(champion));
            renames.run();
            return new Promotion(info, champion);
        } catch (IOException | RuntimeException | Error e) {
            staged.discardAfter(copy.path(), e);
            throw e;
        }
    }

    /**
     * Every promotion in the history, oldest first, each with its promotion sequence (lines written
     * before the sequence existed are numbered by their position: the n-th promotion has sequence
     * n).
     */
    public List<Champion> promotions() throws IOException {
        List<Champion> promotions = new ArrayList<>();
        for (HistoryEvent event : history()) {
            if (event instanceof HistoryEvent.Promoted promoted) {
                Champion c = promoted.champion();
                long sequence = c.sequence() > 0 ? c.sequence() : promotions.size() + 1;
                promotions.add(
                        c.sequence() == sequence
                                ? c
                                : new Champion(
                                        c.version(),
                                        c.bundleUri(),
                                        c.sha256(),
                                        c.sizeBytes(),
                                        c.promotedAt(),
                                        c.previousVersion(),
                                        c.scores(),
                                        c.reason(),
                                        sequence));
            }
        }
        return promotions;
    }

    /** Records a retrain's decision (promoted or not) in the history. */
    public void recordRetrain(HistoryEvent.Retrained decision) throws IOException {
        try (RegistryLease lease = lease()) {
            append(decision);
        }
    }

    /** The version {@code CHAMPION} names; empty before the first promotion. */
    public Optional<Champion> champion() throws IOException {
        String content;
        try (InputStream in = fs.open(championFile)) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(RegistryJson.parseChampionFile(content, this::bundleUri));
        } catch (IllegalArgumentException e) {
            throw new IOException(championFile + ": " + e.getMessage(), e);
        }
    }

    /** Every published version, oldest first. */
    public List<BundleInfo> versions() throws IOException {
        Map<String, BundleInfo> recorded = publishedVersions();
        List<BundleInfo> versions = new ArrayList<>();
        for (FileStatus status : list(versionsDir)) {
            String name = status.getPath().getName();
            if (!status.isDir() && name.endsWith(BUNDLE_SUFFIX)) {
                String version = name.substring(0, name.length() - BUNDLE_SUFFIX.length());
                BundleInfo info = recorded.get(version);
                versions.add(info != null ? info : describe(version, status));
            }
        }
        versions.sort(
                Comparator.comparing(BundleInfo::publishedAt).thenComparing(BundleInfo::version));
        return versions;
    }

    /** The published version {@code version}, if there is one. */
    public Optional<BundleInfo> info(String version) throws IOException {
        if (!isValidVersion(version)) {
            return Optional.empty();
        }
        Path bundle = bundlePath(version);
        if (!fs.exists(bundle)) {
            return Optional.empty();
        }
        BundleInfo info = publishedVersions().get(version);
        return Optional.of(info != null ? info : describe(version, fs.getFileStatus(bundle)));
    }

    /** The bundle's bytes; the caller closes the stream. */
    public InputStream open(String version) throws IOException {
        if (!isValidVersion(version)) {
            throw unknown(version);
        }
        try {
            return fs.open(bundlePath(version));
        } catch (FileNotFoundException e) {
            throw unknown(version);
        }
    }

    /**
     * The model of {@code version}, validated like any bundle and checked against the SHA-256
     * recorded when it was published.
     *
     * @throws BundleFormatException if the bundle is damaged, incompatible or not the one published
     */
    public SentimentModel load(String version) throws IOException {
        return load(info(version).orElseThrow(() -> unknown(version)));
    }

    /** Every event recorded so far, oldest first. */
    public List<HistoryEvent> history() throws IOException {
        List<HistoryEvent> events = new ArrayList<>();
        String content;
        try (InputStream in = fs.open(historyFile)) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return events;
        }
        String[] lines = content.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                events.add(RegistryJson.parseHistoryLine(lines[i], this::bundleUri));
            } catch (IllegalArgumentException e) {
                throw new IOException(historyFile + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return events;
    }

    /**
     * Milliseconds: the precision of the model-updates events, so a champion and its announcement
     * agree.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private SentimentModel load(BundleInfo info) throws IOException {
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
     * Publishing a version that is already there: the same bytes are a no-op, other bytes a
     * conflict.
     */
    private BundleInfo republished(
            Instant now, String sourceName, String version, StagedFiles.Staged copy)
            throws IOException {
        BundleInfo existing = info(version).orElseThrow(() -> unknown(version));
        if (!existing.sha256().equals(copy.sha256())) {
            throw refuse(
                    now,
                    "publish",
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
        if (!publishedVersions().containsKey(version)) {
            // The bundle got in place but its history line did not (the writer stopped in between).
            append(new HistoryEvent.Published(existing));
        }
        return existing;
    }

    private BundleRefusedException refuse(
            Instant now,
            String action,
            String source,
            String version,
            StagedFiles.Staged copy,
            BundleRefusedException.Reason reason,
            String message,
            Throwable cause) {
        BundleRefusedException refused = new BundleRefusedException(reason, message, cause);
        record(
                new HistoryEvent.Refused(
                        now,
                        action,
                        source,
                        version,
                        copy.sha256(),
                        copy.sizeBytes(),
                        reason,
                        message),
                refused);
        return refused;
    }

    /** Records a refusal; failing to record it must not hide the refusal itself. */
    /** The registry's single-writer lease ({@link RegistryLease}), for one change. */
    private RegistryLease lease() throws IOException {
        return RegistryLease.acquire(
                fs,
                root,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getName(),
                clock);
    }

    private void record(HistoryEvent.Refused event, BundleRefusedException refused) {
        try {
            append(event);
        } catch (IOException | RuntimeException e) {
            refused.addSuppressed(e);
        }
    }

    private void append(HistoryEvent event) throws IOException {
        staged.replace(historyFile, historyWith(event));
    }

    /** The history's bytes with {@code events} appended. */
    private byte[] historyWith(HistoryEvent... events) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try (InputStream in = fs.open(historyFile)) {
            in.transferTo(content);
        } catch (FileNotFoundException e) {
            // The first event creates the history.
        }
        if (content.size() > 0 && content.toByteArray()[content.size() - 1] != '\n') {
            content.write('\n');
        }
        for (HistoryEvent event : events) {
            content.write(
                    (RegistryJson.historyLine(event) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return content.toByteArray();
    }

    private Map<String, BundleInfo> publishedVersions() throws IOException {
        Map<String, BundleInfo> published = new LinkedHashMap<>();
        for (HistoryEvent event : history()) {
            if (event instanceof HistoryEvent.Published p) {
                published.putIfAbsent(p.bundle().version(), p.bundle());
            }
        }
        return published;
    }

    /** Metadata read from the bundle itself, for one whose history line is missing. */
    private BundleInfo describe(String version, FileStatus status) throws IOException {
        try (DigestInputStream in =
                new DigestInputStream(fs.open(status.getPath()), Provenance.newSha256())) {
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
        if (!fs.exists(dir)) {
            return new FileStatus[0];
        }
        FileStatus[] statuses = fs.listStatus(dir);
        return statuses == null ? new FileStatus[0] : statuses;
    }

    private Path bundlePath(String version) {
        return new Path(root, RegistryJson.bundleFile(version));
    }

    private FileNotFoundException unknown(String version) {
        return new FileNotFoundException(
                "the registry at " + root + " has no version '" + version + "'");
    }

    /** For messages and logs. */
    @Override
    public String toString() {
        return "ModelRegistry[" + root + "]";
    }
}
