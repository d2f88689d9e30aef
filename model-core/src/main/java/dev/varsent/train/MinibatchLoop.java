package dev.varsent.train;

import dev.varsent.nn.Adam;
import dev.varsent.nn.Batch;
import dev.varsent.nn.Losses;
import dev.varsent.nn.Masks;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Params;
import dev.varsent.nn.SentimentNetwork;
import dev.varsent.report.ProgressBar;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatch epochs of the regression network: shuffled batches, fresh dropout masks per batch, the
 * head's loss on the standardised rating ({@link Losses#regression}), backward, L2 weight decay and
 * an Adam step, updating {@code params} in place.
 */
final class MinibatchLoop {
    private final NetConfig net;
    private final SentimentNetwork network;
    private final Params params;
    private final Adam adam;
    private final int batchSize;
    private final SplittableRandom maskRng;

    MinibatchLoop(
            NetConfig net, Params params, Adam adam, int batchSize, SplittableRandom maskRng) {
        this(
                SentimentNetwork.withBestKernels(net, DataType.FLOAT),
                params,
                adam,
                batchSize,
                maskRng);
    }

    /** With the given network's passes (the default's are the fastest for float32). */
    MinibatchLoop(
            SentimentNetwork network,
            Params params,
            Adam adam,
            int batchSize,
            SplittableRandom maskRng) {
        this.net = network.config();
        this.network = network;
        this.params = params;
        this.adam = adam;
        this.batchSize = batchSize;
        this.maskRng = maskRng;
    }

    static int batches(int examples, int batchSize) {
        return (examples + batchSize - 1) / batchSize;
    }

    /**
     * One pass over {@code seqs} in the order {@link Indices#shuffled}{@code (size, orderSeed)};
     * {@code bar} (may be null) advances once per batch. Returns the mean training loss over the
     * batches.
     */
    double epoch(List<int[]> seqs, double[] standardisedTargets, long orderSeed, ProgressBar bar) {
        List<Integer> order = Indices.shuffled(seqs.size(), orderSeed);
        int batches = batches(seqs.size(), batchSize);
        Params grads = params.zerosLike();
        double lossSum = 0;
        for (int bi = 0; bi < batches; bi++) {
            // A cancelled Flink task (a retrain job) interrupts its thread: stop at the next batch.
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException(
                        "training interrupted after " + bi + " of " + batches + " batches");
            }
            List<Integer> idx =
                    order.subList(bi * batchSize, Math.min(order.size(), (bi + 1) * batchSize));
            List<int[]> batchSeqs = new ArrayList<>(idx.size());
            double[] y = new double[idx.size()];
            for (int i = 0; i < idx.size(); i++) {
                batchSeqs.add(seqs.get(idx.get(i)));
                y[i] = standardisedTargets[idx.get(i)];
            }
            Batch batch = Batch.of(batchSeqs, 1);
            Masks masks = Masks.sample(net, batch, maskRng, DataType.FLOAT);
            SentimentNetwork.Trace trace = network.forward(params, batch, masks);
            INDArray dY = Nd4j.create(DataType.FLOAT, batchSeqs.size(), net.outputs());
            double loss = Losses.regression(net.head(), trace.output(), y, dY);
            network.backward(params, trace, dY, grads);
            adam.update(params, grads, net.weightDecay());
            trace.release();
            masks.release();
            dY.close();
            lossSum += loss;
            if (bar != null) {
                bar.update(bi + 1, String.format("loss %.4f", lossSum / (bi + 1)));
            }
        }
        for (INDArray g : grads.asMap().values()) {
            g.close();
        }
        return lossSum / batches;
    }
}
