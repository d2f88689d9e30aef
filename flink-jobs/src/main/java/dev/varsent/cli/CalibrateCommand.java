package dev.varsent.cli;

import dev.varsent.bundle.Provenance;
import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.model.ConformityExamples;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.retrain.BaseCorpus;
import dev.varsent.retrain.CalibratedTraining;
import dev.varsent.train.Evaluation;
import dev.varsent.train.LabelledText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calibrate}: fits a bundle's calibration and off-domain signal again, with the current
 * calibration code, on the calibration split it was calibrated on, without retraining. The split is
 * cut again from the base corpus the model was trained on (its retrain holdout dropped, then {@link
 * CalibratedTraining#split}, as {@code local} and the retrain job cut it), and refused unless the
 * SHA-256 of its ids is the one the bundle records: other examples may have been trained on, and a
 * calibration on them would be optimistic.
 */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Refit a bundle's calibration on the calibration split it was calibrated on (no retraining).",
            "The split is cut again from the base corpus the model was trained on (the retrain holdout dropped,"
                    + " then the calibration share by a hash of the review id) and must be the one the bundle"
                    + " records (SHA-256 of its ids), else nothing is written. The new bundle has the same weights"
                    + " and the calibration refitted with --k MC samples (the scoring job's K)."
        })
public final class CalibrateCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            paramLabel = "FILE",
            required = true,
            description = "The calibrated bundle.")
    Path modelPath;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            required = true,
            description =
                    "Where the recalibrated bundle goes (not the --model file: the original is kept).")
    Path out;

    @Option(
            names = "--corpus",
            paramLabel = "BASE.jsonl",
            required = true,
            description = "The base corpus (rating records) the model was trained on.")
    Path corpus;

    @Option(
            names = "--holdout-percent",
            paramLabel = "P",
            description =
                    "The retrain.holdout-percent the model was trained with (default: the configuration's).")
    Integer holdoutPercent;

    @Option(
            names = "--k",
            paramLabel = "K",
            description = "MC dropout passes (default: the configuration's scoring K).")
    Integer k;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "2",
            description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--model-version",
            paramLabel = "V",
            description =
                    "The new bundle's version (default: the model's version with -recalibrated).")
    String newVersion;

    @Option(
            names = "--conformity",
            paramLabel = "OUT.jsonl",
            description =
                    "Write the scored conformity examples (whole reviews and their segments alone, with their"
                            + " ratings), one JSON line each, for validating uncertainty signals on the training side.")
    Path conformityOut;

    @Override
    public Integer call() throws Exception {
        VarsentConfig defaults = VarsentConfig.defaults();
        int holdout =
                holdoutPercent != null
                        ? holdoutPercent
                        : defaults.get(VarsentOptions.RETRAIN_HOLDOUT_PERCENT);
        if (holdout < 0 || holdout > 90) {
            throw new UsageException("--holdout-percent must lie in [0, 90], got " + holdout);
        }
        if (out.toAbsolutePath().equals(modelPath.toAbsolutePath())) {
            throw new UsageException("--out must differ from --model: the original bundle is kept");
        }
        Nd4jThreads.set(1);
        SentimentModel model = SentimentModel.load(modelPath);
        if (model.calibration() == null) {
            throw new UsageException(
                    modelPath
                            + " is uncalibrated: there is no calibration split to fit on again"
                            + " (train it with a calibration split)");
        }
        CalibratedTraining split =
                CalibratedTraining.split(BaseCorpus.trainingSide(corpus, holdout));
        String sha =
                Provenance.sha256Lines(split.calibration().stream().map(LabelledText::id).toList());
        if (split.calibration().isEmpty() || !sha.equals(model.calibration().idsSha256())) {
            throw new UsageException(
                    "the calibration split of "
                            + corpus
                            + " ("
                            + split.calibration().size()
                            + " examples, ids SHA-256 "
                            + sha
                            + ") is not the one "
                            + model.version()
                            + " was calibrated on ("
                            + model.calibration().n()
                            + " examples, "
                            + model.calibration().idsSha256()
                            + "): give the base"
                            + " corpus and --holdout-percent it was trained with");
        }
        String version =
                newVersion != null
                        ? newVersion
                        : model.version().endsWith("-recalibrated")
                                ? model.version()
                                : model.version() + "-recalibrated";
        List<ConformityExamples.Example> conformity = new ArrayList<>();
        SentimentModel refitted =
                split.fit(
                        model,
                        k != null ? k : defaults.get(VarsentOptions.MC_SAMPLES),
                        seed,
                        threads,
                        conformity::addAll);
        if (conformityOut != null) {
            writeConformity(conformityOut, conformity, version);
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("recalibrated_from", model.version());
        notes.put(CalibratedTraining.NOTE_CALIBRATION, refitted.calibration().split());
        refitted = refitted.withProvenance(version, model.provenance().withNotes(notes));
        Path target = out;
        if (target.toAbsolutePath().getParent() != null) {
            Files.createDirectories(target.toAbsolutePath().getParent());
        }
        refitted.save(target);
        var c = refitted.calibration();
        System.out.println(
                "calibrated "
                        + version
                        + " on "
                        + c.n()
                        + " examples ("
                        + c.split()
                        + "); "
                        + c.bands().size()
                        + " segment bands"
                        + (c.errorScale() == null
                                ? ""
                                : String.format(
                                        java.util.Locale.ROOT,
                                        ", error scale %.4f %+.4f * score %+.4f * aleatoric std",
                                        c.errorScale().intercept(),
                                        c.errorScale().scoreWeight(),
                                        c.errorScale().aleatoricWeight()))
                        + String.format(
                                java.util.Locale.ROOT, ", decision factor %.2f", c.decisionFactor())
                        + " -> "
                        + target);
        return ExitCodes.OK;
    }

    private static void writeConformity(
            Path file, List<ConformityExamples.Example> examples, String version)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ConformityExamples.Example e : examples) {
                w.write(
                        Evaluation.predictionJson(e.reviewId(), e.prediction(), version)
                                .put("rating", e.rating())
                                .put("whole_review", e.wholeReview())
                                .toString());
                w.newLine();
            }
        }
    }
}
