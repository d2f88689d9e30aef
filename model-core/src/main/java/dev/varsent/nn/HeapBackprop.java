package dev.varsent.nn;

import java.util.Arrays;

/**
 * Backpropagation through time of one {@link HeapTrace}, on the Java heap. Per step t, from the
 * last: per block of rows, the readout's gradient joins dL/dh_t and the row backward gives dZ (the
 * GRU also dZh, whose candidate block differs: the reset gate sits inside it); per mask group the
 * products dZ_g W_g^T and dZh_g U_g^T give the gradients of the group's x_t and h_{t-1}, which go
 * back through the group's masks into the embedding rows and dL/dh_{t-1}. Then the step's weight
 * gradient, [x_t | h_{t-1}]_g^T [dZ | dZh]_g over the live rows, accumulates while dZ is in cache.
 * Same maths as {@link SentimentNetwork#backward} (summation order aside).
 */
final class HeapBackprop {
    private static final int ROWS = HeapTrace.ROWS;
    private static final int TILE = VectorRecurrence.TILE;

    private final HeapTrace tr;
    private final HeapWeights w;
    private final HeapMasks masks;
    private final Batch b;
    private final int e;
    private final int hp;
    private final int gc;
    private final int groups;

    /** E rounded up to the column tile: the width of the x part of the products. */
    private final int ex;

    /**
     * Where h_{t-1} starts in a row of the weight gradient's inputs (E rounded up to a block of 4).
     */
    private final int hAt;

    /** gc x ex: row g * hp + j is gate g's unit j's column of W_g. */
    private final float[] wtx;

    /** gc x hp: row g * hp + j is gate g's unit j's column of U_g. */
    private final float[] wth;

    /** (hAt + hp) x gc: the gradient of the stacked [W; U], gate blocks side by side. */
    private final float[] dw;

    private final float[] db;
    private final float[] dbh;
    private final float[] dTable;

    private float[] dh;
    private float[] dhPrev;
    private final float[] dc;

    /** rows x gc: dZ of the current step; dZh is the same array for the LSTM. */
    private final float[] dz;

    private final float[] dzh;

    /** rows x (hAt + hp): the current group's [x_t | h_{t-1}] rows. */
    private final float[] a;

    /** ROWS x ex and ROWS x hp: a block's gradient of one group's x_t and h_{t-1}. */
    private final float[] dax;

    private final float[] dah;

    /** ROWS x e: a block's gradient of x_t over all groups. */
    private final float[] dx;

    private final float[] x;
    private final float[] zero;
    private final int[] live;

    HeapBackprop(HeapTrace tr) {
        this.tr = tr;
        w = tr.w;
        masks = tr.masks;
        b = tr.b;
        e = tr.e;
        hp = tr.hp;
        gc = tr.gc;
        groups = masks.recurrent.length;
        ex = (e + TILE - 1) / TILE * TILE;
        hAt = (e + 3) / 4 * 4;
        wtx = new float[gc * ex];
        wth = new float[gc * hp];
        for (int g = 0; g < w.gates; g++) {
            float[] m = w.gate[g];
            for (int j = 0; j < hp; j++) {
                int row = g * hp + j;
                for (int k = 0; k < e; k++) {
                    wtx[row * ex + k] = m[k * hp + j];
                }
                for (int k = 0; k < hp; k++) {
                    wth[row * hp + k] = m[(e + k) * hp + j];
                }
            }
        }
        int rows = tr.rows;
        dw = new float[(hAt + hp) * gc];
        db = new float[gc];
        dbh = tr.lstm ? null : new float[gc];
        dTable = new float[tr.config.vocabSize() * e];
        dh = new float[rows * hp];
        dhPrev = new float[rows * hp];
        dc = tr.lstm ? new float[rows * hp] : null;
        dz = new float[rows * gc];
        dzh = tr.lstm ? dz : new float[rows * gc];
        a = new float[rows * (hAt + hp)];
        dax = new float[ROWS * ex];
        dah = new float[ROWS * hp];
        dx = new float[ROWS * e];
        x = new float[e];
        zero = new float[Math.max(ex, hp)];
        live = new int[rows];
    }

    void run(float[] dY, Params grads) {
        float[] dDenseW = new float[w.denseW.length], dDenseB = new float[w.denseB.length];
        tr.readout.backward(dY, masks.output, w.denseW, dDenseW, dDenseB);
        for (int t = b.steps - 1; t >= 0; t--) {
            masks.loadStep(t);
            int count = 0;
            for (int r0 = 0; r0 < b.rows; r0 += ROWS) {
                count = block(t, r0, count);
            }
            if (count > 0) {
                weightGradient(t, count);
            }
            float[] swap = dh;
            dh = dhPrev;
            dhPrev = swap;
        }
        new HeapGradients(tr.config, w, hAt).write(dw, db, dbh, dTable, dDenseW, dDenseB, grads);
    }

