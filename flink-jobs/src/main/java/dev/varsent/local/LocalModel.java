package dev.varsent.local;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.retrain.BaseCorpus;
import dev.varsent.retrain.CalibratedTraining;
import dev.varsent.retrain.RetrainSettings;
import dev.varsent.train.ExampleTrainer;
import dev.varsent.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model of the local run: the bundle at {@code model.location} (the newest {@code *.bundle}
 * when it is a directory of model versions), or, when there is none yet, a smaller variational LSTM
 * trained first (a few minutes on 2 cores) and saved there. It is trained like a retrain from
 * scratch, on the train side of the retrain job's hash split of the base corpus, so that it never
 * saw the holdout the retrains compare it on; a calibration split of that side is held out of
 * training and calibrates it ({@link CalibratedTraining}) with the scoring job's K.
 */
public final class LocalModel {

    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * Small enough to train in a few minutes on 2 cores; the paper-size model comes from {@code
     * train}.
     */
    public static TrainingOptions quickOptions(Path workDir) {
        return new TrainingOptions(
                workDir,
                workDir,
                "local-default",
                1,
                4,
                128,
                2e-3,
                5.0,
                10_000,
                200,
                64,
                64,
                CellType.LSTM,
                DropoutMode.VARIATIONAL_UNTIED,
                0.25,
                0.25,
                0.25,
                0.25,
                1e-4,
                RetrainSettings.DEFAULT_READOUT,
                RetrainSettings.DEFAULT_HEAD,
                10,
                4,
                2,
                0);
    }

    private LocalModel() {}

    /**
     * The file itself, or the most recently written {@code *.bundle} when the location is a
     * directory.
     */
    static Path newestBundle(Path location) throws IOException {
        if (Files.isRegularFile(location)) {
            return location;
        }
        if (!Files.isDirectory(location)) {
            return null;
        }
        try (var files = Files.list(location)) {
            return files.filter(
                            f ->
                                    f.getFileName().toString().endsWith(".bundle")
                                            && Files.isRegularFile(f))
                    .max(
                            Comparator.comparing(
                                    f -> {
                                        try {
                                            return Files.getLastModifiedTime(f);
                                        } catch (IOException e) {
                                            throw new UncheckedIOException(e);
                                        }
                                    }))
                    .orElse(null);
        }
    }

    public static Path ensure(VarsentConfig config, PrintStream out) throws IOException {
        Path location = Path.of(config.get(VarsentOptions.MODEL_LOCATION));
        Path newest = newestBundle(location);
        if (newest != null) {
            SentimentModel model = SentimentModel.load(newest);
            out.println("model: " + newest + " (" + model.version() + ")");
            return newest;
        }
        Path bundle = Files.isDirectory(location) ? location.resolve("sentiment.bundle") : location;
        Path dir = bundle.toAbsolutePath().getParent();
        Path fallback = dir.resolve("base-corpus.jsonl");
        Path corpus = LocalRegistry.ensureBaseCorpus(config, fallback, out);
        if (corpus == null) {
            // retrain.base-corpus is on another file system: the initial model uses a local copy.
            corpus =
                    LocalRegistry.ensureBaseCorpus(
                            config.with(VarsentOptions.RETRAIN_BASE_CORPUS, ""), fallback, out);
        }
        int holdoutPercent = config.get(VarsentOptions.RETRAIN_HOLDOUT_PERCENT);
        CalibratedTraining calibrated =
                CalibratedTraining.split(BaseCorpus.trainingSide(corpus, holdoutPercent));
        out.println(
                "model: none at "
                        + bundle
                        + "; training a small variational LSTM on "
                        + calibrated.train().size()
                        + " segments of the base corpus first (its retrain holdout of "
                        + holdoutPercent
                        + " % left out, "
                        + calibrated.calibration().size()
                        + " kept for calibration)");
        String version = "local-default-" + VERSION_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("purpose", "the local run's initial model");
        notes.putAll(calibrated.notes());
        TrainingOptions options = quickOptions(dir);
        SentimentModel trained =
                new ExampleTrainer(options, out)
                        .trainFromScratch(
                                "base corpus "
                                        + corpus.toAbsolutePath()
                                        + ", train side of the "
                                        + holdoutPercent
                                        + " % hash split",
                                calibrated.train(),
                                version,
                                notes);
        SentimentModel model =
                calibrated.fit(
                        trained,
                        config.get(VarsentOptions.MC_SAMPLES),
                        options.seed(),
                        options.threads(),
                        config.get(VarsentOptions.RETRAIN_BLEND));
        Files.createDirectories(dir);
        model.save(bundle);
        out.println("model: trained " + version + " -> " + bundle);
        return bundle;
    }
}
