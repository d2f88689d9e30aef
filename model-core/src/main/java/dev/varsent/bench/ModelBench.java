package dev.varsent.bench;

import static dev.varsent.bench.BenchFigures.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.nn.Adam;
import dev.varsent.nn.Batch;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Losses;
import dev.varsent.nn.Masks;
import dev.varsent.nn.Nd4jThreads;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Params;
import dev.varsent.nn.SentimentNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The benchmark harness: this project's variational LSTM against DL4J's built-in LSTM at the
 * paper's shapes (batch 128, T = 200, vocabulary 20k, embedding and hidden 128), all measured in
 * one run. Inference uses every core the same way for both: {@code workers} threads, each scoring
 * its share of the batch with single-threaded ND4J. Training compares one single-threaded step
 * against the other, and reports the ND4J training passes (the reference of the default heap path)
 * in the same run.
 */
public final class ModelBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int batch;
    private final int steps;
    private final int vocab;
    private final int k;
    private final int workers;
    private final int iterations;

    /**
     * Per review, the token counts of its segments (from real reviews); empty: no review-level
     * figure.
     */
    private final List<int[]> reviewSegmentLengths;

    public ModelBench(int batch, int steps, int vocab, int k, int workers, int iterations) {
        this(batch, steps, vocab, k, workers, iterations, List.of());
    }

    /**
     * With {@code reviewSegmentLengths}, {@code mc_inference} also reports whole-review throughput
     * at the same shape on that mix of review lengths (every segment of a review scored, as the
     * scoring job does).
     */
    public ModelBench(
            int batch,
            int steps,
            int vocab,
            int k,
            int workers,
            int iterations,
            List<int[]> reviewSegmentLengths) {
        this.reviewSegmentLengths = List.copyOf(reviewSegmentLengths);
        this.batch = batch;
        this.steps = steps;
        this.vocab = vocab;
        this.k = k;
        this.workers = workers;
        this.iterations = iterations;
    }

    public List<ObjectNode> run() throws Exception {
        Nd4jThreads.set(1);
        List<ObjectNode> out = new ArrayList<>();
        NetConfig net = NetConfig.paper(vocab, CellType.LSTM, DropoutMode.VARIATIONAL_UNTIED);
        Params params = Params.init(net, DataType.FLOAT, 1);

        double ours =
                parallel(
                        () -> {
                            SentimentNetwork n =
                                    SentimentNetwork.withBestKernels(net, DataType.FLOAT);
                            return mcRate(n, net, params, batch / workers);
                        });
        double peer =
                parallel(
                        () ->
                                new Dl4jLstmPeer(
                                                new Dl4jLstmPeer.Shape(
                                                        batch / workers, steps, vocab, 128, 128),
                                                7)
                                        .mcInferenceReviewsPerSecond(k, 1, iterations));
        double gflops = peakGflops();
        double flopsPerReview = (double) k * steps * (2.0 * 128 * 512 + 2.0 * 128 * 512);
        double bound = gflops * 1e9 / flopsPerReview;
        out.add(
                JSON.createObjectNode()
                        .put("metric", "mc_inference")
                        .put("k", k)
                        .put("steps", steps)
                        .put("hidden", 128)
                        .put("batch", batch)
                        .put("workers", workers)
                        .put("reviews_per_s", round(ours, 2))
                        .put("peer_reviews_per_s", round(peer, 2))
                        .put("ratio", round(ours / peer, 2))
                        .put("gemm_gflops_measured", round(gflops, 2))
                        .put("flop_bound_reviews_per_s", round(bound, 2))
                        .put("flop_bound_fraction", round(ours / bound, 2)));
        if (!reviewSegmentLengths.isEmpty()) {
            double segments =
                    reviewSegmentLengths.stream().mapToInt(l -> l.length).average().orElse(1);
            double stepsPerReview =
                    reviewSegmentLengths.stream()
                            .mapToInt(l -> java.util.Arrays.stream(l).map(len -> len + 1).sum())
                            .average()
                            .orElse(steps);
            double reviewBound = bound * steps / stepsPerReview;
            double whole =
                    parallel(
                            () -> {
                                SentimentNetwork n =
                                        SentimentNetwork.withBestKernels(net, DataType.FLOAT);
                                return reviewRate(n, net, params, batch / workers);
                            });
            out.get(out.size() - 1)
                    .put("review_level_reviews_per_s", round(whole, 2))
                    .put("review_level_mean_segments", round(segments, 2))
                    .put("review_level_steps_per_review", round(stepsPerReview, 2))
                    .put("review_level_flop_bound_reviews_per_s", round(reviewBound, 2))
                    .put("review_level_flop_bound_fraction", round(whole / reviewBound, 2));
        }

        double nd4jKernels =
                parallel(
                        () ->
                                mcRate(
                                        SentimentNetwork.withNd4jKernels(net),
                                        net,
                                        params,
                                        batch / workers));
        out.add(
                JSON.createObjectNode()
                        .put("metric", "gate_kernels")
                        .put("fused_vector_api_reviews_per_s", round(ours, 2))
                        .put("nd4j_ops_reviews_per_s", round(nd4jKernels, 2))
                        .put("ratio", round(ours / nd4jKernels, 2)));

        double train =
                trainRate(SentimentNetwork.withBestKernels(net, DataType.FLOAT), net, params.dup());
        double nd4jTrain =
                trainRate(SentimentNetwork.withNd4jPasses(net, DataType.FLOAT), net, params.dup());
        double peerTrain =
                new Dl4jLstmPeer(new Dl4jLstmPeer.Shape(batch, steps, vocab, 128, 128), 7)
                        .trainSequencesPerSecond(1, iterations);
        out.add(
                JSON.createObjectNode()
                        .put("metric", "train")
                        .put("batch", batch)
                        .put("steps", steps)
                        .put("seq_per_s", round(train, 2))
                        .put("peer_seq_per_s", round(peerTrain, 2))
                        .put("ratio", round(train / peerTrain, 2))
                        .put("nd4j_path_seq_per_s", round(nd4jTrain, 2))
                        .put("heap_path_speedup", round(train / nd4jTrain, 2)));
        return out;
    }

    /** Sum of the rates of {@code workers} concurrent copies of a measurement. */
    private double parallel(Callable<Double> measure) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Double>> f = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                f.add(pool.submit(measure));
            }
            double sum = 0;
            for (Future<Double> x : f) {
                sum += x.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<int[]> randomSequences(int n, SplittableRandom r) {
        List<int[]> seqs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] s = new int[steps];
            s[0] = 1;
            for (int j = 1; j < steps; j++) {
                s[j] = 3 + r.nextInt(vocab - 3);
            }
            seqs.add(s);
        }
        return seqs;
    }

    /** Reviews per second of MC scoring: texts x K rows as one batch, fresh masks per iteration. */
    private double mcRate(SentimentNetwork n, NetConfig net, Params params, int reviews) {
        SplittableRandom r = new SplittableRandom(reviews);
        Batch b = Batch.of(randomSequences(reviews, r), k);
        n.output(params, b, Masks.sample(net, b, r, DataType.FLOAT));
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            n.output(params, b, Masks.sample(net, b, r, DataType.FLOAT)).data().asFloat();
        }
        return (double) reviews * iterations / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Whole reviews per second at this shape on the real mix of review lengths: batches of {@code
     * reviews} consecutive reviews (all their segments, random token ids of the real lengths) x K
     * rows.
     */
    private double reviewRate(SentimentNetwork n, NetConfig net, Params params, int reviews) {
        SplittableRandom r = new SplittableRandom(reviews);
        // every m-th review, iterations batches' worth: the length mix of the whole set in a
        // bounded time
        int count = Math.min(reviewSegmentLengths.size(), iterations * reviews);
        List<int[]> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            picked.add(
                    reviewSegmentLengths.get(
                            (int) ((long) i * reviewSegmentLengths.size() / count)));
        }
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < picked.size(); from += reviews) {
            List<int[]> seqs = new ArrayList<>();
            for (int[] lengths : picked.subList(from, Math.min(picked.size(), from + reviews))) {
                for (int len : lengths) {
                    int[] s = new int[len + 1];
                    s[0] = 1;
                    for (int j = 1; j <= len; j++) {
                        s[j] = 3 + r.nextInt(vocab - 3);
                    }
                    seqs.add(s);
                }
            }
            batches.add(Batch.of(seqs, k));
        }
        n.output(params, batches.get(0), Masks.sample(net, batches.get(0), r, DataType.FLOAT));
        long t0 = System.nanoTime();
        for (Batch b : batches) {
            n.output(params, b, Masks.sample(net, b, r, DataType.FLOAT)).data().asFloat();
        }
        return (double) picked.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Sequences per second of full training steps: masks, forward, backward, weight decay, Adam.
     */
    private double trainRate(SentimentNetwork n, NetConfig net, Params params) {
        SplittableRandom r = new SplittableRandom(3);
        Batch b = Batch.of(randomSequences(batch, r), 1);
        double[] y = new double[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = r.nextDouble() * 2 - 1;
        }
        Params grads = params.zerosLike();
        Adam adam = new Adam(1e-3, 5);
        Supplier<Double> step =
                () -> {
                    SentimentNetwork.Trace tr =
                            n.forward(params, b, Masks.sample(net, b, r, DataType.FLOAT));
                    INDArray dY = Nd4j.create(DataType.FLOAT, batch, 1);
                    double loss = Losses.meanSquaredError(tr.output(), y, dY);
                    n.backward(params, tr, dY, grads);
                    adam.update(params, grads, net.weightDecay());
                    return loss;
                };
        step.get();
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            step.get();
        }
        return (double) batch * iterations / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * ND4J's matrix product at the shape of one MC step (1280 x 128 by 128 x 512) on every worker
     * at once.
     */
    private double peakGflops() throws Exception {
        return parallel(
                () -> {
                    INDArray a = Nd4j.rand(DataType.FLOAT, 1280, 128),
                            w = Nd4j.rand(DataType.FLOAT, 128, 512);
                    INDArray c = Nd4j.create(DataType.FLOAT, 1280, 512);
                    MMulTranspose nn = new MMulTranspose(false, false, false);
                    for (int i = 0; i < 20; i++) {
                        Nd4j.exec(new Mmul(a, w, c, 1.0, 0.0, nn));
                    }
                    int reps = 300;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < reps; i++) {
                        Nd4j.exec(new Mmul(a, w, c, 1.0, 0.0, nn));
                    }
                    return 2.0 * 1280 * 128 * 512 * reps / (System.nanoTime() - t0);
                });
    }
}