    /**
     * The block of rows from r0 at step t: the row backward, dL/dh_{t-1} and the embedding rows'
     * gradient. Appends its live rows to {@code live} from {@code count}; returns the new count.
     */
    private int block(int t, int r0, int count) {
        int liveBits = 0;
        for (int i = 0; i < ROWS; i++) {
            int r = r0 + i;
            if (tr.live(r, t)) {
                liveBits |= 1 << i;
                live[count++] = r;
                rowBackward(t, r);
            } else {
                Arrays.fill(dz, r * gc, (r + 1) * gc, 0f);
                Arrays.fill(dzh, r * gc, (r + 1) * gc, 0f);
            }
        }
        if (liveBits == 0) {
            return count;
        }
        int k = groups == 1 ? gc : hp;
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < ex; j += TILE) {
                VectorRecurrence.tile(
                        dz, r0 * gc, gc, wtx, j, ex, g * k, (g + 1) * k, zero, 0, dax, j, ex);
            }
            for (int j = 0; j < hp; j += TILE) {
                VectorRecurrence.tile(
                        dzh, r0 * gc, gc, wth, j, hp, g * k, (g + 1) * k, zero, 0, dah, j, hp);
            }
            float[] rm = masks.recurrent[g], im = masks.input(g);
            for (int i = 0; i < ROWS; i++) {
                if ((liveBits & 1 << i) == 0) {
                    continue;
                }
                int r = r0 + i;
                if (g == 0 && tr.lstm) {
                    VectorRecurrence.scaled(dah, i * hp, 1f, rm, r * hp, dhPrev, r * hp, hp);
                } else {
                    VectorGradientProducts.addScaled(
                            dah, i * hp, 1f, rm, r * hp, dhPrev, r * hp, hp);
                }
                if (g == 0) {
                    VectorRecurrence.scaled(dax, i * ex, 1f, im, r * e, dx, i * e, e);
                } else {
                    VectorGradientProducts.addScaled(dax, i * ex, 1f, im, r * e, dx, i * e, e);
                }
            }
        }
        for (int i = 0; i < ROWS; i++) {
            if ((liveBits & 1 << i) != 0) {
                int pos = t * b.rows + r0 + i;
                float f = masks.embeddingFactors == null ? 1f : masks.embeddingFactors[pos];
                if (f != 0f) {
                    VectorGradientProducts.addScaled(
                            dx, i * e, f, null, 0, dTable, b.ids[pos] * e, e);
                }
            }
        }
        return count;
    }

    /**
     * Live row r at step t: the readout's gradient into dL/dh_t, then dZ (and dZh); the GRU also
     * writes the direct part of dL/dh_{t-1}.
     */
    private void rowBackward(int t, int r) {
        int dhOff = r * hp, prev = (t * tr.rows + r) * hp, at = (t * tr.rows + r) * gc;
        tr.readout.addGradient(r, t, dh, dhOff);
        if (tr.lstm) {
            VectorBackprop.lstmBackward(
                    tr.acts,
                    at,
                    tr.c,
                    prev,
                    tr.tanhC,
                    prev,
                    masks.cell,
                    r * hp,
                    dh,
                    dhOff,
                    dc,
                    dhOff,
                    dz,
                    r * gc,
                    hp);
        } else {
            VectorBackprop.gruBackward(
                    tr.acts, at, tr.zhn, prev, tr.h, prev, dh, dhOff, dz, dzh, r * gc, dhPrev,
                    dhOff, hp);
        }
    }

    /**
     * dW += A_g^T dZ_g and dU += ... dZh_g over the step's live rows for each mask group g (A_g:
     * the group's [x_t | h_{t-1}] rows), db += the column sums of dZ and dbh += those of dZh.
     */
    private void weightGradient(int t, int count) {
        int cols = groups == 1 ? gc : hp, stride = hAt + hp;
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < count; k++) {
                int r = live[k];
                tr.gather(t, r, g, x, a, r * stride, hAt);
            }
            for (int i0 = 0; i0 < stride; i0 += 4) {
                float[] d = i0 < hAt ? dz : dzh;
                for (int j = 0; j < cols; j += TILE) {
                    int col = g * cols + j;
                    VectorGradientProducts.tileAtB(
                            a, stride, i0, live, count, d, gc, col, dw, i0 * gc + col, gc);
                }
            }
        }
        for (int k = 0; k < count; k++) {
            VectorGradientProducts.addScaled(dz, live[k] * gc, 1f, null, 0, db, 0, gc);
            if (dbh != null) {
                VectorGradientProducts.addScaled(dzh, live[k] * gc, 1f, null, 0, dbh, 0, gc);
            }
        }
    }
}
