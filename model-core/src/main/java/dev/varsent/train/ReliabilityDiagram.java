package dev.varsent.train;

import dev.varsent.predict.Prediction;
import dev.varsent.report.LineChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Observed coverage against the nominal level of the intervals, beside the ideal diagonal and the
 * intervals of the MC std alone. For pos/neg data the observed coverage is the label-consistent one
 * ({@link UncertaintyMetrics#labelConsistentCoverage}).
 */
public record ReliabilityDiagram(
        String title, String rule, double[] nominal, double[] observed, double[] mcStdOnly) {

    public static ReliabilityDiagram ofRatings(
            String data, List<Prediction> mc, double[] ratings, IntervalRule rule) {
        return of(
                "Reliability on " + data,
                rule,
                (r, level) -> UncertaintyMetrics.coverage(mc, ratings, r, level));
    }

    public static ReliabilityDiagram ofLabels(
            String data,
            List<Prediction> mc,
            boolean[] positive,
            double threshold,
            IntervalRule rule) {
        return of(
                "Reliability on " + data + " (label-consistent coverage)",
                rule,
                (r, level) ->
                        UncertaintyMetrics.labelConsistentCoverage(
                                mc, positive, threshold, r, level));
    }

    private interface Coverage {
        double at(IntervalRule rule, double level);
    }

    private static ReliabilityDiagram of(String title, IntervalRule rule, Coverage coverage) {
        List<Double> levels = rule.levels();
        double[] nominal = new double[levels.size()];
        double[] observed = new double[nominal.length];
        double[] mcOnly = new double[nominal.length];
        for (int i = 0; i < nominal.length; i++) {
            nominal[i] = levels.get(i);
            observed[i] = coverage.at(rule, nominal[i]);
            mcOnly[i] = coverage.at(IntervalRule.gaussianEpistemicStd(), nominal[i]);
        }
        return new ReliabilityDiagram(title, rule.description(), nominal, observed, mcOnly);
    }

    public void writePng(Path file) throws IOException {
        double[] ends = {0, 1};
        new LineChart(title, "nominal level", "observed coverage")
                .series("ideal", ends, ends, LineChart.PALETTE.get(7))
                .series(rule, nominal, observed, LineChart.PALETTE.get(0))
                .series(
                        IntervalRule.gaussianEpistemicStd().description(),
                        nominal,
                        mcStdOnly,
                        LineChart.PALETTE.get(1))
                .writePng(file, 800, 560);
    }
}
