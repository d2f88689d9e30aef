package dev.varsent.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.report.LineChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The per-epoch metrics of one run, kept as JSON beside the model and drawn as learning curves. */
public final class TrainingHistory {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<EpochMetrics> epochs = new ArrayList<>();

    public List<EpochMetrics> epochs() {
        return epochs;
    }

    public void add(EpochMetrics m) {
        epochs.add(m);
    }

    public static TrainingHistory read(Path file) throws IOException {
        TrainingHistory h = new TrainingHistory();
        if (Files.exists(file)) {
            for (var node : JSON.readTree(file.toFile()).path("epochs")) {
                h.add(
                        new EpochMetrics(
                                node.get("epoch").asInt(),
                                num(node, "train_loss"),
                                num(node, "train_rmse_approx"),
                                num(node, "test_rmse_approx"),
                                num(node, "test_rmse_mc"),
                                num(node, "train_rmse_mc"),
                                num(node, "seconds")));
            }
        }
        return h;
    }

    private static double num(com.fasterxml.jackson.databind.JsonNode n, String f) {
        var v = n.get(f);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    public void write(Path file, ObjectNode run) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("run", run);
        ArrayNode arr = root.putArray("epochs");
        for (EpochMetrics m : epochs) {
            ObjectNode o = arr.addObject();
            o.put("epoch", m.epoch());
            put(o, "train_loss", m.trainLoss());
            put(o, "train_rmse_approx", m.trainRmseApprox());
            put(o, "test_rmse_approx", m.testRmseApprox());
            put(o, "test_rmse_mc", m.testRmseMc());
            put(o, "train_rmse_mc", m.trainRmseMc());
            put(o, "seconds", m.seconds());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void put(ObjectNode o, String f, double v) {
        if (Double.isNaN(v)) {
            o.putNull(f);
        } else {
            o.put(f, v);
        }
    }

    public void writeCurves(Path png, String title) throws IOException {
        int n = epochs.size();
        double[] x = new double[n],
                train = new double[n],
                test = new double[n],
                testMc = new double[n];
        for (int i = 0; i < n; i++) {
            EpochMetrics m = epochs.get(i);
            x[i] = m.epoch();
            train[i] = m.trainRmseApprox();
            test[i] = m.testRmseApprox();
            testMc[i] = m.testRmseMc();
        }
        new LineChart(title, "epoch", "RMSE (rating)")
                .series("train (dropout approx.)", x, train)
                .series("test (dropout approx.)", x, test)
                .series("test (MC dropout)", x, testMc)
                .writePng(png, 900, 560);
    }
}
