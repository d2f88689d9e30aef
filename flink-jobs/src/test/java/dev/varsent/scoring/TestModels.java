package dev.varsent.scoring;

import dev.varsent.data.ScaleData;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.UncertaintySignal;
import dev.varsent.train.PreparedData;
import dev.varsent.train.Trainer;
import dev.varsent.train.TrainingOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The model the Flink tests score with: a small variational LSTM really trained on a slice of the
 * scale data (once per test JVM, about 15 s), loaded from its bundle like in production.
 */
public final class TestModels {
    private static Path bundle;
    private static Path secondBundle;

    private TestModels() {}

    public static synchronized Path trainedBundle() {
        if (bundle == null) {
            bundle = train("flink-test", 5);
        }
        return bundle;
    }

    /**
     * A second model of the same shape, trained with another seed: another version with other
     * weights, so its predictions differ from {@link #trainedBundle()}'s (for hot-swap tests).
     */
    public static synchronized Path secondTrainedBundle() {
        if (secondBundle == null) {
            secondBundle = train("flink-test-b", 11);
        }
        return secondBundle;
    }

    private static Path train(String name, long seed) {
        try {
            Path dir = Files.createTempDirectory("varsent-test-model");
            TrainingOptions o =
                    new TrainingOptions(
                            ScaleData.defaultDir(),
                            dir,
                            name,
                            seed,
                            2,
                            32,
                            3e-3,
                            5.0,
                            1000,
                            60,
                            16,
                            16,
                            CellType.LSTM,
                            DropoutMode.VARIATIONAL_UNTIED,
                            0.25,
                            1e-4,
                            4,
                            2,
                            1,
                            200);
            Trainer trainer = new Trainer(o, new PrintStream(OutputStream.nullOutputStream()));
            trainer.run(PreparedData.load(o));
            return trainer.runDirectory().resolve(Trainer.MODEL_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The median uncertainty of {@code signal} the test model gives {@code texts}: a routing
     * threshold that sends some of them each way.
     */
    public static double medianUncertainty(List<String> texts, UncertaintySignal signal) {
        try {
            List<Double> u = new ArrayList<>();
            for (Prediction p : predictorFactory().create().predict(texts, 10)) {
                u.add(p.uncertainty(signal));
            }
            Collections.sort(u);
            return u.get(u.size() / 2);
        } catch (Exception e) {
            throw new IllegalStateException("cannot score with the test model", e);
        }
    }

    public static PredictorFactory predictorFactory() {
        return new BundlePredictorFactory(trainedBundle().toString());
    }
}
