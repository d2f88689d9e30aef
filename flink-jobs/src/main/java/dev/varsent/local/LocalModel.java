package dev.varsent.local;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.data.ScaleData;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.train.PreparedData;
import dev.varsent.train.Trainer;
import dev.varsent.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The model of the local run: the bundle at {@code model.location} (the newest {@code *.bundle} when it
 * is a directory of model versions), or, when there is none yet, a smaller variational LSTM trained on the
 * scale data first (a few minutes on 2 cores) and saved there.
 */
public final class LocalModel {
    /** Small enough to train in a few minutes on 2 cores; the paper-size model comes from {@code train}. */
    static TrainingOptions quickOptions(Path dataDir, Path workDir) {
        return new TrainingOptions(dataDir, workDir, "local-default", 1, 4, 128, 2e-3, 5.0, 10_000, 200, 64, 64,
                CellType.LSTM, DropoutMode.VARIATIONAL_UNTIED, 0.25, 1e-4, 10, 4, 2, 0);
    }

    private LocalModel() {
    }

    /** The file itself, or the most recently written {@code *.bundle} when the location is a directory. */
    static Path newestBundle(Path location) throws IOException {
        if (Files.isRegularFile(location)) {
            return location;
        }
        if (!Files.isDirectory(location)) {
            return null;
        }
        try (var files = Files.list(location)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bundle") && Files.isRegularFile(f))
                    .max(java.util.Comparator.comparing(f -> {
                        try {
                            return Files.getLastModifiedTime(f);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
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
        out.println("model: none at " + bundle + "; training a small variational LSTM on the scale data first");
        Path work = bundle.toAbsolutePath().getParent().resolve("training");
        TrainingOptions o = quickOptions(ScaleData.defaultDir(), work);
        Trainer trainer = new Trainer(o, out);
        trainer.run(PreparedData.load(o));
        Files.createDirectories(bundle.toAbsolutePath().getParent());
        Files.copy(trainer.runDirectory().resolve(Trainer.MODEL_FILE), bundle, StandardCopyOption.REPLACE_EXISTING);
        out.println("model: trained -> " + bundle);
        return bundle;
    }
}
