package dev.varsent.registry;

import dev.varsent.model.SentimentModel;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.core.fs.Path;

/**
 * Records a retrain's decision and, when it promotes a challenger, publishes and promotes the
 * challenger with it as one change (see {@link ModelRegistry#recordRetrain(HistoryEvent.Retrained,
 * SentimentModel, Map, String)}).
 */
final class RetrainRecorder {

    private final RegistryFiles files;
    private final RegistryHistory history;
    private final PublishedVersions versions;
    private final ChampionPromoter champions;

    RetrainRecorder(
            RegistryFiles files,
            RegistryHistory history,
            PublishedVersions versions,
            ChampionPromoter champions) {
        this.files = files;
        this.history = history;
        this.versions = versions;
        this.champions = champions;
    }

    /** Records a decision that keeps the champion. */
    void record(HistoryEvent.Retrained decision) throws IOException {
        try (RegistryLease lease = files.lease()) {
            history.append(decision);
        }
    }

    Optional<ModelRegistry.Promotion> record(
            HistoryEvent.Retrained decision,
            SentimentModel challenger,
            Map<String, Double> scores,
            String reason)
            throws IOException {
        Objects.requireNonNull(decision, "decision");
        if (challenger == null) {
            record(decision);
            return Optional.empty();
        }
        ChampionPromoter.check(scores, reason);
        try (RegistryLease lease = files.lease()) {
            return Optional.of(promote(decision, challenger, scores, reason));
        }
    }

    private ModelRegistry.Promotion promote(
            HistoryEvent.Retrained decision,
            SentimentModel challenger,
            Map<String, Double> scores,
            String reason)
            throws IOException {
        Instant now = files.now();
        String sourceName = "retrain challenger " + challenger.version();
        StagedFiles.Staged copy = stage(challenger);
        RenamesInOrder renames = new RenamesInOrder(files.fs(), files.staged());
        try {
            SentimentModel model = versions.readBack(copy, sourceName);
            String version = model.version();
            Path target = files.bundlePath(version);
            if (files.fs().exists(target)) {
                throw new BundleRefusedException(
                        BundleRefusedException.Reason.VERSION_CONFLICT,
                        sourceName
                                + ": version "
                                + version
                                + " is already in the registry (a new model needs a new version)",
                        null);
            }
            BundleInfo info = PublishedVersions.info(model, target, copy, now);
            Champion champion = champions.next(info, now, scores, reason);
            byte[] lines =
                    history.with(
                            new HistoryEvent.Published(info),
                            new HistoryEvent.Promoted(champion, info.provenance()),
                            decision);
            renames.add(copy.path(), target);
            renames.replace(files.historyFile(), lines);
            renames.replace(files.championFile(), RegistryJson.championFile(champion));
            renames.run();
            return new ModelRegistry.Promotion(info, champion);
        } catch (IOException | RuntimeException | Error e) {
            files.staged().discardAfter(copy.path(), e);
            throw e;
        }
    }

    /** The challenger's bundle, written under staging. */
    private StagedFiles.Staged stage(SentimentModel challenger) throws IOException {
        java.nio.file.Path local =
                Files.createTempFile("varsent-challenger-", RegistryFiles.BUNDLE_SUFFIX);
        try {
            challenger.save(local);
            return files.staged().stage("bundle", out -> Files.copy(local, out));
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
