package dev.varsent.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.report.LineChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Collects the runs of the paper's comparison (one run directory per model) into a table, learning
 * curves and {@code paper-sentiment.json} with, per model, test RMSE with MC dropout and with the
 * dropout approximation, train RMSE and epochs.
 */
public final class PaperReport {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PaperReport() {}

    /**
     * Writes paper-sentiment.json, paper-sentiment.md, paper-test-rmse.png and paper-train-rmse.png
     * into {@code out}.
     */
    public static void write(Path runsDir, List<String> models, Path out, String command)
            throws IOException {
        Files.createDirectories(out);
        ObjectNode json = JSON.createObjectNode();
        StringBuilder table = new StringBuilder();
        table.append(
                "| model | epochs | test RMSE (MC, K=10) | test RMSE (dropout approx.) | train RMSE (approx.) | best test RMSE (approx.) at epoch |\n");
        table.append("|---|---:|---:|---:|---:|---:|\n");
        LineChart test =
                new LineChart(
                        "Test RMSE per epoch (dropout approximation; MC where evaluated)",
                        "epoch",
                        "test RMSE (rating)");
        LineChart train =
                new LineChart(
                        "Train RMSE per epoch (dropout approximation, 2000 training segments)",
                        "epoch",
                        "train RMSE (rating)");
        for (String model : models) {
            TrainingHistory h =
                    TrainingHistory.read(runsDir.resolve(model).resolve(Trainer.METRICS_FILE));
            List<EpochMetrics> e = h.epochs();
            if (e.isEmpty()) {
                throw new IllegalArgumentException(
                        "no finished epoch for " + model + " under " + runsDir);
            }
            EpochMetrics last = e.get(e.size() - 1);
            double lastMc = Double.NaN;
            int lastMcEpoch = 0;
            EpochMetrics best = last;
            double[] x = new double[e.size()],
                    yTest = new double[e.size()],
                    yTrain = new double[e.size()];
            double[] yMc = new double[e.size()];
            for (int i = 0; i < e.size(); i++) {
                EpochMetrics m = e.get(i);
                x[i] = m.epoch();
                yTest[i] = m.testRmseApprox();
                yTrain[i] = m.trainRmseApprox();
                yMc[i] = m.testRmseMc();
                if (!Double.isNaN(m.testRmseMc())) {
                    lastMc = m.testRmseMc();
                    lastMcEpoch = m.epoch();
                }
                if (m.testRmseApprox() < best.testRmseApprox()) {
                    best = m;
                }
            }
            test.series(model, x, yTest);
            test.series(model + " (MC)", x, yMc);
            train.series(model, x, yTrain);
            ObjectNode o = json.putObject(model);
            putNum(o, "test_rmse_mc", lastMc);
            o.put("test_rmse_mc_epoch", lastMcEpoch);
            putNum(o, "test_rmse_approx", last.testRmseApprox());
            putNum(o, "train_rmse", last.trainRmseApprox());
            // Single epochs move by about 0.003: the comparison rests on the mean of the last
            // epochs.
            List<EpochMetrics> tail =
                    e.subList(Math.max(0, e.size() - Trainer.MC_LAST_EPOCHS), e.size());
            o.put("last_epochs_averaged", tail.size());
            putNum(o, "mean_test_rmse_mc_last_epochs", meanOf(tail, EpochMetrics::testRmseMc));
            putNum(
                    o,
                    "mean_test_rmse_approx_last_epochs",
                    meanOf(tail, EpochMetrics::testRmseApprox));
            o.put("epochs", last.epoch());
            o.put("best_test_rmse_approx", best.testRmseApprox());
            o.put("best_test_rmse_approx_epoch", best.epoch());
            table.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %s | %.4f | %.4f | %.4f @ %d |%n",
                            model,
                            last.epoch(),
                            Double.isNaN(lastMc)
                                    ? "—"
                                    : String.format(
                                            Locale.ROOT, "%.4f (epoch %d)", lastMc, lastMcEpoch),
                            last.testRmseApprox(),
                            last.trainRmseApprox(),
                            best.testRmseApprox(),
                            best.epoch()));
        }
        JSON.writeValue(out.resolve("paper-sentiment.json").toFile(), json);
        test.writePng(out.resolve("paper-test-rmse.png"), 1000, 600);
        train.writePng(out.resolve("paper-train-rmse.png"), 1000, 600);
        String md =
                "# Gal & Ghahramani (2016) Sec. 5.2 on the scale data: results\n\n"
                        + "Made by:\n\n```\n"
                        + command
                        + "\n```\n\n"
                        + table
                        + "\nRMSE is on the rating scale [0,1]. ![test RMSE](paper-test-rmse.png)\n\n![train RMSE](paper-train-rmse.png)\n";
        Files.writeString(out.resolve("paper-sentiment-table.md"), md, StandardCharsets.UTF_8);
    }

    /** The mean of the epochs' figures that were measured (NaN when none was). */
    static double meanOf(
            List<EpochMetrics> epochs, java.util.function.ToDoubleFunction<EpochMetrics> f) {
        double sum = 0;
        int n = 0;
        for (EpochMetrics m : epochs) {
            double v = f.applyAsDouble(m);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static void putNum(ObjectNode o, String f, double v) {
        if (Double.isNaN(v)) {
            o.putNull(f);
        } else {
            o.put(f, v);
        }
    }
}
