package dev.varsent.nn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What the dense layer reads from the recurrent layer in one pass ({@link Readout}), and the
 * gradient it sends back into dL/dh_t. The pooled readouts are accumulated step by step as the
 * recurrence produces h_t (a running sum and max), so inference never keeps more than one step of
 * hidden states. Row n is live from step {@code start[n]} to the last step; padded steps hold h = 0
 * ({@link GateMath}), which adds nothing to the sum, and the max skips them.
 */
final class ReadoutLayer {
    private final Readout kind;
    private final int rows;
    private final int hidden;
    private final int[] start;
    private final INDArray sum;
    private final INDArray max;
    private final INDArray scratch;
    private final INDArray invLength;

    /**
     * MEAN_MAX in training: the step at which each (row, unit) had its max so far (the first one on
     * a tie).
     */
    private final INDArray argMax;

    /**
     * Built from argMax for backward: per step, the flat (row * hidden + unit) positions whose max
     * is there.
     */
    private int[][] maxAt;

    private INDArray dMean;
    private double[] dMax;

    ReadoutLayer(Readout kind, Batch b, int hidden, DataType dt, boolean training) {
        this.kind = kind;
        this.rows = b.rows;
        this.hidden = hidden;
        this.start = b.startOrNull();
        boolean pooled = kind != Readout.LAST;
        this.sum = pooled ? Nd4j.zeros(dt, rows, hidden) : null;
        this.invLength = pooled ? inverseLengths(b, dt) : null;
        boolean withMax = kind == Readout.MEAN_MAX;
        this.max =
                withMax
                        ? Nd4j.valueArrayOf(new long[] {rows, hidden}, Double.NEGATIVE_INFINITY, dt)
                        : null;
        this.scratch = withMax && start != null ? Nd4j.create(dt, rows, hidden) : null;
        this.argMax = withMax && training ? Nd4j.zeros(dt, rows, hidden) : null;
    }

    private static INDArray inverseLengths(Batch b, DataType dt) {
        double[] inv = new double[b.rows];
        for (int n = 0; n < b.rows; n++) {
            inv[n] = 1.0 / (b.steps - b.start[n]);
        }
        return Nd4j.createFromArray(inv).reshape(b.rows, 1).castTo(dt);
    }

    /** Takes in h_t, the hidden state after step t (rows x hidden). */
    void step(INDArray h, int t) {
        if (kind == Readout.LAST) {
            return;
        }
        sum.addi(h);
        if (max != null) {
            INDArray live = livePart(h, t);
            if (argMax != null) {
                INDArray isNew = live.gt(max);
                INDArray now = isNew.castTo(argMax.dataType());
                INDArray before = now.rsub(1.0);
                argMax.muli(before).addi(now.muli(t));
                SentimentNetwork.free(isNew, now, before);
            }
            Transforms.max(max, live, false);
        }
    }

    /**
     * h itself when every row is live at t, else h with the padded rows at minus infinity (never
     * the max).
     */
    private INDArray livePart(INDArray h, int t) {
        if (start == null) {
            return h;
        }
        double[] penalty = new double[rows];
        boolean any = false;
        for (int n = 0; n < rows; n++) {
            if (t < start[n]) {
                penalty[n] = Double.NEGATIVE_INFINITY;
                any = true;
            }
        }
        if (!any) {
            return h;
        }
        INDArray col = Nd4j.createFromArray(penalty).reshape(rows, 1).castTo(h.dataType());
        scratch.assign(h).addiColumnVector(col);
        col.close();
        return scratch;
    }

    /** The dense layer's input (rows x width, a new array) with the output dropout mask applied. */
    INDArray features(INDArray hLast, INDArray outputMask) {
        INDArray f =
                switch (kind) {
                    case LAST -> hLast.dup();
                    case MEAN -> sum.mulColumnVector(invLength);
                    case MEAN_MAX -> {
                        INDArray mean = sum.mulColumnVector(invLength);
                        INDArray both = Nd4j.hstack(mean, max);
                        mean.close();
                        yield both;
                    }
                };
        return outputMask == null ? f : f.muli(outputMask);
    }

    /** Groups the (row, unit) positions by the step of their max, for {@link #addGradient}. */
    private void groupArgMaxByStep(int steps) {
        double[] at = argMax.data().asDouble();
        int[] count = new int[steps];
        for (double t : at) {
            count[(int) t]++;
        }
        maxAt = new int[steps][];
        for (int t = 0; t < steps; t++) {
            maxAt[t] = new int[count[t]];
        }
        Arrays.fill(count, 0);
        for (int pos = 0; pos < at.length; pos++) {
            int t = (int) at[pos];
            maxAt[t][count[t]++] = pos;
        }
    }

    /**
     * Starts the backward pass from dL/d(features) (masked already): returns dL/dh at the last step
     * before the pooled gradient of that step is added ({@link #addGradient}). For LAST that is the
     * feature gradient itself.
     */
    INDArray startBackward(INDArray dFeatures, int steps) {
        if (kind == Readout.LAST) {
            return dFeatures;
        }
        dMean = dFeatures.get(all(), interval(0, hidden)).mulColumnVector(invLength);
        if (kind == Readout.MEAN_MAX) {
            dMax = dFeatures.get(all(), interval(hidden, 2L * hidden)).dup('c').data().asDouble();
            groupArgMaxByStep(steps);
        }
        SentimentNetwork.free(dFeatures);
        return Nd4j.zeros(dMean.dataType(), rows, hidden);
    }

    /**
     * Adds the readout's gradient at step t to {@code dh} (dL/dh_t): 1/length of the mean's
     * gradient to every row (padded rows ignore it, {@link GateMath}), and the max's gradient at
     * the units whose max is at t.
     */
    void addGradient(INDArray dh, int t) {
        if (kind == Readout.LAST) {
            return;
        }
        dh.addi(dMean);
        if (dMax != null) {
            for (int pos : maxAt[t]) {
                dh.putScalar(pos, dh.getDouble(pos) + dMax[pos]);
            }
        }
    }

    void release() {
        SentimentNetwork.free(sum, max, scratch, invLength, argMax, dMean);
    }
}
