package dev.varsent.retrain;

import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.scoring.ScoringSettings;
import dev.varsent.train.LabelledText;
import dev.varsent.train.RegressionMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's RMSE on the retrain holdout, every review scored whole through the streaming job's path:
 * {@code predict(texts, k)} with the job's segment cap.
 */
public final class HoldoutScore {
    private HoldoutScore() {
    }

    public static double rmse(SentimentModel model, List<LabelledText> holdout, int k, long seed, int threads,
                              ScoringSettings scoring) {
        if (holdout.isEmpty()) {
            throw new IllegalArgumentException("the holdout is empty");
        }
        List<String> texts = new ArrayList<>(holdout.size());
        double[] ratings = new double[holdout.size()];
        for (int i = 0; i < ratings.length; i++) {
            texts.add(holdout.get(i).text());
            ratings[i] = holdout.get(i).rating();
        }
        try (McPredictor predictor = model.predictor(seed, threads, scoring.options())) {
            return RegressionMetrics.rmse(predictor.predict(texts, k), ratings);
        }
    }
}
