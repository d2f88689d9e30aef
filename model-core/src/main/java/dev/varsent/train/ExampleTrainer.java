package dev.varsent.train;

import dev.varsent.bundle.Provenance;
import dev.varsent.data.PaperSplit;
import dev.varsent.model.McPredictor;
import dev.varsent.model.ScoringOptions;
import dev.varsent.model.SentimentModel;
import dev.varsent.nn.Adam;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Params;
import dev.varsent.predict.Prediction;
import dev.varsent.report.ProgressBar;
import dev.varsent.text.SequenceEncoder;
import dev.varsent.text.Tokenizer;
import dev.varsent.text.TokenizerSettings;
import dev.varsent.text.Vocabulary;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Trains a regression model on arbitrary labelled texts, from scratch or warm-started from an
 * existing model, for the retraining loop. Texts are cut into segments as the paper's split does
 * ({@link PaperSplit#segment}), except that a text too short to give a segment is kept whole, so
 * that no label is lost.
 *
 * <p>The result does not depend on the order of the given examples: they are put in id order first
 * (ids must be unique). For a fixed seed the result is deterministic.
 */
public final class ExampleTrainer {
    /**
     * Training segments scored for the train RMSE and the noise estimate (a fixed subset keeps this
     * cheap).
     */
    static final int TRAIN_EVAL_SEGMENTS = Trainer.TRAIN_EVAL_SEGMENTS;

    /** Provenance notes this trainer writes (they win over caller notes of the same name). */
    public static final String NOTE_WARM_START = "warm_start";

    public static final String NOTE_WARM_START_FROM = "warm_start_from";
    public static final String NOTE_TRAIN_EXAMPLES = "train_examples";
    public static final String NOTE_TRAIN_SEGMENTS = "train_segments";

    /** Provenance metrics this trainer writes. */
    public static final String METRIC_TRAIN_LOSS = "train_loss";

    public static final String METRIC_TRAIN_RMSE_APPROX = "train_rmse_approx";
    public static final String METRIC_TRAIN_RMSE_MC = "train_rmse_mc";

    private final TrainingOptions options;
    private final PrintStream progress;
    private final String gitCommit;

    /**
     * Uses from {@code options}: seed, epochs, batchSize, learningRate, clipNorm, vocabSize,
     * segmentLength, embeddingSize, hiddenSize, cell, dropout, the four drop probabilities,
     * weightDecay, readout, head, mcSamples, threads. A heteroscedastic model predicts its own
     * noise, so no noise level is estimated for it.
     */
    public ExampleTrainer(TrainingOptions options, PrintStream progress) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.gitCommit = Provenance.gitCommit(null);
    }

    /**
     * From scratch: vocabulary from the training texts, segments of {@code segmentLength} tokens,
     * targets standardised with the training segments' mean and std.
     */
    public SentimentModel trainFromScratch(
            String dataDescription,
            List<LabelledText> train,
            String version,
            Map<String, String> notes) {
        List<LabelledText> examples = canonical(train);
        Tokenizer tokenizer = new Tokenizer(TokenizerSettings.DEFAULT);
        List<PaperSplit.Segment> segments = segments(examples, tokenizer, options.segmentLength());
        List<List<String>> tokens = new ArrayList<>(segments.size());
        double mean = 0;
        for (PaperSplit.Segment s : segments) {
            tokens.add(s.tokens());
            mean += s.rating() / segments.size();
        }
        double var = 0;
        for (PaperSplit.Segment s : segments) {
            var += (s.rating() - mean) * (s.rating() - mean) / segments.size();
        }
        // All ratings equal: nothing to scale, and dividing by 0 would poison the targets.
        double std = var > 0 ? Math.sqrt(var) : 1.0;
        Vocabulary vocabulary = Vocabulary.build(tokens, options.vocabSize());
        NetConfig net = options.netConfig(vocabulary.size());
        ModelFrame frame =
                new ModelFrame(
                        net,
                        vocabulary,
                        TokenizerSettings.DEFAULT,
                        options.segmentLength() + 1,
                        mean,
                        std);
        Params params = Params.init(net, DataType.FLOAT, options.seed());
        return train(frame, params, examples, segments, dataDescription, version, notes, null);
    }

    /**
     * Warm start: keeps {@code start}'s network, vocabulary, tokenizer, sequence length and
     * standardisation and trains a copy of its weights with a fresh Adam; {@code start} itself is
     * left unchanged.
     */
    public SentimentModel continueTraining(
            SentimentModel start,
            String dataDescription,
            List<LabelledText> train,
            String version,
            Map<String, String> notes) {
        Objects.requireNonNull(start, "start");
        if (!start.net().regression()) {
            throw new IllegalArgumentException(
                    "can only continue training a regression model; "
                            + start.version()
                            + " has a "
                            + start.net().head().name().toLowerCase(java.util.Locale.ROOT)
                            + " head");
        }
        List<LabelledText> examples = canonical(train);
        ModelFrame frame = ModelFrame.of(start);
        List<PaperSplit.Segment> segments =
                segments(examples, new Tokenizer(start.tokenizer()), start.maxLength() - 1);
        return train(
                frame,
                start.params().dup(),
                examples,
                segments,
                dataDescription,
                version,
                notes,
                start);
    }

    /**
     * RMSE in rating units of the MC mean with {@code k} samples (k = 1: the deterministic
     * approximation) on whole texts, encoded by the model's own encoder exactly as the scoring job
     * encodes them.
     */
    public static double rmse(
            SentimentModel model, List<LabelledText> holdout, int k, long seed, int threads) {
        return rmse(model, holdout, k, seed, threads, ScoringOptions.defaults());
    }

    /**
     * As {@link #rmse(SentimentModel, List, int, long, int)}, scoring as {@code scoring} says
     * (segment cap, threshold).
     */
    public static double rmse(
            SentimentModel model,
            List<LabelledText> holdout,
            int k,
            long seed,
            int threads,
            ScoringOptions scoring) {
        if (holdout == null || holdout.isEmpty()) {
            throw new IllegalArgumentException("the holdout is empty");
        }
        List<String> texts = new ArrayList<>(holdout.size());
        double[] ratings = new double[holdout.size()];
        for (int i = 0; i < ratings.length; i++) {
            texts.add(holdout.get(i).text());
            ratings[i] = holdout.get(i).rating();
        }
        try (McPredictor deep = model.predictor(seed, threads, scoring)) {
            return RegressionMetrics.rmse(model.serving(deep, scoring).predict(texts, k), ratings);
        }
    }

    /**
     * SHA-256 (hex) over the examples in id order: each id, text (UTF-8, length-prefixed) and
     * rating bits.
     */
    public static String sha256(List<LabelledText> examples) {
        MessageDigest digest = Provenance.newSha256();
        for (LabelledText t : canonical(examples)) {
            update(digest, t.id());
            update(digest, t.text());
            updateLong(digest, Double.doubleToLongBits(t.rating()));
        }
        return Provenance.hex(digest.digest());
    }

    private SentimentModel train(
            ModelFrame frame,
            Params params,
            List<LabelledText> examples,
            List<PaperSplit.Segment> segments,
            String dataDescription,
            String version,
            Map<String, String> notes,
            SentimentModel start) {
        Objects.requireNonNull(dataDescription, "dataDescription");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(notes, "notes");
        SequenceEncoder encoder =
                new SequenceEncoder(
                        new Tokenizer(frame.tokenizer()), frame.vocabulary(), frame.maxLength());
        List<int[]> seqs = new ArrayList<>(segments.size());
        double[] ratings = new double[segments.size()];
        for (int i = 0; i < ratings.length; i++) {
            seqs.add(encoder.encodeTokens(segments.get(i).tokens()));
            ratings[i] = segments.get(i).rating();
        }
        double[] targets = frame.standardise(ratings);
        MinibatchLoop loop =
                new MinibatchLoop(
                        frame.net(),
                        params,
                        new Adam(options.learningRate(), options.clipNorm()),
                        options.batchSize(),
                        new SplittableRandom(options.seed() * 31));
        int batches = MinibatchLoop.batches(seqs.size(), options.batchSize());
        double loss = Double.NaN;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            ProgressBar bar =
                    new ProgressBar(
                            progress,
                            version + " epoch " + epoch + "/" + options.epochs(),
                            batches);
            loss = loop.epoch(seqs, targets, options.seed() + epoch, bar);
            bar.finish(String.format("loss %.4f", loss));
        }

        List<Integer> evalIdx =
                Indices.fixedSubset(seqs.size(), TRAIN_EVAL_SEGMENTS, options.seed());
        List<int[]> evalSeqs = Indices.select(seqs, evalIdx);
        double[] evalRatings = Indices.select(ratings, evalIdx);
        String sha = sha256(examples);
        SentimentModel unfinished =
                frame.model(
                        version,
                        params,
                        provenance(
                                sha,
                                examples.size(),
                                segments.size(),
                                dataDescription,
                                Map.of(),
                                notes,
                                start));
        double approx, mc, noise;
        try (McPredictor predictor =
                unfinished.predictor(options.seed() ^ 0x5eed, options.threads())) {
            approx = RegressionMetrics.rmse(predictor.predictEncoded(evalSeqs, 1), evalRatings);
            List<Prediction> sampled = predictor.predictEncoded(evalSeqs, options.mcSamples());
            mc = RegressionMetrics.rmse(sampled, evalRatings);
            noise =
                    frame.net().heteroscedastic()
                            ? Double.NaN
                            : NoiseVariance.of(sampled, evalRatings);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(METRIC_TRAIN_LOSS, loss);
        metrics.put(METRIC_TRAIN_RMSE_APPROX, approx);
        metrics.put(METRIC_TRAIN_RMSE_MC, mc);
        return frame.model(
                        version,
                        params,
                        provenance(
                                sha,
                                examples.size(),
                                segments.size(),
                                dataDescription,
                                metrics,
                                notes,
                                start))
                .withNoiseVariance(noise);
    }

    private Provenance provenance(
            String sha,
            int examples,
            int segments,
            String dataDescription,
            Map<String, Double> metrics,
            Map<String, String> callerNotes,
            SentimentModel start) {
        Map<String, String> notes = new LinkedHashMap<>(callerNotes);
        notes.put(NOTE_WARM_START, Boolean.toString(start != null));
        if (start != null) {
            notes.put(NOTE_WARM_START_FROM, start.version());
        }
        notes.put(NOTE_TRAIN_EXAMPLES, Integer.toString(examples));
        notes.put(NOTE_TRAIN_SEGMENTS, Integer.toString(segments));
        return ModelFrame.provenance(
                dataDescription, sha, options.seed(), options.epochs(), gitCommit, metrics, notes);
    }

    /** The examples in id order; refuses an empty list and repeated ids. */
    private static List<LabelledText> canonical(List<LabelledText> examples) {
        if (examples == null || examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        List<LabelledText> sorted = new ArrayList<>(examples);
        for (LabelledText t : sorted) {
            Objects.requireNonNull(t, "training example");
        }
        sorted.sort(Comparator.comparing(LabelledText::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw new IllegalArgumentException(
                        "training example id "
                                + sorted.get(i).id()
                                + " appears more than once; deduplicate by id first");
            }
        }
        return sorted;
    }

    private static List<PaperSplit.Segment> segments(
            List<LabelledText> examples, Tokenizer tokenizer, int segmentLength) {
        List<PaperSplit.Segment> out = new ArrayList<>();
        for (LabelledText t : examples) {
            List<String> tokens = tokenizer.tokenize(t.text());
            List<PaperSplit.Segment> pieces =
                    PaperSplit.segment(t.id(), tokens, t.rating(), segmentLength);
            out.addAll(
                    pieces.isEmpty()
                            ? List.of(new PaperSplit.Segment(t.id(), 0, tokens, t.rating()))
                            : pieces);
        }
        return out;
    }

    private static void update(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        updateLong(digest, bytes.length);
        digest.update(bytes);
    }

    private static void updateLong(MessageDigest digest, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (v >>> shift));
        }
    }
}
