package dev.varsent.active;

import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Prediction;
import dev.varsent.train.ExampleTrainer;
import dev.varsent.train.LabelledText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Replays labelling rounds on the scale data. All strategies start from the same seed set and the
 * same model trained on it; each round one routes its budget of pool items to the oracle (the
 * ground-truth rating is revealed), retrains with {@link ExampleTrainer} and is evaluated (RMSE of
 * the MC mean) on the same set.
 */
public final class ActiveLearningExperiment {
    private final ActiveLearningConfig config;
    private final PrintStream progress;

    public ActiveLearningExperiment(ActiveLearningConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    public ActiveLearningResult run(ReplayData data) {
        long t0 = System.nanoTime();
        List<LabelledText> pool = data.pool();
        List<Integer> seedSet = seedSet(pool.size());
        ExampleTrainer trainer = new ExampleTrainer(config.training(), progress);
        progress.printf(
                "active learning: pool %d, %s set %d, seed set %d, %d rounds of %d labels, %s, %s%n",
                pool.size(),
                config.evaluatedOn(),
                data.evaluation().size(),
                seedSet.size(),
                config.rounds(),
                config.budget(),
                config.warmStart() ? "warm start" : "from scratch",
                config.maxPerReview() == 0
                        ? "no per-review cap"
                        : "at most " + config.maxPerReview() + " per review per round");
        SentimentModel seedModel =
                trainer.trainFromScratch(
                        description(0),
                        labelled(pool, seedSet),
                        "al-seed",
                        Map.of("active_learning_round", "0"));
        RoundResult first =
                new RoundResult(0, seedSet.size(), evaluate(seedModel, data), seconds(t0));
        progress.printf(
                "seed set: %d labels, %s RMSE %.4f%n",
                first.labels(), config.evaluatedOn(), first.rmse());

        Map<Strategy, List<RoundResult>> curves = new LinkedHashMap<>();
        for (Strategy strategy : config.strategies()) {
            curves.put(strategy, replay(strategy, trainer, seedModel, seedSet, first, data));
        }
        return new ActiveLearningResult(
                config,
                pool.size(),
                data.evaluation().size(),
                meanBaseline(pool, seedSet, data.evaluation()),
                curves,
                seconds(t0));
    }

    /**
     * The seed set: {@code seedFraction} of the pool (at least one item), the same for every
     * strategy.
     */
    List<Integer> seedSet(int poolSize) {
        int size = Math.max(1, (int) Math.round(poolSize * config.seedFraction()));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(config.training().seed() ^ 0x5eedL));
        return new ArrayList<>(order.subList(0, Math.min(size, poolSize)));
    }

    private List<RoundResult> replay(
            Strategy strategy,
            ExampleTrainer trainer,
            SentimentModel seedModel,
            List<Integer> seedSet,
            RoundResult first,
            ReplayData data) {
        List<LabelledText> pool = data.pool();
        Set<Integer> labelled = new LinkedHashSet<>(seedSet);
        Random rng = new Random(config.training().seed() * 7919 + strategy.ordinal());
        SentimentModel model = seedModel;
        List<RoundResult> curve = new ArrayList<>();
        curve.add(first);
        for (int round = 1; round <= config.rounds(); round++) {
            long t0 = System.nanoTime();
            List<Integer> unlabelled = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                if (!labelled.contains(i)) {
                    unlabelled.add(i);
                }
            }
            if (unlabelled.isEmpty()) {
                progress.printf(
                        "%s: the pool is exhausted after round %d%n", strategy.key(), round - 1);
                break;
            }
            double[] scores =
                    strategy.needsScores()
                            ? uncertainty(model, pool, unlabelled, round, strategy)
                            : null;
            List<String> reviews = new ArrayList<>(unlabelled.size());
            for (int i : unlabelled) {
                reviews.add(ReplayData.reviewOf(pool.get(i)));
            }
            List<Integer> batch =
                    strategy.select(
                            unlabelled,
                            scores,
                            reviews,
                            config.maxPerReview(),
                            config.budget(),
                            rng);
            labelled.addAll(batch);
            Set<String> batchReviews = new java.util.HashSet<>();
            batch.forEach(i -> batchReviews.add(ReplayData.reviewOf(pool.get(i))));
            List<LabelledText> train = labelled(pool, new ArrayList<>(labelled));
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("active_learning_round", Integer.toString(round));
            notes.put("active_learning_strategy", strategy.key());
            String version = "al-" + strategy.key() + "-r" + round;
            model =
                    config.warmStart()
                            ? trainer.continueTraining(
                                    model, description(round), train, version, notes)
                            : trainer.trainFromScratch(description(round), train, version, notes);
            RoundResult r =
                    new RoundResult(round, labelled.size(), evaluate(model, data), seconds(t0));
            curve.add(r);
            progress.printf(
                    "%s round %d: %d labels (batch of %d from %d reviews), %s RMSE %.4f (%.0f s)%n",
                    strategy.key(),
                    round,
                    r.labels(),
                    batch.size(),
                    batchReviews.size(),
                    config.evaluatedOn(),
                    r.rmse(),
                    r.seconds());
        }
        return curve;
    }

    /**
     * The uncertainty {@code strategy} ranks by of each unlabelled item, as the scoring job routes
     * on it.
     */
    private double[] uncertainty(
            SentimentModel model,
            List<LabelledText> pool,
            List<Integer> unlabelled,
            int round,
            Strategy strategy) {
        List<String> texts = new ArrayList<>(unlabelled.size());
        for (int i : unlabelled) {
            texts.add(pool.get(i).text());
        }
        try (McPredictor predictor =
                model.predictor(
                        config.training().seed() + 1000L * round, config.training().threads())) {
            List<Prediction> p = predictor.predict(texts, config.training().mcSamples());
            double[] u = new double[p.size()];
            for (int i = 0; i < u.length; i++) {
                u[i] = p.get(i).uncertainty(strategy.signal());
            }
            return u;
        }
    }

    /**
     * Every model is evaluated with the same MC seed, so curves differ by the models, not the
     * dropout draws.
     */
    private double evaluate(SentimentModel model, ReplayData data) {
        return ExampleTrainer.rmse(
                model,
                data.evaluation(),
                config.training().mcSamples(),
                config.training().seed(),
                config.training().threads());
    }

    /** RMSE of always predicting the seed set's mean rating: what a model has to beat. */
    private static double meanBaseline(
            List<LabelledText> pool, List<Integer> seedSet, List<LabelledText> eval) {
        double mean = 0;
        for (int i : seedSet) {
            mean += pool.get(i).rating() / seedSet.size();
        }
        double sq = 0;
        for (LabelledText t : eval) {
            sq += (t.rating() - mean) * (t.rating() - mean);
        }
        return Math.sqrt(sq / eval.size());
    }

    private static List<LabelledText> labelled(List<LabelledText> pool, List<Integer> indices) {
        List<LabelledText> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(pool.get(i));
        }
        return out;
    }

    private String description(int round) {
        return "scale data active-learning replay (seed "
                + config.training().seed()
                + ", round "
                + round
                + ")";
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
