package dev.varsent.bench;

import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.routing.RouterCut;
import dev.varsent.scoring.PredictorFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reviews per second of the bare model, scored the way the job's subtasks score a full backlog:
 * {@code parallelism} threads, each with its own predictor from the job's factory, each calling
 * {@code predict(batch, K)} on consecutive batches of {@code batchSize} texts (cycling through the
 * texts, each thread from its own offset). Every thread warms up, then all measure over the same
 * span; the result is the sum of the threads' rates. With adaptive MC sampling each thread keeps
 * the router's cut as a scoring subtask does ({@link PredictorFactory#routerCut}), so the model
 * alone does the work it does in the job.
 */
final class ModelOnlyThroughput {

    private final PredictorFactory predictorFactory;
    private final List<String> texts;
    private final int batchSize;
    private final int k;
    private final int parallelism;

    ModelOnlyThroughput(
            PredictorFactory predictorFactory,
            List<String> texts,
            int batchSize,
            int k,
            int parallelism) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to score");
        }
        this.predictorFactory = predictorFactory;
        this.texts = List.copyOf(texts);
        this.batchSize = batchSize;
        this.k = k;
        this.parallelism = parallelism;
    }

    /** The summed rate of the threads, and the version of the model they scored with. */
    record Result(double reviewsPerSecond, String modelVersion) {}

    Result measure(Duration warmup, Duration measure) throws Exception {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        parallelism,
                        r -> {
                            Thread t =
                                    new Thread(
                                            r,
                                            "varsent-model-only-" + threadNumber.getAndIncrement());
                            t.setDaemon(true);
                            return t;
                        });
        try {
            CyclicBarrier ready = new CyclicBarrier(parallelism);
            List<Future<Result>> rates = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                int offset = i * texts.size() / parallelism;
                rates.add(pool.submit(() -> score(offset, ready, warmup, measure)));
            }
            double sum = 0;
            String modelVersion = null;
            for (Future<Result> rate : rates) {
                sum += rate.get().reviewsPerSecond();
                modelVersion = rate.get().modelVersion();
            }
            return new Result(sum, modelVersion);
        } finally {
            pool.shutdownNow();
        }
    }

    private Result score(int offset, CyclicBarrier ready, Duration warmup, Duration measure)
            throws Exception {
        Predictor predictor = predictorFactory.create();
        RouterCut cut = predictorFactory.routerCut(false);
        try {
            ready.await();
            int next = offset;
            long measureFrom = System.nanoTime() + warmup.toNanos();
            while (System.nanoTime() < measureFrom) {
                score(predictor, cut, next);
                next += batchSize;
            }
            long start = System.nanoTime();
            long end = start + measure.toNanos();
            long scored = 0;
            long now = start;
            while (now < end) {
                score(predictor, cut, next);
                next += batchSize;
                scored += batchSize;
                now = System.nanoTime();
            }
            return new Result(scored / ((now - start) / 1e9), predictor.modelVersion());
        } finally {
            if (predictor instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private void score(Predictor predictor, RouterCut cut, int from) {
        for (Prediction prediction :
                RouterCut.predict(predictor, batch(from), k, cut.next(batchSize))) {
            cut.emitted(prediction);
        }
    }

    private List<String> batch(int from) {
        List<String> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            batch.add(texts.get(Math.floorMod(from + i, texts.size())));
        }
        return batch;
    }
}
