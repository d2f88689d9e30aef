package dev.varsent.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.bundle.BundleContents;
import dev.varsent.bundle.BundleFile;
import dev.varsent.bundle.Provenance;
import dev.varsent.bundle.Tensor;
import dev.varsent.model.McPredictor;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.Adam;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Params;
import dev.varsent.report.ProgressBar;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one model on the prepared scale data, epoch by epoch, with a checkpoint after each epoch
 * so an interrupted run resumes where it stopped ({@code model.bundle}, {@code optimizer.bundle}
 * and {@code metrics.json} in the run directory).
 */
public final class Trainer {
    /** Training segments used for the per-epoch train RMSE (a fixed subset keeps epochs cheap). */
    static final int TRAIN_EVAL_SEGMENTS = 2000;

    /**
     * MC evaluation at every one of the last epochs: the comparison rests on their mean (single
     * epochs move by ±0.003).
     */
    public static final int MC_LAST_EPOCHS = 20;

    public static final String MODEL_FILE = "model.bundle";
    public static final String OPTIMIZER_FILE = "optimizer.bundle";
    public static final String METRICS_FILE = "metrics.json";
    public static final String CURVES_FILE = "curves.png";

    private final TrainingOptions options;
    private final PrintStream out;
    private final String gitCommit;

    public Trainer(TrainingOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.gitCommit = Provenance.gitCommit(null);
    }

    public Path runDirectory() {
        return options.outputDir().resolve(options.name());
    }

    public SentimentModel run(PreparedData data) throws IOException {
        Path dir = runDirectory();
        Files.createDirectories(dir);
        NetConfig net = options.netConfig(data.vocabulary().size());
        ModelFrame frame =
                new ModelFrame(
                        net,
                        data.vocabulary(),
                        data.tokenizer(),
                        data.maxLength(),
                        data.mean(),
                        data.std());
        Params params = Params.init(net, DataType.FLOAT, options.seed());
        Adam adam = new Adam(options.learningRate(), options.clipNorm());
        TrainingHistory history = TrainingHistory.read(dir.resolve(METRICS_FILE));
        int done = history.epochs().size();
        if (done > 0) {
            SentimentModel saved = SentimentModel.load(dir.resolve(MODEL_FILE));
            if (!saved.net().equals(net)) {
                throw new IllegalStateException(
                        "cannot resume "
                                + dir
                                + ": it holds a model with "
                                + saved.net()
                                + ", these options make "
                                + net);
            }
            params = saved.params();
            restoreOptimizer(adam, dir.resolve(OPTIMIZER_FILE));
            out.printf("resuming %s after epoch %d%n", options.name(), done);
        }
        List<Integer> trainEval =
                Indices.fixedSubset(
                        data.trainSequences().size(), TRAIN_EVAL_SEGMENTS, options.seed());
        MinibatchLoop loop =
                new MinibatchLoop(
                        net,
                        params,
                        adam,
                        options.batchSize(),
                        new SplittableRandom(options.seed() * 31 + done));
        int batches = MinibatchLoop.batches(data.trainSequences().size(), options.batchSize());
        double[] targets = frame.standardise(data.trainRatings());
        SentimentModel model = null;

        for (int epoch = done + 1; epoch <= options.epochs(); epoch++) {
            long t0 = System.nanoTime();
            ProgressBar bar =
                    new ProgressBar(
                            out,
                            options.name() + " epoch " + epoch + "/" + options.epochs(),
                            batches);
            double loss = loop.epoch(data.trainSequences(), targets, options.seed() + epoch, bar);
            model = model(frame, params, data, epoch, history);
            boolean mcEpoch =
                    epoch % options.mcEvalEvery() == 0 || epoch > options.epochs() - MC_LAST_EPOCHS;
            EpochMetrics m =
                    evaluate(
                            model,
                            data,
                            trainEval,
                            epoch,
                            loss,
                            mcEpoch,
                            (System.nanoTime() - t0) / 1e9);
            history.add(m);
            bar.finish(
                    String.format(
                            "train RMSE %.4f  test RMSE %.4f (approx.)%s  %.0f s",
                            m.trainRmseApprox(),
                            m.testRmseApprox(),
                            mcEpoch
                                    ? String.format(
                                            "  %.4f (MC K=%d)", m.testRmseMc(), options.mcSamples())
                                    : "",
                            m.seconds()));
            model = model(frame, params, data, epoch, history);
            // A heteroscedastic head predicts the noise of each review itself.
            if (mcEpoch && !Double.isNaN(m.trainRmseMc()) && !net.heteroscedastic()) {
                model =
                        model.withNoiseVariance(
                                NoiseVariance.estimate(
                                        model,
                                        Indices.select(data.trainSequences(), trainEval),
                                        Indices.select(data.trainRatings(), trainEval),
                                        options.mcSamples(),
                                        options.seed() ^ 0x5eed,
                                        options.threads()));
            }
            checkpoint(dir, model, adam, history);
        }
        if (model == null) {
            model = SentimentModel.load(dir.resolve(MODEL_FILE));
        }
        return model;
    }

