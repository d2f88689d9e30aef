package dev.varsent.nn;

import java.util.Arrays;

/**
 * The readout ({@link Readout}) and the dense layer of the heap training path, forward and
 * backward, on rows of {@code hp} (padded hidden) columns: the running sum, max and step of the max
 * (the first one on a tie) as {@link HeapTrace} produces h_t, then the features times the output
 * mask through the dense layer; backward the dense layer's gradients and dL/dh_t of each step. Same
 * maths as {@link ReadoutLayer}.
 */
final class HeapReadout {
    private final Readout kind;
    private final Batch b;
    private final int hidden;
    private final int hp;
    private final int width;
    private final int outputs;
    private final float[] sum;
    private final float[] max;
    private final int[] argMax;

    /** rows x width: the dense layer's input, output mask applied. */
    private float[] features;

    /** rows x width: dL/d(features) before the output mask, then per row the pooled gradients. */
    private float[] dFeatures;

    HeapReadout(Readout kind, Batch b, int hidden, int hp, int outputs) {
        this.kind = kind;
        this.b = b;
        this.hidden = hidden;
        this.hp = hp;
        this.width = kind.width(hidden);
        this.outputs = outputs;
        boolean pooled = kind != Readout.LAST;
        sum = pooled ? new float[b.rows * hp] : null;
        max = kind == Readout.MEAN_MAX ? new float[b.rows * hp] : null;
        argMax = max == null ? null : new int[b.rows * hp];
        if (max != null) {
            Arrays.fill(max, Float.NEGATIVE_INFINITY);
        }
    }

    /** Takes in h_t of live row r (at {@code h[hOff..]}). */
    void step(int r, int t, float[] h, int hOff) {
        if (sum == null) {
            return;
        }
        VectorGradientProducts.addScaled(h, hOff, 1f, null, 0, sum, r * hp, hp);
        if (max != null) {
            int s = r * hp;
            for (int j = 0; j < hidden; j++) {
                float v = h[hOff + j];
                if (v > max[s + j]) {
                    max[s + j] = v;
                    argMax[s + j] = t;
                }
            }
        }
    }

    /**
     * The outputs, rows x outputs, from the last hidden states ({@code hLast}, row r at r * hp).
     */
    float[] output(float[] hLast, float[] outputMask, float[] denseW, float[] denseB) {
        features = new float[b.rows * width];
        float[] y = new float[b.rows * outputs];
        for (int r = 0; r < b.rows; r++) {
            int s = r * hp, f = r * width;
            if (sum == null) {
                System.arraycopy(hLast, s, features, f, hidden);
            } else {
                float inv = inverseLength(r);
                for (int j = 0; j < hidden; j++) {
                    features[f + j] = sum[s + j] * inv;
                }
                if (max != null) {
                    System.arraycopy(max, s, features, f + hidden, hidden);
                }
            }
            if (outputMask != null) {
                for (int j = 0; j < width; j++) {
                    features[f + j] *= outputMask[f + j];
                }
            }
            for (int o = 0; o < outputs; o++) {
                float acc = 0;
                for (int j = 0; j < width; j++) {
                    acc += features[f + j] * denseW[j * outputs + o];
                }
                y[r * outputs + o] = acc + denseB[o];
            }
        }
        return y;
    }

    private float inverseLength(int r) {
        return (float) (1.0 / (b.steps - b.start[r]));
    }

    /**
     * From dL/dy (rows x outputs) writes the dense layer's gradients and keeps dL/d(features) for
     * {@link #addGradient}.
     */
    void backward(
            float[] dY, float[] outputMask, float[] denseW, float[] dDenseW, float[] dDenseB) {
        Arrays.fill(dDenseW, 0f);
        Arrays.fill(dDenseB, 0f);
        dFeatures = new float[b.rows * width];
        for (int r = 0; r < b.rows; r++) {
            int f = r * width;
            for (int o = 0; o < outputs; o++) {
                float g = dY[r * outputs + o];
                dDenseB[o] += g;
                for (int j = 0; j < width; j++) {
                    dDenseW[j * outputs + o] += features[f + j] * g;
                    dFeatures[f + j] += g * denseW[j * outputs + o];
                }
            }
            if (outputMask != null) {
                for (int j = 0; j < width; j++) {
                    dFeatures[f + j] *= outputMask[f + j];
                }
            }
            if (sum != null) {
                float inv = inverseLength(r);
                for (int j = 0; j < hidden; j++) {
                    dFeatures[f + j] *= inv;
                }
            }
        }
    }

    /** Adds the readout's part of dL/dh_t to live row r's {@code dh[dhOff..]}. */
    void addGradient(int r, int t, float[] dh, int dhOff) {
        int f = r * width;
        if (sum == null) {
            if (t == b.steps - 1) {
                VectorGradientProducts.addScaled(dFeatures, f, 1f, null, 0, dh, dhOff, hidden);
            }
            return;
        }
        VectorGradientProducts.addScaled(dFeatures, f, 1f, null, 0, dh, dhOff, hidden);
        if (max != null) {
            int s = r * hp;
            for (int j = 0; j < hidden; j++) {
                if (argMax[s + j] == t) {
                    dh[dhOff + j] += dFeatures[f + hidden + j];
                }
            }
        }
    }
}
