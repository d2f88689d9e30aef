package dev.varsent.active;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.report.LineChart;
import dev.varsent.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning curve of every strategy of one run (in the config's order), what they say about
 * label efficiency, and how the run was set up.
 */
public record ActiveLearningResult(
        ActiveLearningConfig config,
        int poolSize,
        int evaluationSize,
        double meanBaselineRmse,
        Map<Strategy, List<RoundResult>> curves,
        double seconds) {

    public static final String METRIC = "active_learning";

    public ActiveLearningResult {
        Map<Strategy, List<RoundResult>> copy = new LinkedHashMap<>();
        for (Strategy s : config.strategies()) {
            List<RoundResult> curve = curves.get(s);
            if (curve == null) {
                throw new IllegalArgumentException("no learning curve for strategy " + s.key());
            }
            copy.put(s, List.copyOf(curve));
        }
        curves = java.util.Collections.unmodifiableMap(copy);
    }

    public List<RoundResult> random() {
        return curves.get(Strategy.RANDOM);
    }

    /** The curve of the headline uncertainty strategy (the first one in the config). */
    public List<RoundResult> uncertainty() {
        return curves.get(config.headlineStrategy());
    }

    /** Label efficiency of the headline uncertainty strategy against random. */
    public LabelEfficiency efficiency() {
        return efficiency(config.headlineStrategy());
    }

    public LabelEfficiency efficiency(Strategy strategy) {
        return LabelEfficiency.of(random(), curves.get(strategy));
    }

    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        LabelEfficiency e = efficiency();
        ObjectNode o = mapper.createObjectNode();
        o.put("metric", METRIC);
        o.put("labels_random", e.labelsRandom());
        if (e.labelsUncertainty() == null) {
            o.putNull("labels_uncertainty");
            o.putNull("ratio");
        } else {
            o.put("labels_uncertainty", e.labelsUncertainty());
            o.put("ratio", e.ratio());
        }
        o.put("target_ratio", LabelEfficiency.TARGET_RATIO);
        o.put("target_met", e.targetMet());
        o.put("random_final_rmse", e.randomFinalRmse());
        o.put("evaluated_on", config.evaluatedOn());
        o.put("pool_size", poolSize);
        o.put("evaluation_size", evaluationSize);
        o.put("mean_baseline_rmse", meanBaselineRmse);
        o.put("seconds", seconds);
        o.put("uncertainty_strategy", config.headlineStrategy().key());
        ArrayNode strategies = o.putArray("strategies");
        config.strategies().forEach(s -> strategies.add(s.key()));
        ObjectNode perStrategy = o.putObject("efficiency");
        for (Strategy s : config.strategies()) {
            if (s.needsScores()) {
                LabelEfficiency se = efficiency(s);
                ObjectNode n = perStrategy.putObject(s.key());
                if (se.labelsUncertainty() == null) {
                    n.putNull("labels");
                    n.putNull("ratio");
                } else {
                    n.put("labels", se.labelsUncertainty());
                    n.put("ratio", se.ratio());
                }
                n.put("target_met", se.targetMet());
                n.put("final_rmse", curves.get(s).get(curves.get(s).size() - 1).rmse());
            }
        }
        ObjectNode curveNodes = o.putObject("curves");
        // "uncertainty" keeps the earlier runs' field: the headline strategy's curve.
        curveNodes.set("uncertainty", curve(mapper, uncertainty()));
        curves.forEach((s, points) -> curveNodes.set(s.key(), curve(mapper, points)));
        o.set("config", configJson(mapper));
        return o;
    }

    /**
     * Test (or validation) RMSE against labels used, one line per strategy, the mean baseline
     * dashed in grey.
     */
    public void writeChart(Path file) throws IOException {
        LabelEfficiency e = efficiency();
        String title =
                "Active learning: "
                        + config.evaluatedOn()
                        + " RMSE vs labels"
                        + (e.ratio() == null
                                ? " ("
                                        + config.headlineStrategy().key()
                                        + " never reached random's final RMSE)"
                                : String.format(
                                        " (%s label ratio %.2f)",
                                        config.headlineStrategy().key(), e.ratio()));
        List<RoundResult> random = random();
        double[] xs = {random.get(0).labels(), random.get(random.size() - 1).labels()};
        LineChart chart =
                new LineChart(title, "labels used", config.evaluatedOn() + " RMSE (MC mean)");
        curves.forEach((s, points) -> chart.series(s.key(), labels(points), rmse(points)));
        chart.series(
                        "seed-set mean rating",
                        xs,
                        new double[] {meanBaselineRmse, meanBaselineRmse},
                        LineChart.PALETTE.get(7))
                .writePng(file, 900, 560);
    }

    private static ArrayNode curve(ObjectMapper mapper, List<RoundResult> points) {
        ArrayNode a = mapper.createArrayNode();
        for (RoundResult r : points) {
            a.addObject()
                    .put("round", r.round())
                    .put("labels", r.labels())
                    .put("rmse", r.rmse())
                    .put("seconds", Math.round(r.seconds() * 10) / 10.0);
        }
        return a;
    }

    private ObjectNode configJson(ObjectMapper mapper) {
        TrainingOptions t = config.training();
        ObjectNode c = mapper.createObjectNode();
        c.put("seed", t.seed());
        c.put("pool_limit", config.poolLimit());
        c.put("eval_limit", config.evalLimit());
        c.put("seed_fraction", config.seedFraction());
        c.put("budget", config.budget());
        c.put("rounds", config.rounds());
        c.put("warm_start", config.warmStart());
        c.put("max_per_review", config.maxPerReview());
        ArrayNode strategies = c.putArray("strategies");
        config.strategies().forEach(s -> strategies.add(s.key()));
        c.put("epochs_per_round", t.epochs());
        c.put("mc_samples", t.mcSamples());
        c.put("segment_length", t.segmentLength());
        c.put("vocab_size", t.vocabSize());
        c.put("embedding_size", t.embeddingSize());
        c.put("hidden_size", t.hiddenSize());
        c.put("cell", t.cell().name());
        c.put("dropout", t.dropout().name());
        c.put("dropout_p_embedding", t.pEmbedding());
        c.put("dropout_p_input", t.pInput());
        c.put("dropout_p_recurrent", t.pRecurrent());
        c.put("dropout_p_output", t.pOutput());
        c.put("readout", t.readout().name());
        c.put("head", t.head().name());
        c.put("weight_decay", t.weightDecay());
        c.put("batch_size", t.batchSize());
        c.put("learning_rate", t.learningRate());
        c.put("threads", t.threads());
        return c;
    }

    private static double[] labels(List<RoundResult> points) {
        double[] x = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).labels();
        }
        return x;
    }

    private static double[] rmse(List<RoundResult> points) {
        double[] y = new double[points.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = points.get(i).rmse();
        }
        return y;
    }
}
