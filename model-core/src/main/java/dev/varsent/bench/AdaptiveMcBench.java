package dev.varsent.bench;

import static dev.varsent.bench.BenchFigures.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.blend.BlendedPredictor;
import dev.varsent.model.AdaptiveSampling;
import dev.varsent.model.McPredictor;
import dev.varsent.model.PairedPrediction;
import dev.varsent.model.ScoringOptions;
import dev.varsent.model.SentimentModel;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.predict.RoutingCut;
import dev.varsent.predict.ServedView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Adaptive MC sampling against all K samples on real reviews with a trained model, in one run:
 * whole-review throughput of both (micro-batches of {@code batch} reviews on {@code workers}
 * single-threaded predictors, as that many scoring subtasks would run them; the real mix of review
 * lengths), the samples adaptive sampling spent, and how often it routes a review as all K samples
 * do. Full-K and adaptive passes alternate so that a change in the machine's load hits both alike.
 * The predictors are the ones the product serves ({@link SentimentModel#servingPredictor}): for a
 * blended model, the blend and its calibration, whose routed uncertainty adaptive sampling settles.
 *
 * <p>{@code routing_agreement} is the share of reviews that adaptive sampling routes as all K
 * samples route them, on the very same MC draws (the adaptive run continued to K): what stopping
 * early alone changes. {@code routing_agreement_other_masks} compares the timed adaptive run with
 * the timed full-K run, whose masks differ; {@code full_k_self_agreement} is what two full-K runs
 * with different masks agree on, the floor that figure cannot beat (the MC noise of reviews near
 * the threshold).
 *
 * <p>What stopping early costs the served prediction, without labels, on the same draws: {@code
 * score_shift_rms} (the root mean square of adaptive minus full-K score), beside {@code
 * full_k_score_mc_rms} (the same between two full-K runs with different masks: the MC noise all K
 * samples leave), and {@code epistemic_std_ratio} (mean adaptive over mean full-K epistemic std).
 */
public final class AdaptiveMcBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SentimentModel model;
    private final List<String> texts;
    private final int k;
    private final AdaptiveSampling sampling;
    private final int batch;
    private final int workers;
    private final int iterations;

    public AdaptiveMcBench(
            SentimentModel model,
            List<String> texts,
            int k,
            AdaptiveSampling sampling,
            int batch,
            int workers,
            int iterations) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no reviews to benchmark on");
        }
        if (!model.net().regression()) {
            throw new IllegalArgumentException(
                    "adaptive MC sampling needs a regression model, "
                            + model.version()
                            + " has a classification head");
        }
        this.model = model;
        this.texts = texts;
        this.k = k;
        this.sampling = sampling;
        this.batch = batch;
        this.workers = workers;
        this.iterations = Math.max(1, iterations);
    }

    public ObjectNode run() throws Exception {
        ScoringOptions options = ScoringOptions.defaults();
        List<Predictor> full = new ArrayList<>(), adaptive = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try (McPredictor paired = model.predictor(3, 1, options.withAdaptive(sampling))) {
            Predictor pairedServed = model.serving(paired, options.withAdaptive(sampling));
            for (int w = 0; w < workers; w++) {
                full.add(model.servingPredictor(10 + w, 1, options));
                adaptive.add(model.servingPredictor(20 + w, 1, options.withAdaptive(sampling)));
            }
            List<String> warm = texts.subList(0, Math.min(texts.size(), 4 * batch * workers));
            scoreAll(full, warm, pool);
            scoreAll(adaptive, warm, pool);
            long fullNanos = 0, adaptiveNanos = 0;
            List<Prediction> fullK = null, adaptivePredictions = null;
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                fullK = scoreAll(full, texts, pool);
                long t1 = System.nanoTime();
                adaptivePredictions = scoreAll(adaptive, texts, pool);
                adaptiveNanos += System.nanoTime() - t1;
                fullNanos += t1 - t0;
            }
            List<PairedPrediction> same = new ArrayList<>();
            for (int from = 0; from < texts.size(); from += batch) {
                same.addAll(
                        servedPairs(
                                paired,
                                pairedServed,
                                texts.subList(from, Math.min(texts.size(), from + batch))));
            }
            return report(fullK, adaptivePredictions, same, fullNanos, adaptiveNanos);
        } finally {
            pool.shutdownNow();
            full.forEach(AdaptiveMcBench::close);
            adaptive.forEach(AdaptiveMcBench::close);
        }
    }

    /**
     * The served adaptive and full-K predictions of one batch from the same MC draws ({@code deep}
     * is the network's predictor inside {@code served}).
     */
    private List<PairedPrediction> servedPairs(
            McPredictor deep, Predictor served, List<String> batchTexts) {
        List<List<String>> tokens;
        ServedView view;
        if (served instanceof BlendedPredictor blended) {
            tokens = blended.tokenize(batchTexts);
            view = blended.servedView(tokens);
        } else {
            tokens = new ArrayList<>();
            for (String text : batchTexts) {
                tokens.add(model.encoder().tokenizer().tokenize(text));
            }
            view = ServedView.NETWORK;
        }
        List<PairedPrediction> network =
                deep.predictPaired(tokens, k, RoutingCut.fixed(sampling.routingThreshold()), view);
        List<PairedPrediction> out = new ArrayList<>(network.size());
        for (int i = 0; i < network.size(); i++) {
            out.add(
                    new PairedPrediction(
                            view.serve(i, network.get(i).adaptive()),
                            view.serve(i, network.get(i).fullK())));
        }
        return out;
    }

    private static void close(Predictor p) {
        if (p instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing a predictor failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Micro-batches of {@code batch} reviews, batch j scored by worker j mod workers, as parallel
     * subtasks would.
     */
    private List<Prediction> scoreAll(
            List<Predictor> predictors, List<String> reviews, ExecutorService pool)
            throws Exception {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < reviews.size(); from += batch) {
            batches.add(reviews.subList(from, Math.min(reviews.size(), from + batch)));
        }
        List<Future<List<List<Prediction>>>> parts = new ArrayList<>();
        for (int w = 0; w < predictors.size(); w++) {
            Predictor p = predictors.get(w);
            int first = w;
            parts.add(
                    pool.submit(
                            () -> {
                                List<List<Prediction>> mine = new ArrayList<>();
                                for (int j = first; j < batches.size(); j += predictors.size()) {
                                    mine.add(p.predict(batches.get(j), k));
                                }
                                return mine;
                            }));
        }
        List<List<List<Prediction>>> done = new ArrayList<>();
        for (Future<List<List<Prediction>>> f : parts) {
            done.add(f.get());
        }
        List<Prediction> out = new ArrayList<>(reviews.size());
        for (int j = 0; j < batches.size(); j++) {
            out.addAll(done.get(j % predictors.size()).get(j / predictors.size()));
        }
        return out;
    }

    private ObjectNode report(
            List<Prediction> fullK,
            List<Prediction> adaptive,
            List<PairedPrediction> same,
            long fullNanos,
            long adaptiveNanos) {
        int n = texts.size();
        double fullRate = (double) n * iterations / (fullNanos / 1e9);
        double adaptiveRate = (double) n * iterations / (adaptiveNanos / 1e9);
        long segmentSamples = 0, segments = 0;
        double samples = 0;
        int agree = 0, agreeSame = 0, agreeSelf = 0, relabel = 0;
        double[] fullSignals = new double[n];
        double shift = 0, mcNoise = 0, adaptiveStd = 0, fullStd = 0;
        for (int i = 0; i < n; i++) {
            Prediction a = adaptive.get(i);
            samples += a.samples();
            segmentSamples += (long) a.samples() * a.segments();
            segments += a.segments();
            fullSignals[i] = fullK.get(i).uncertainty(sampling.signal());
            boolean full = sampling.relabels(fullK.get(i));
            relabel += full ? 1 : 0;
            agree += sampling.relabels(a) == full ? 1 : 0;
            boolean sameFull = sampling.relabels(same.get(i).fullK());
            agreeSame += sampling.relabels(same.get(i).adaptive()) == sameFull ? 1 : 0;
            agreeSelf += sameFull == full ? 1 : 0;
            double d = same.get(i).adaptive().score() - same.get(i).fullK().score();
            double e = fullK.get(i).score() - same.get(i).fullK().score();
            shift += d * d;
            mcNoise += e * e;
            adaptiveStd += same.get(i).adaptive().epistemicStd();
            fullStd += same.get(i).fullK().epistemicStd();
        }
        return JSON.createObjectNode()
                .put("metric", "adaptive_mc")
                .put("model_version", model.version())
                .put("blended", model.blended())
                .put("reviews", n)
                .put("mean_segments", round((double) segments / n, 2))
                .put("k", k)
                .put("min_samples", sampling.minSamples())
                .put("error_rate", sampling.errorRate())
                .put("signal", sampling.signal().name().toLowerCase())
                .put("threshold", sampling.routingThreshold())
                .put("batch", batch)
                .put("workers", workers)
                .put("iterations", iterations)
                .put("effective_reviews_per_s", round(adaptiveRate, 2))
                .put("full_k_reviews_per_s", round(fullRate, 2))
                .put("speedup", round(adaptiveRate / fullRate, 2))
                .put("mean_samples", round(samples / n, 2))
                .put("sample_share", round((double) segmentSamples / (segments * (long) k), 2))
                .put("routing_agreement", round((double) agreeSame / n, 4))
                .put("routing_agreement_other_masks", round((double) agree / n, 4))
                .put("full_k_self_agreement", round((double) agreeSelf / n, 4))
                .put("full_k_relabel_share", round((double) relabel / n, 4))
                .put("full_k_p95", round(p95(fullSignals), 4))
                .put("score_shift_rms", round(Math.sqrt(shift / n), 4))
                .put("full_k_score_mc_rms", round(Math.sqrt(mcNoise / n), 4))
                .put("epistemic_std_ratio", round(adaptiveStd / fullStd, 4));
    }

    /**
     * The 0.95 quantile as {@code SlidingWindowQuantile} takes it: where a target rate of 5 % over
     * a window holding all these reviews would cut.
     */
    private static double p95(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(0.95 * finite.length) - 1;
        return finite[Math.max(0, Math.min(finite.length - 1, index))];
    }
}
