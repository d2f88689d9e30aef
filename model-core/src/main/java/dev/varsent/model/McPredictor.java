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
 * MC dropout scoring: all K samples of all texts run as one batch of texts x K rows, each row with its own
 * masks. With {@code threads > 1} the texts are split across that many threads, one batch each.
 */
public final class McPredictor implements Predictor, AutoCloseable {
    /** Texts per batch (times K rows); naive dropout's per-step masks alone take K*T*E floats per text. */
    public static final int MAX_BATCH_TEXTS = 256;

    private final SentimentModel model;
    private final SentimentNetwork network;
    private final SequenceEncoder encoder;
    private final SplittableRandom rng;
    private final int threads;
    private final ExecutorService pool;

    McPredictor(SentimentModel model, long seed, int threads) {
        this.model = model;
        this.network = SentimentNetwork.withBestKernels(model.net(), DataType.FLOAT);
        this.encoder = model.encoder();
        this.rng = new SplittableRandom(seed);
        this.threads = Math.max(1, threads);
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

    @Override
    public List<Prediction> predict(List<String> texts, int k) {
        List<int[]> seqs = new ArrayList<>(texts.size());
        for (String text : texts) {
            seqs.add(encoder.encode(text));
        }
        return predictEncoded(seqs, k);
    }

    /**
     * Scores already-encoded sequences (START first, no padding), at most {@link #MAX_BATCH_TEXTS} texts
     * per batch so that memory stays bounded however many are passed.
     */
    public List<Prediction> predictEncoded(List<int[]> seqs, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (seqs.size() > MAX_BATCH_TEXTS) {
            List<Prediction> out = new ArrayList<>(seqs.size());
            for (int from = 0; from < seqs.size(); from += MAX_BATCH_TEXTS) {
                out.addAll(predictEncoded(seqs.subList(from, Math.min(seqs.size(), from + MAX_BATCH_TEXTS)), k));
            }
            return out;
        }
        if (seqs.isEmpty()) {
            return List.of();
        }
        int parts = Math.min(threads, seqs.size());
        if (parts == 1) {
            return score(seqs, k, rng.split());
        }
        List<Future<List<Prediction>>> futures = new ArrayList<>(parts);
        int per = (seqs.size() + parts - 1) / parts;
        for (int from = 0; from < seqs.size(); from += per) {
            List<int[]> part = seqs.subList(from, Math.min(seqs.size(), from + per));
            SplittableRandom partRng = rng.split();
            futures.add(pool.submit(() -> score(part, k, partRng)));
        }
        List<Prediction> out = new ArrayList<>(seqs.size());
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