    private void checkpoint(Path dir, SentimentModel model, Adam adam, TrainingHistory history)
            throws IOException {
        model.save(dir.resolve(MODEL_FILE));
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : adam.state().entrySet()) {
            tensors.put(
                    e.getKey(),
                    new Tensor(e.getValue().shape(), e.getValue().dup('c').data().asFloat()));
        }
        ObjectNode hp = new ObjectMapper().createObjectNode().put("adamSteps", adam.steps());
        BundleFile.write(
                new BundleContents(
                        model.version() + "-optimizer",
                        hp,
                        new ObjectMapper().createObjectNode(),
                        model.provenance(),
                        List.of(),
                        tensors),
                dir.resolve(OPTIMIZER_FILE));
        history.write(dir.resolve(METRICS_FILE), runJson());
        history.writeCurves(dir.resolve(CURVES_FILE), options.name());
    }

    private static void restoreOptimizer(Adam adam, Path file) throws IOException {
        BundleContents c = BundleFile.read(file);
        Map<String, INDArray> state = new LinkedHashMap<>();
        c.tensors()
                .forEach((k, t) -> state.put(k, Nd4j.createFromArray(t.data()).reshape(t.shape())));
        adam.restore(state, c.hyperParameters().get("adamSteps").asLong());
    }

    private ObjectNode runJson() {
        ObjectNode o = new ObjectMapper().valueToTree(options);
        o.put("dataDir", options.dataDir().toString());
        o.put("outputDir", options.outputDir().toString());
        return o;
    }

    private SentimentModel model(
            ModelFrame frame, Params params, PreparedData data, int epoch, TrainingHistory h) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!h.epochs().isEmpty()) {
            EpochMetrics last = h.epochs().get(h.epochs().size() - 1);
            metrics.put("train_rmse_approx", last.trainRmseApprox());
            metrics.put("test_rmse_approx", last.testRmseApprox());
            for (EpochMetrics e : h.epochs()) {
                if (!Double.isNaN(e.testRmseMc())) {
                    metrics.put("test_rmse_mc", e.testRmseMc());
                    metrics.put("train_rmse_mc", e.trainRmseMc());
                }
            }
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("name", options.name());
        notes.put(
                "split",
                "Gal & Ghahramani 2016 Sec. 5.2: reviews shuffled (seed), "
                        + options.segmentLength()
                        + "-token segments, 80/20 by segment; "
                        + data.trainSequences().size()
                        + " train / "
                        + data.testSequences().size()
                        + " test segments from "
                        + data.reviews()
                        + " reviews");
        Provenance p =
                ModelFrame.provenance(
                        options.dataDir().toAbsolutePath().normalize().toString(),
                        data.dataSha256(),
                        options.seed(),
                        epoch,
                        gitCommit,
                        metrics,
                        notes);
        String version =
                options.name() + "-e" + epoch + "-" + Long.toHexString(System.currentTimeMillis());
        return frame.model(version, params, p);
    }

    private EpochMetrics evaluate(
            SentimentModel model,
            PreparedData data,
            List<Integer> trainEval,
            int epoch,
            double loss,
            boolean mc,
            double trainSeconds) {
        try (McPredictor predictor = model.predictor(options.seed() + epoch, options.threads())) {
            List<int[]> trainSeqs = Indices.select(data.trainSequences(), trainEval);
            double[] trainY = Indices.select(data.trainRatings(), trainEval);
            double trainApprox =
                    RegressionMetrics.rmse(predictor.predictEncoded(trainSeqs, 1), trainY);
            double testApprox =
                    RegressionMetrics.rmse(
                            predictor.predictEncoded(data.testSequences(), 1), data.testRatings());
            double testMc = Double.NaN, trainMc = Double.NaN;
            if (mc) {
                testMc =
                        RegressionMetrics.rmse(
                                predictor.predictEncoded(data.testSequences(), options.mcSamples()),
                                data.testRatings());
                trainMc =
                        RegressionMetrics.rmse(
                                predictor.predictEncoded(trainSeqs, options.mcSamples()), trainY);
            }
            return new EpochMetrics(
                    epoch, loss, trainApprox, testApprox, testMc, trainMc, trainSeconds);
        }
    }
}
