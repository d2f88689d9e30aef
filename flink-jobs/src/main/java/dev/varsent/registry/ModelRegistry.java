package dev.varsent.registry;

import dev.varsent.bundle.BundleFormatException;
import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.model.SentimentModel;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
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
 * reader sees a whole file or none; the history is "appended" by rewriting it ({@link
 * RegistryHistory}).
 *
 * <p>One writer at a time, enforced by a lease ({@code <root>/LEASE}, {@link RegistryLease}) that
 * every publish, promote and recorded retrain takes; any number of readers, also while it writes.
 * The {@code CHAMPION} pointer is written after the bundle it names is in place, so a reader that
 * follows it always finds the bundle.
 *
 * <p>This class is the registry's API; each job is done by one class beside it: {@link
 * BundlePublisher}, {@link ChampionPromoter}, {@link RetrainRecorder} write, {@link
 * PublishedVersions} and {@link RegistryHistory} read.
 */
public final class ModelRegistry {

    /** What a version may be called: it names a file on every supported file system. */
    public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final RegistryFiles files;
    private final RegistryHistory history;
    private final PublishedVersions versions;
    private final BundlePublisher publisher;
    private final ChampionPromoter champions;
    private final RetrainRecorder retrains;

    private ModelRegistry(FileSystem fs, Path root, Clock clock) {
        this.files = RegistryFiles.of(fs, root, clock);
        this.history = new RegistryHistory(files);
        this.versions = new PublishedVersions(files, history);
        this.publisher = new BundlePublisher(files, history, versions);
        this.champions = new ChampionPromoter(files, history, versions);
        this.retrains = new RetrainRecorder(files, history, versions, champions);
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
        return files.root().toUri();
    }

    /** Where {@code version}'s bundle is (or would be). */
    public URI bundleUri(String version) {
        return files.bundlePath(version).toUri();
    }

    /** Publishes the bundle file {@code localBundle}; see {@link #publish(InputStream, String)}. */
    public BundleInfo publish(java.nio.file.Path localBundle) throws IOException {
        try (InputStream in = Files.newInputStream(localBundle)) {
            return publish(in, localBundle.toAbsolutePath().toString());
        }
    }

    /** Writes {@code model} as a bundle and publishes it under its version. */
    public BundleInfo publish(SentimentModel model) throws IOException {
        java.nio.file.Path local =
                Files.createTempFile("varsent-publish-", RegistryFiles.BUNDLE_SUFFIX);
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
        return publisher.publish(source, sourceName);
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
        return champions.promote(version, scores, reason);
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
        return retrains.record(decision, challenger, scores, reason);
    }

    /** Records a retrain's decision (promoted or not) in the history. */
    public void recordRetrain(HistoryEvent.Retrained decision) throws IOException {
        retrains.record(decision);
    }

    /**
     * Every promotion in the history, oldest first, each with its promotion sequence (lines written
     * before the sequence existed are numbered by their position: the n-th promotion has sequence
     * n).
     */
    public List<Champion> promotions() throws IOException {
        return history.promotions();
    }

    /** The version {@code CHAMPION} names; empty before the first promotion. */
    public Optional<Champion> champion() throws IOException {
        return champions.current();
    }

    /** Every published version, oldest first. */
    public List<BundleInfo> versions() throws IOException {
        return versions.all();
    }

    /** The published version {@code version}, if there is one. */
    public Optional<BundleInfo> info(String version) throws IOException {
        return versions.info(version);
    }

    /** The bundle's bytes; the caller closes the stream. */
    public InputStream open(String version) throws IOException {
        return versions.open(version);
    }

    /**
     * The model of {@code version}, validated like any bundle and checked against the SHA-256
     * recorded when it was published.
     *
     * @throws BundleFormatException if the bundle is damaged, incompatible or not the one published
     */
    public SentimentModel load(String version) throws IOException {
        return versions.load(info(version).orElseThrow(() -> files.unknown(version)));
    }

    /** Every event recorded so far, oldest first. */
    public List<HistoryEvent> history() throws IOException {
        return history.events();
    }

    /** For messages and logs. */
    @Override
    public String toString() {
        return "ModelRegistry[" + files.root() + "]";
    }
}
