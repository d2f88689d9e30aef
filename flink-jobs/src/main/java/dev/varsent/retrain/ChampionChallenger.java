package dev.varsent.retrain;

import dev.varsent.config.RetrainStart;
import dev.varsent.model.SentimentModel;
import dev.varsent.registry.Champion;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.registry.ModelUpdate;
import dev.varsent.registry.ModelUpdatePublisher;
import dev.varsent.train.ExampleTrainer;
import dev.varsent.train.LabelledText;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retrain, once its data is in: splits the examples by a hash of their id, holds out a
 * calibration split of the training side ({@link CalibratedTraining}), trains a challenger on the
 * rest (warm from the champion, or from scratch) and fits its calibration, scores challenger and
 * champion on the same holdout with the same MC samples and seed, every review whole as the scoring
 * job scores it ({@link HoldoutScore}), and promotes the challenger if it wins by the margin:
 * published to the registry, made champion and announced on the model-updates topic. Either way the
 * decision, both scores and the data counts are recorded in the registry's history, in the same
 * change as the promotion ({@link
 * ModelRegistry#recordRetrain(dev.varsent.registry.HistoryEvent.Retrained, SentimentModel, Map,
 * String)}): a retrain that fails or is cancelled before it leaves the registry as it was.
 */
public final class ChampionChallenger {

    private static final Logger LOG = LoggerFactory.getLogger(ChampionChallenger.class);
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private final RetrainSettings settings;
    private final ModelRegistry registry;
    private final ModelUpdatePublisher publisher;
    private final Clock clock;
    private final PrintStream progress;

    public ChampionChallenger(
            RetrainSettings settings,
            ModelRegistry registry,
            ModelUpdatePublisher publisher,
            Clock clock,
            PrintStream progress) {
        this.settings = settings;
        this.registry = registry;
        this.publisher = publisher;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * @param examples one per id (the job keeps the latest label of each id)
     * @param dataDescription where the examples came from, for the challenger's provenance
     * @throws IllegalStateException when either side of the split is empty
     */
    public RetrainDecision run(Collection<TrainingExample> examples, String dataDescription)
            throws IOException {
        List<TrainingExample> sorted = new ArrayList<>(examples);
        // The job delivers examples in no particular order; training must not depend on it.
        sorted.sort(Comparator.comparing(TrainingExample::id));
        List<LabelledText> train = new ArrayList<>();
        List<LabelledText> holdout = new ArrayList<>();
        long labelled = 0;
        for (TrainingExample example : sorted) {
            (HoldoutSplit.isHoldout(example.id(), settings.holdoutPercent()) ? holdout : train)
                    .add(example.toLabelledText());
            if (example.origin() == TrainingExample.Origin.LABELLED) {
                labelled++;
            }
        }
        if (train.isEmpty() || holdout.isEmpty()) {
            throw new IllegalStateException(
                    "cannot retrain on "
                            + sorted.size()
                            + " examples: "
                            + train.size()
                            + " to train on and "
                            + holdout.size()
                            + " to hold out ("
                            + settings.holdoutPercent()
                            + " % of ids by hash); add a base corpus (retrain.base-corpus) or wait for more labels");
        }

        Optional<Champion> champion = registry.champion();
        SentimentModel championModel = null;
        String championNote = "";
        if (champion.isPresent()) {
            try {
                championModel = registry.load(champion.get().version());
            } catch (IOException e) {
                LOG.error(
                        "The champion {} cannot be read; the challenger is trained from scratch and promoted "
                                + "if it trains at all",
                        champion.get().version(),
                        e);
                championNote =
                        "; the champion "
                                + champion.get().version()
                                + " could not be read: "
                                + e.getMessage();
            }
        }
        boolean warm = settings.start() == RetrainStart.WARM && championModel != null;
        String start = warm ? "warm from " + championModel.version() : "scratch";
        String version =
                settings.modelName()
                        + "-"
                        + VERSION_TIME.format(clock.instant())
                        + (warm ? "-warm" : "-scratch");

        CalibratedTraining calibrated = CalibratedTraining.split(train);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("retrain_start", start);
        notes.put("holdout", settings.holdoutPercent() + " % of ids by SHA-256 of the id");
        notes.put("train_examples", Integer.toString(calibrated.train().size()));
        notes.putAll(calibrated.notes());
        notes.put("holdout_examples", Integer.toString(holdout.size()));
        notes.put("labelled_examples", Long.toString(labelled));
        notes.put("base_examples", Long.toString(sorted.size() - labelled));

        LOG.info(
                "Retraining {} ({}) on {} examples, {} for calibration, {} held out",
                version,
                start,
                calibrated.train().size(),
                calibrated.calibration().size(),
                holdout.size());
        ExampleTrainer trainer = new ExampleTrainer(settings.trainingOptions(version), progress);
        long t0 = System.nanoTime();
        SentimentModel trained =
                warm
                        ? trainer.continueTraining(
                                championModel, dataDescription, calibrated.train(), version, notes)
                        : trainer.trainFromScratch(
                                dataDescription, calibrated.train(), version, notes);
        SentimentModel challenger =
                calibrated.fit(
                        trained,
                        settings.mcSamples(),
                        settings.seed(),
                        settings.threads(),
                        settings.blend());
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        double challengerRmse =
                ExampleTrainer.rmse(
                        challenger,
                        holdout,
                        settings.mcSamples(),
                        settings.seed(),
                        settings.threads(),
                        settings.scoring().options());
        double championRmse =
                championModel == null
                        ? Double.NaN
                        : ExampleTrainer.rmse(
                                championModel,
                                holdout,
                                settings.mcSamples(),
                                settings.seed(),
                                settings.threads(),
                                settings.scoring().options());
        PromotionPolicy.Verdict verdict =
                PromotionPolicy.decide(challengerRmse, championRmse, settings.promotionMargin());

        RetrainDecision decision =
                new RetrainDecision(
                        clock.millis(),
                        version,
                        champion.map(Champion::version).orElse(null),
                        verdict.promote(),
                        verdict.reason() + championNote,
                        challengerRmse,
                        championRmse,
                        settings.promotionMargin(),
                        start,
                        train.size(),
                        holdout.size(),
                        labelled,
                        sorted.size() - labelled,
                        trainSeconds,
                        Nd4j.getBackend().getClass().getSimpleName());
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("holdout_rmse", challengerRmse);
        if (!Double.isNaN(championRmse)) {
            scores.put("champion_holdout_rmse", championRmse);
        }
        // A cancelled job interrupts this thread; once the decision is recorded it is too late to
        // stop.
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException(
                    "retrain of "
                            + version
                            + " cancelled before its decision; the registry is unchanged");
        }
        Optional<ModelRegistry.Promotion> promotion =
                registry.recordRetrain(
                        decision.toHistoryEvent(),
                        verdict.promote() ? challenger : null,
                        scores,
                        verdict.reason());
        if (promotion.isPresent()) {
            publisher.announce(
                    ModelUpdate.of(
                            settings.modelName(),
                            promotion.get().champion(),
                            promotion.get().bundle()));
        }
        LOG.info("Retrain decision: {}", decision);
        return decision;
    }
}
