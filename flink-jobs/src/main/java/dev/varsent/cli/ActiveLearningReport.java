package dev.varsent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.active.ActiveLearningResult;
import dev.varsent.active.LabelEfficiency;
import dev.varsent.active.Strategy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What {@code active-learning} leaves of a result: a JSON file, a chart and a short summary. */
final class ActiveLearningReport {

    static final String JSON_FILE = "active-learning.json";
    static final String CHART_FILE = "active-learning.png";

    private ActiveLearningReport() {}

    /** Writes {@link #JSON_FILE} and {@link #CHART_FILE} into {@code dir}; returns the JSON. */
    static ObjectNode write(ActiveLearningResult result, Path dir) throws IOException {
        ObjectNode json = result.toJson();
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(JSON_FILE),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json)
                        + System.lineSeparator());
        result.writeChart(dir.resolve(CHART_FILE));
        return json;
    }

    /** The labels random routing needed, and what each uncertainty strategy needed to match it. */
    static void summarize(ActiveLearningResult result, List<Strategy> strategies, PrintStream out) {
        LabelEfficiency e = result.efficiency();
        out.printf("random: %d labels -> RMSE %.4f%n", e.labelsRandom(), e.randomFinalRmse());
        for (Strategy s : strategies) {
            if (s.needsScores()) {
                LabelEfficiency se = result.efficiency(s);
                out.printf(
                        "%s reached it with %s labels (ratio %s, target <= %.1f)%n",
                        s.key(),
                        se.labelsUncertainty() == null
                                ? "no number of"
                                : se.labelsUncertainty().toString(),
                        se.ratio() == null ? "none" : String.format("%.3f", se.ratio()),
                        LabelEfficiency.TARGET_RATIO);
            }
        }
    }
}
