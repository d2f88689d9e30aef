package dev.varsent.model;

import dev.varsent.nn.Batch;
import dev.varsent.nn.Masks;
import dev.varsent.nn.SentimentNetwork;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.text.SequenceEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MC dropout scoring of whole reviews: a review is cut into segments ({@link ReviewSegments}), all K samples of
 * all segments of a group of reviews run as one batch of segments x K rows, each row with its own masks, and
 * each review's segment predictions are combined ({@link SegmentMixture}) and calibrated ({@link Calibrator}).
 * A review's segments always share one batch. With {@code threads > 1} the reviews are split across that many
 * threads, one batch each.
 */
public final class McPredictor implements Predictor, AutoCloseable {
    /** Segments per batch (times K rows); naive dropout's per-step masks alone take K*T*E floats per segment. */
    public static final int MAX_BATCH_TEXTS = 256;

    private final SentimentModel model;
    private final SentimentNetwork network;
    private final SequenceEncoder encoder;
    private final SplittableRandom rng;
    private final int threads;
    private final ExecutorService pool;
    private final int segmentCap;
    private final Calibrator calibrator;

    McPredictor(SentimentModel model, long seed, int threads, ScoringOptions options) {
        this.model = model;
        this.network = SentimentNetwork.withBestKernels(model.net(), DataType.FLOAT);
        this.encoder = model.encoder();
        this.rng = new SplittableRandom(seed);
        this.threads = Math.max(1, threads);
        this.segmentCap = options.segmentCap(model.maxLength());
        this.calibrator = new Calibrator(model, options);
        this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "varsent-mc");
            t.setDaemon(true);
            return t;
        }) : null;
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

    /** Scores whole reviews: every segment of each (up to the cap) with {@code k} samples. */
    @Override
    public List<Prediction> predict(List<String> texts, int k) {
        List<List<String>> tokens = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokens.add(encoder.tokenizer().tokenize(text));
        }
        return predictTokens(tokens, k);
    }

    /** As {@link #predict} for reviews already tokenized with the model's tokenizer. */
    public List<Prediction> predictTokens(List<List<String>> reviews, int k) {
        List<ReviewSegments> segmented = new ArrayList<>(reviews.size());
        for (List<String> tokens : reviews) {
            segmented.add(ReviewSegments.of(tokens, encoder.vocabulary(), model.maxLength(), segmentCap));
        }
        return score(segmented, k);
    }

    /**
     * Scores already-encoded single segments (START first, no padding, at most maxLength ids), each as a
     * review of one segment, at most {@link #MAX_BATCH_TEXTS} per batch so that memory stays bounded however
     * many are passed.
     */
    public List<Prediction> predictEncoded(List<int[]> seqs, int k) {
        List<ReviewSegments> segmented = new ArrayList<>(seqs.size());
        for (int[] seq : seqs) {
            segmented.add(ReviewSegments.ofEncoded(seq));
        }
        return score(segmented, k);
    }

    private List<Prediction> score(List<ReviewSegments> reviews, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        List<Prediction> out = new ArrayList<>(reviews.size());
        int from = 0, segments = 0;
        for (int i = 0; i < reviews.size(); i++) {
            int s = reviews.get(i).segments().size();
            if (segments + s > MAX_BATCH_TEXTS) {
                out.addAll(scoreChunk(reviews.subList(from, i), segments, k));
                from = i;
                segments = 0;
            }
            segments += s;
        }
        if (from < reviews.size()) {
            out.addAll(scoreChunk(reviews.subList(from, reviews.size()), segments, k));
        }
        return out;
    }

    /** One batch's worth of reviews, split by review into at most {@code threads} parts of similar segment counts. */
    private List<Prediction> scoreChunk(List<ReviewSegments> reviews, int segments, int k) {
        int parts = Math.min(threads, reviews.size());
        if (parts == 1) {
            return scoreGroup(reviews, k, rng.split());
        }
        List<Future<List<Prediction>>> futures = new ArrayList<>(parts);
        int from = 0, done = 0, part = 0;
        for (int i = 0; i < reviews.size(); i++) {
            done += reviews.get(i).segments().size();
            if (done * parts >= (long) segments * (part + 1) || i == reviews.size() - 1) {
                List<ReviewSegments> group = reviews.subList(from, i + 1);
                SplittableRandom partRng = rng.split();
                futures.add(pool.submit(() -> scoreGroup(group, k, partRng)));
                from = i + 1;
                part++;
            }
        }
        List<Prediction> out = new ArrayList<>(reviews.size());
        try {
            for (Future<List<Prediction>> f : futures) {
                out.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scoring failed: " + e.getCause().getMessage(), e.getCause());
        }
        return out;
    }

    private List<Prediction> scoreGroup(List<ReviewSegments> reviews, int k, SplittableRandom r) {
        List<int[]> seqs = new ArrayList<>();
        for (ReviewSegments review : reviews) {
            seqs.addAll(review.segments());
        }
        List<Prediction> perSegment = score(seqs, k, r);
        List<Prediction> out = new ArrayList<>(reviews.size());
        int at = 0;
        for (ReviewSegments review : reviews) {
            int s = review.segments().size();
            Prediction mixture = s == 1 && !review.truncated()
                    ? perSegment.get(at) : SegmentMixture.combine(perSegment.subList(at, at + s), review.truncated());
            out.add(calibrator.apply(mixture, review.oovShare()));
            at += s;
        }
        return out;
    }

    private List<Prediction> score(List<int[]> seqs, int k, SplittableRandom r) {
        Batch batch = Batch.of(seqs, k);
        Masks masks = k == 1 ? Masks.none(model.net()) : Masks.sample(model.net(), batch, r, DataType.FLOAT);
        INDArray out = network.output(model.params(), batch, masks);
        float[] y = out.data().asFloat();
        out.close();
        masks.release();
        return model.net().regression()
                ? McSummary.regression(y, seqs.size(), k, model.targetMean(), model.targetStd(), model.noiseVariance())
                : McSummary.classification(y, seqs.size(), k, model.net().outputs());
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
