package dev.varsent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.Readout;
import dev.varsent.predict.Prediction;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The heteroscedastic head learns the noise of each kind of text: short synthetic reviews whose
 * rating follows their sentiment word exactly when they say "calm" and with much noise when they
 * say "wild".
 */
class HeteroscedasticTrainingTest {
    private static final List<String> FILLER =
            List.of("the", "movie", "plot", "and", "was", "a", "acting", "it");

    private static List<LabelledText> texts(String kind, double noiseSd, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean good = r.nextBoolean();
            StringBuilder text = new StringBuilder(kind);
            for (int w = 0; w < 6; w++) {
                text.append(' ')
                        .append(
                                w == 3
                                        ? (good ? "good" : "bad")
                                        : FILLER.get(r.nextInt(FILLER.size())));
            }
            double noise =
                    noiseSd
                            * Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
                            * Math.cos(2 * Math.PI * r.nextDouble());
            double rating = Math.max(0, Math.min(1, (good ? 0.7 : 0.3) + noise));
            out.add(new LabelledText(kind + "-" + seed + "-" + i, text.toString(), rating));
        }
        return out;
    }

    @Test
    void noisierTargetsGetALargerPredictedVariance() {
        List<LabelledText> train = new ArrayList<>(texts("calm", 0.02, 300, 1));
        train.addAll(texts("wild", 0.2, 300, 2));
        TrainingOptions o =
                new TrainingOptions(
                        Path.of("unused"),
                        Path.of("unused"),
                        "hetero",
                        3,
                        12,
                        32,
                        1e-2,
                        5.0,
                        100,
                        20,
                        8,
                        8,
                        CellType.LSTM,
                        DropoutMode.VARIATIONAL_UNTIED,
                        0.05,
                        0.05,
                        0.05,
                        0.05,
                        1e-5,
                        Readout.MEAN,
                        Head.HETEROSCEDASTIC,
                        4,
                        1,
                        1,
                        0);
        SentimentModel model =
                new ExampleTrainer(o, new PrintStream(OutputStream.nullOutputStream()))
                        .trainFromScratch(
                                "synthetic calm and wild reviews", train, "hetero-1", Map.of());
        assertEquals(Head.HETEROSCEDASTIC, model.net().head());
        assertTrue(
                Double.isNaN(model.noiseVariance()),
                "the head predicts the noise; none is estimated");

        double calm = meanAleatoricStd(model, texts("calm", 0.02, 100, 3));
        double wild = meanAleatoricStd(model, texts("wild", 0.2, 100, 4));
        assertTrue(wild > 2 * calm, "predicted noise sd: wild " + wild + ", calm " + calm);
        // The wild group's rating sd about its mean is 0.2 (a little less after clipping to [0,1]).
        assertTrue(wild > 0.1 && wild < 0.3, "wild " + wild);
    }

    private static double meanAleatoricStd(SentimentModel model, List<LabelledText> texts) {
        List<String> raw = new ArrayList<>();
        for (LabelledText t : texts) {
            raw.add(t.text());
        }
        try (McPredictor p = model.predictor(5, 1)) {
            double sum = 0;
            for (Prediction pr : p.predict(raw, 4)) {
                sum += pr.aleatoricStd() / raw.size();
            }
            return sum;
        }
    }
}
