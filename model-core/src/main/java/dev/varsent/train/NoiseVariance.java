package dev.varsent.train;

import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Prediction;
import java.util.List;

/**
 * 1/tau, the aleatoric noise variance in rating units: the training residual variance of the MC
 * mean beyond the MC variance. Measured on training segments only (the test set never tunes
 * anything).
 */
final class NoiseVariance {
    private NoiseVariance() {}

    /** Scores {@code seqs} with {@code k} MC samples and estimates from those predictions. */
    static double estimate(
            SentimentModel model,
            List<int[]> seqs,
            double[] ratings,
            int k,
            long seed,
            int threads) {
        try (McPredictor predictor = model.predictor(seed, threads)) {
            return of(predictor.predictEncoded(seqs, k), ratings);
        }
    }

    static double of(List<Prediction> p, double[] ratings) {
        double resid = 0, var = 0;
        for (int i = 0; i < ratings.length; i++) {
            resid += Math.pow(p.get(i).score() - ratings[i], 2) / ratings.length;
            var += Math.pow(p.get(i).std(), 2) / ratings.length;
        }
        return Math.max(0, resid - var);
    }
}
