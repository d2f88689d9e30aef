package dev.varsent.active;

import dev.varsent.train.TrainingOptions;
import java.util.List;
import java.util.Objects;

/**
 * One active-learning run. From {@code training}: the data directory, seed (split, seed set, random
 * picks), segment length, network and optimiser, {@code epochs} (per retraining), {@code mcSamples}
 * (K, for routing, evaluation and the noise estimate) and {@code threads}.
 *
 * @param poolLimit use a random subset of this many training segments as the pool (0 = all)
 * @param evalLimit evaluate on a random subset of this many segments (0 = all)
 * @param seedFraction fraction of the pool labelled before the first round
 * @param budget labels bought per round
 * @param rounds rounds after the seed set
 * @param warmStart retrain from the previous round's model (else from scratch on all labels)
 * @param maxPerReview uncertainty routing takes at most this many segments of one review per round
 *     (0 = no cap), so that one batch does not spend its labels on a few reviews
 * @param evaluateOnValidation evaluate on segments carved from the training part (for choosing
 *     settings) instead of the test segments
 * @param strategies the selection strategies to replay, in order: random (the baseline, required)
 *     and at least one uncertainty strategy; the first of those is the one the JSON's {@code
 *     labels_uncertainty} and {@code ratio} describe
 */
public record ActiveLearningConfig(
        TrainingOptions training,
        int poolLimit,
        int evalLimit,
        double seedFraction,
        int budget,
        int rounds,
        boolean warmStart,
        int maxPerReview,
        boolean evaluateOnValidation,
        List<Strategy> strategies) {

    /** Random, epistemic and total selection. */
    public static final List<Strategy> ALL_STRATEGIES =
            List.of(Strategy.RANDOM, Strategy.EPISTEMIC, Strategy.TOTAL);

    public ActiveLearningConfig {
        Objects.requireNonNull(training, "training");
        if (poolLimit < 0 || evalLimit < 0) {
            throw new IllegalArgumentException("pool and evaluation limits must be >= 0 (0 = all)");
        }
        if (!(seedFraction > 0 && seedFraction < 1)) {
            throw new IllegalArgumentException(
                    "seed fraction must be in (0, 1), got " + seedFraction);
        }
        if (maxPerReview < 0) {
            throw new IllegalArgumentException(
                    "max per review must be >= 0 (0 = no cap), got " + maxPerReview);
        }
        strategies = List.copyOf(Objects.requireNonNull(strategies, "strategies"));
        if (strategies.stream().distinct().count() != strategies.size()) {
            throw new IllegalArgumentException("each strategy at most once, got " + strategies);
        }
        if (!strategies.contains(Strategy.RANDOM)
                || strategies.stream().noneMatch(Strategy::needsScores)) {
            throw new IllegalArgumentException(
                    "the strategies need random (the baseline) and at least one of epistemic"
                            + " and total, got "
                            + strategies);
        }
        if (budget < 1 || rounds < 1) {
            throw new IllegalArgumentException(
                    "budget and rounds must be positive, got " + budget + " and " + rounds);
        }
    }

    /** Every strategy: random, epistemic and total. */
    public ActiveLearningConfig(
            TrainingOptions training,
            int poolLimit,
            int evalLimit,
            double seedFraction,
            int budget,
            int rounds,
            boolean warmStart,
            int maxPerReview,
            boolean evaluateOnValidation) {
        this(
                training,
                poolLimit,
                evalLimit,
                seedFraction,
                budget,
                rounds,
                warmStart,
                maxPerReview,
                evaluateOnValidation,
                ALL_STRATEGIES);
    }

    /**
     * The uncertainty strategy the headline figures ({@code labels_uncertainty}, {@code ratio})
     * describe.
     */
    public Strategy headlineStrategy() {
        return strategies.stream().filter(Strategy::needsScores).findFirst().orElseThrow();
    }

    public String evaluatedOn() {
        return evaluateOnValidation ? "validation" : "test";
    }
}
