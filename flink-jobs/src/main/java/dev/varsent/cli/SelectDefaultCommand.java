package dev.varsent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.data.PaperSplit;
import dev.varsent.data.ScaleData;
import dev.varsent.local.LocalModel;
import dev.varsent.nn.Head;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.nn.Readout;
import dev.varsent.text.Tokenizer;
import dev.varsent.train.LabelledText;
import dev.varsent.train.TrainingOptions;
import dev.varsent.train.ValidationSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code select-default}: trains candidate configurations of the local default model on the fit
 * part of the paper split's training side and compares them on its validation part (never on test);
 * prints one JSON line per candidate and writes a Markdown table.
 */
@Command(
        name = "select-default",
        mixinStandardHelpOptions = true,
        description = {
            "Choose the local default model's readout, head and weight decay on a validation split.",
            "Each candidate trains on the fit part of the paper split's training side (less its own calibration"
                    + " split) and is judged on the validation part: 15 % of the training-side reviews by a hash of"
                    + " the review id. The test side is never read. Prints one JSON line per candidate."
        })
public final class SelectDefaultCommand implements Callable<Integer> {
    static final String DEFAULT_CANDIDATES =
            "last/gaussian/1e-4,last/gaussian/1e-3,mean/gaussian/1e-4,"
                    + "mean/gaussian/1e-3,mean-max/gaussian/1e-4,mean/heteroscedastic/1e-4";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin ScaleDataOption scaleData;

    @Option(
            names = "--candidates",
            paramLabel = "SPEC",
            split = ",",
            defaultValue = DEFAULT_CANDIDATES,
            description =
                    "readout/head/weight-decay[/epochs[/units]], e.g. mean/gaussian/1e-3/6/64 (readout"
                            + " last|mean|mean-max, head gaussian|heteroscedastic; the rest as the local default model);"
                            + " default: ${DEFAULT-VALUE}.")
    List<String> candidates;

    @Mixin McPassesOption passes;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of the split and the training" + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--out",
            paramLabel = "FILE.md",
            description = "Also write the comparison as a Markdown table.")
    Path out;

    @Option(
            names = "--limit-reviews",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Read only the first N" + " reviews; 0 = all (default: ${DEFAULT-VALUE}).")
    int limitReviews;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path dir = scaleData.dir();
        Nd4jThreads.set(1);
        var reviews = ScaleData.load(dir);
        if (limitReviews > 0) {
            reviews = reviews.subList(0, Math.min(limitReviews, reviews.size()));
        }
        List<LabelledText> trainingSide = new ArrayList<>();
        for (PaperSplit.Segment s : PaperSplit.split(reviews, new Tokenizer(), seed).train()) {
            trainingSide.add(
                    new LabelledText(
                            s.reviewId() + "#" + s.index(),
                            String.join(" ", s.tokens()),
                            s.rating()));
        }
        List<ValidationSelection.Candidate> chosen = new ArrayList<>();
        for (String candidateSpec : candidates) {
            chosen.add(candidate(candidateSpec.trim(), LocalModel.quickOptions(Path.of("."))));
        }
        var results = ValidationSelection.run(trainingSide, chosen, passes.k, seed, System.out);
        for (var r : results) {
            System.out.println(json(r));
        }
        var best = ValidationSelection.best(results);
        System.out.println("best on validation: " + best.name());
        if (out != null) {
            List<String> args = spec.commandLine().getParseResult().originalArgs();
            writeTable(
                    out,
                    results,
                    best,
                    String.join(" ", args.subList(args.indexOf(spec.name()) + 1, args.size())));
        }
        return ExitCodes.OK;
    }

    static ValidationSelection.Candidate candidate(String spec, TrainingOptions base)
            throws UsageException {
        String[] f = spec.split("/");
        if (f.length < 3 || f.length > 5) {
            throw new UsageException(
                    "candidate '" + spec + "' is not readout/head/weight-decay[/epochs[/units]]");
        }
        try {
            Readout readout = Readout.valueOf(f[0].toUpperCase(Locale.ROOT).replace('-', '_'));
            Head head = Head.valueOf(f[1].toUpperCase(Locale.ROOT));
            double wd = Double.parseDouble(f[2]);
            int epochs = f.length > 3 ? Integer.parseInt(f[3]) : base.epochs();
            int units = f.length > 4 ? Integer.parseInt(f[4]) : base.hiddenSize();
            TrainingOptions o =
                    new TrainingOptions(
                            base.dataDir(),
                            base.outputDir(),
                            spec,
                            base.seed(),
                            epochs,
                            base.batchSize(),
                            base.learningRate(),
                            base.clipNorm(),
                            base.vocabSize(),
                            base.segmentLength(),
                            units,
                            units,
                            base.cell(),
                            base.dropout(),
                            base.pEmbedding(),
                            base.pInput(),
                            base.pRecurrent(),
                            base.pOutput(),
                            wd,
                            readout,
                            head,
                            base.mcSamples(),
                            base.mcEvalEvery(),
                            base.threads(),
                            base.limitReviews());
            return new ValidationSelection.Candidate(spec, o);
        } catch (IllegalArgumentException e) {
            throw new UsageException("candidate '" + spec + "': " + e.getMessage());
        }
    }

    private static ObjectNode json(ValidationSelection.Result r) {
        ObjectNode o =
                JSON.createObjectNode()
                        .put("metric", "validation_selection")
                        .put("candidate", r.name());
        o.put("fit_segments", r.fitSegments())
                .put("validation_segments", r.validationSegments())
                .put("validation_reviews", r.validationReviews());
        putFinite(o, "segment_rmse_mc", r.segmentRmseMc());
        putFinite(o, "review_rmse_mc", r.reviewRmseMc());
        putFinite(o, "review_rmse_approx", r.reviewRmseApprox());
        putFinite(o, "auroc_worst_20pct_total", r.aurocTotalWorst20());
        putFinite(o, "auroc_worst_20pct_epistemic_std", r.aurocEpistemicWorst20());
        putFinite(o, "coverage_90", r.coverage90());
        putFinite(o, "train_seconds", r.trainSeconds());
        return o;
    }

    private static void putFinite(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        }
    }

    private static void writeTable(
            Path file,
            List<ValidationSelection.Result> results,
            ValidationSelection.Result best,
            String args)
            throws IOException {
        StringBuilder md = new StringBuilder("Command: `select-default " + args + "`\n\n");
        md.append(
                "| candidate (readout/head/weight decay[/epochs[/units]]) | validation RMSE, segments (MC) |"
                        + " validation RMSE, reviews (MC) | reviews (approx.) | AUROC worst 20 %, total |"
                        + " AUROC worst 20 %, epistemic | coverage 90 % | train + calibrate (s) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var r : results) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s%s | %.4f | %.4f | %.4f | %.3f | %.3f | %.3f | %.0f |%n",
                            r.name(),
                            r == best ? " (best)" : "",
                            r.segmentRmseMc(),
                            r.reviewRmseMc(),
                            r.reviewRmseApprox(),
                            r.aurocTotalWorst20(),
                            r.aurocEpistemicWorst20(),
                            r.coverage90(),
                            r.trainSeconds()));
        }
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }
}
