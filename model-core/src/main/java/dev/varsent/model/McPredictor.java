package dev.varsent.model;

import dev.varsent.nn.Batch;
import dev.varsent.nn.Masks;
import dev.varsent.nn.SentimentNetwork;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.predict.RoutingCut;
import dev.varsent.predict.ServedView;
import dev.varsent.text.SequenceEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MC dropout scoring of whole reviews: a review is cut into segments ({@link ReviewSegments}), all
 * K samples of all segments of a group of reviews run as one batch of segments x K rows, each row
 * with its own masks, and each review's segment predictions are combined ({@link SegmentMixture})
 * and calibrated ({@link Calibrator}). A review's segments always share one batch. With {@code
 * threads > 1} the reviews are split across that many threads, one batch each. With {@link
 * ScoringOptions#adaptive()} set (regression heads), each batch is sampled in rounds and a review
 * stops as soon as its routing decision is settled ({@link AdaptiveRounds}); its prediction's
 * {@code samples} says how many it got. The decision is judged against the configured threshold or
 * a {@link RoutingCut} passed per call, on what is served: the network's prediction, or what a
 * {@link ServedView} (a blend) makes of it.
 */
public final class McPredictor implements Predictor, AutoCloseable {
    /**
     * Segments per batch (times K rows); naive dropout's per-step masks alone take K*T*E floats per
     * segment.
     */
    public static final int MAX_BATCH_TEXTS = 256;

    private final SentimentModel model;
    private final SentimentNetwork network;
    private final SequenceEncoder encoder;
    private final SplittableRandom rng;
    private final int threads;
    private final ExecutorService pool;
    private final int segmentCap;
    private final Calibrator calibrator;

    /** Null: every review gets all K samples. */
    private final AdaptiveSampling adaptive;

    private AdaptiveRounds adaptiveRounds;
    private int adaptiveK;

    McPredictor(SentimentModel model, long seed, int threads, ScoringOptions options) {
        this.model = model;
        this.network = SentimentNetwork.withBestKernels(model.net(), DataType.FLOAT);
        this.encoder = model.encoder();
        this.rng = new SplittableRandom(seed);
        this.threads = Math.max(1, threads);
        this.segmentCap = options.segmentCap(model.maxLength());
        this.calibrator = new Calibrator(model, options);
        this.adaptive = model.net().regression() ? options.adaptive() : null;
        this.pool =
                this.threads > 1
                        ? Executors.newFixedThreadPool(
                                this.threads,
                                r -> {
                                    Thread t = new Thread(r, "varsent-mc");
                                    t.setDaemon(true);
                                    return t;
                                })
                        : null;
    }

    @Override
    public String modelVersion() {
        return model.version();
    }

    @Override
    public boolean isClassification() {
        return !model.net().regression();
    }

    /** The most segments scored per review. */
    public int segmentCap() {
        return segmentCap;
    }

    /**
     * The token counts of the segments of {@code text} that are scored (without the START token),
     * in order.
     */
    public int[] segmentLengths(String text) {
        return segment(tokenize(List.of(text))).get(0).segments().stream()
                .mapToInt(s -> s.length - 1)
                .toArray();
    }

    /** Scores whole reviews: every segment of each (up to the cap) with {@code k} samples. */
    @Override
    public List<Prediction> predict(List<String> texts, int k) {
        return predictTokens(tokenize(texts), k);
    }

    /** As {@link #predict(List, int)}, sampling adaptively against {@code cut}. */
    @Override
    public List<Prediction> predict(List<String> texts, int k, RoutingCut cut) {
        return predictTokens(
                tokenize(texts), k, Objects.requireNonNull(cut, "cut"), ServedView.NETWORK);
    }

    /** As {@link #predict} for reviews already tokenized with the model's tokenizer. */
    public List<Prediction> predictTokens(List<List<String>> reviews, int k) {
        return predictTokens(reviews, k, configuredCut(), ServedView.NETWORK);
    }

    /**
     * The network's predictions of reviews already tokenized with the model's tokenizer; adaptive
     * sampling settles each review's decision on what {@code view} serves of it, against {@code
     * cut} (null: the configured threshold).
     */
    public List<Prediction> predictTokens(
            List<List<String>> reviews, int k, RoutingCut cut, ServedView view) {
        return score(segment(reviews), k, cut == null ? configuredCut() : cut, view);
    }

    /** The configured threshold's cut; unknown (all K) without adaptive sampling. */
    private RoutingCut configuredCut() {
        return adaptive == null
                ? RoutingCut.UNKNOWN
                : RoutingCut.fixed(adaptive.routingThreshold());
    }

    private List<List<String>> tokenize(List<String> texts) {
        List<List<String>> tokens = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokens.add(encoder.tokenizer().tokenize(text));
        }
        return tokens;
    }

    private List<ReviewSegments> segment(List<List<String>> reviews) {
        List<ReviewSegments> segmented = new ArrayList<>(reviews.size());
        for (List<String> tokens : reviews) {
            segmented.add(
                    ReviewSegments.of(tokens, encoder.vocabulary(), model.maxLength(), segmentCap));
        }
        return segmented;
    }

    /**
     * Scores already-encoded single segments (START first, no padding, at most maxLength ids), each
     * as a review of one segment, at most {@link #MAX_BATCH_TEXTS} per batch so that memory stays
     * bounded however many are passed.
     */
    public List<Prediction> predictEncoded(List<int[]> seqs, int k) {
        List<ReviewSegments> segmented = new ArrayList<>(seqs.size());
        for (int[] seq : seqs) {
            segmented.add(ReviewSegments.ofEncoded(seq));
        }
        return score(segmented, k, configuredCut(), ServedView.NETWORK);
    }

    /**
     * Scores whole reviews as {@link #predict} does and, when this predictor samples adaptively,
     * also from the same samples continued to K: each review's adaptive prediction beside its
     * full-K one. Without adaptive sampling (or for a classification head) both are the full-K
     * prediction.
     */
    public List<PairedPrediction> predictPaired(List<String> texts, int k) {
        return predictPaired(tokenize(texts), k, configuredCut(), ServedView.NETWORK);
    }

    /**
     * As {@link #predictPaired(List, int)} for tokenized reviews, against {@code cut} on what
     * {@code view} serves; the predictions are the network's.
     */
    public List<PairedPrediction> predictPaired(
            List<List<String>> reviews, int k, RoutingCut cut, ServedView view) {
        AdaptiveRounds rounds = rounds(k, cut);
        return batched(
                segment(reviews),
                k,
                (group, offset, r) ->
                        rounds == null
                                ? scoreGroup(group, k, r).stream()
                                        .map(p -> new PairedPrediction(p, p))
                                        .toList()
                                : rounds.score(group, this::outputs, r, true, cut, view, offset));
    }

    /**
     * How one group of reviews (one batch, starting at the call's review {@code offset}) is scored
     * with the group's own random stream.
     */
    private interface GroupScorer<T> {
        List<T> score(List<ReviewSegments> group, int offset, SplittableRandom r);
    }

    private List<Prediction> score(
            List<ReviewSegments> reviews, int k, RoutingCut cut, ServedView view) {
        AdaptiveRounds rounds = rounds(k, cut);
        return batched(
                reviews,
                k,
                (group, offset, r) ->
                        rounds == null
                                ? scoreGroup(group, k, r)
                                : rounds
                                        .score(group, this::outputs, r, false, cut, view, offset)
                                        .stream()
                                        .map(PairedPrediction::adaptive)
                                        .toList());
    }

    /**
     * The adaptive sampler for {@code k} samples, or null when every review gets all K (no adaptive
     * sampling, a classification head, k < 2 or an unknown cut).
     */
    private AdaptiveRounds rounds(int k, RoutingCut cut) {
        if (adaptive == null || k < 2 || cut.unknown()) {
            return null;
        }
        AdaptiveRounds r = adaptiveRounds;
        if (r == null || adaptiveK != k) {
            r = new AdaptiveRounds(model, adaptive, calibrator, k);
            adaptiveRounds = r;
            adaptiveK = k;
        }
        return r;
    }

    private <T> List<T> batched(List<ReviewSegments> reviews, int k, GroupScorer<T> scorer) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        List<T> out = new ArrayList<>(reviews.size());
        int from = 0, segments = 0;
        for (int i = 0; i < reviews.size(); i++) {
            int s = reviews.get(i).segments().size();
            if (segments + s > MAX_BATCH_TEXTS) {
                out.addAll(scoreChunk(reviews.subList(from, i), from, segments, scorer));
                from = i;
                segments = 0;
            }
            segments += s;
        }
        if (from < reviews.size()) {
            out.addAll(scoreChunk(reviews.subList(from, reviews.size()), from, segments, scorer));
        }
        return out;
    }

    /**
     * One batch's worth of reviews, split by review into at most {@code threads} parts of similar
     * segment counts.
     */
    private <T> List<T> scoreChunk(
            List<ReviewSegments> reviews, int offset, int segments, GroupScorer<T> scorer) {
        int parts = Math.min(threads, reviews.size());
        if (parts == 1) {
            return scorer.score(reviews, offset, rng.split());
        }
        List<Future<List<T>>> futures = new ArrayList<>(parts);
        int from = 0, done = 0, part = 0;
        for (int i = 0; i < reviews.size(); i++) {
            done += reviews.get(i).segments().size();
            if (done * parts >= (long) segments * (part + 1) || i == reviews.size() - 1) {
                List<ReviewSegments> group = reviews.subList(from, i + 1);
                SplittableRandom partRng = rng.split();
                int groupOffset = offset + from;
                futures.add(pool.submit(() -> scorer.score(group, groupOffset, partRng)));
                from = i + 1;
                part++;
            }
        }
        List<T> out = new ArrayList<>(reviews.size());
        try {
            for (Future<List<T>> f : futures) {
                out.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "scoring failed: " + e.getCause().getMessage(), e.getCause());
        }
        return out;
    }

    private List<Prediction> scoreGroup(List<ReviewSegments> reviews, int k, SplittableRandom r) {
        List<int[]> seqs = new ArrayList<>();
        for (ReviewSegments review : reviews) {
            seqs.addAll(review.segments());
        }
        List<Prediction> perSegment = summarise(outputs(seqs, k, r), seqs.size(), k);
        List<Prediction> out = new ArrayList<>(reviews.size());
        int at = 0;
        for (ReviewSegments review : reviews) {
            int s = review.segments().size();
            out.add(
                    calibrator.apply(
                            SegmentMixture.of(review, perSegment.subList(at, at + s)),
                            review.oovShare()));
            at += s;
        }
        return out;
    }

    /** The network's outputs for {@code seqs}, k rows each (fresh masks; none for k = 1). */
    private float[] outputs(List<int[]> seqs, int k, SplittableRandom r) {
        Batch batch = Batch.of(seqs, k);
        Masks masks =
                k == 1
                        ? Masks.none(model.net())
                        : Masks.sample(model.net(), batch, r, DataType.FLOAT);
        INDArray out = network.output(model.params(), batch, masks);
        float[] y = out.data().asFloat();
        out.close();
        masks.release();
        return y;
    }

    private List<Prediction> summarise(float[] y, int texts, int k) {
        return model.net().regression()
                ? McSummary.regression(
                        y, texts, k, model.targetMean(), model.targetStd(), model.noiseVariance())
                : McSummary.classification(y, texts, k, model.net().outputs());
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
