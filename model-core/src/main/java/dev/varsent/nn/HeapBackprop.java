package dev.varsent.nn;

/**
 * Backpropagation through time of one {@link HeapTrace}, on the Java heap. Per step t, from the
 * last: per block of rows, the readout's gradient joins dL/dh_t, the LSTM row backward gives dZ,
 * and per mask group one product dZ_g [W_g; U_g]^T gives the gradient of the group's [x_t |
 * h_{t-1}] rows, which goes back through the group's masks into dL/dh_{t-1} and into the embedding
 * rows; then the weight gradient of the step, [x_t | h_{t-1}]_g^T dZ_g over the live rows,
 * accumulates while dZ is in cache. Same maths as {@link SentimentNetwork#backward} (summation
 * order aside).
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

    /** The gradients' stride: E + hp rounded up to the column tile. */
    private final int depth;

    /** gc x depth: row g * hp + j is gate g's unit j's column of [W_g; U_g]. */
    private final float[] wt;

    /** depth x gc: the gradient of the stacked [W; U], gate blocks side by side. */
    private final float[] dw;

    private final float[] db;
    private final float[] dTable;

    private BackpropScratch s;

    HeapBackprop(HeapTrace tr) {
        this.tr = tr;
        w = tr.w;
        masks = tr.masks;
        b = tr.b;
        e = tr.e;
        hp = tr.hp;
        gc = tr.gc;
        groups = masks.recurrent.length;
        depth = (e + hp + TILE - 1) / TILE * TILE;
        wt = new float[gc * depth];
        for (int g = 0; g < w.gates; g++) {
            float[] m = w.gate[g];
            for (int k = 0; k < w.depth; k++) {
                for (int j = 0; j < hp; j++) {
                    wt[(g * hp + j) * depth + k] = m[k * hp + j];
                }
            }
        }
        dw = new float[depth * gc];
        db = new float[gc];
        dTable = new float[tr.config.vocabSize() * e];
    }

    /** The buffers of one backward pass, reused from step to step. */
    private static final class BackpropScratch {
        float[] dh;
        float[] dhPrev;
        float[] dc;

        /** rows x gc: dZ of the current step. */
        float[] dz;

        /** rows x depth: the current group's [x_t | h_{t-1}] rows. */
        float[] a;

        /** ROWS x depth: a block's gradient of one group's [x_t | h_{t-1}]. */
        float[] da;

        /** ROWS x e: a block's gradient of x_t. */
        float[] dx;

        float[] x;
        float[] zero;
        int[] live;
    }

    void run(float[] dY, Params grads) {
        float[] dDenseW = new float[w.denseW.length], dDenseB = new float[w.denseB.length];
        tr.readout.backward(dY, masks.output, w.denseW, dDenseW, dDenseB);
        int rows = tr.rows;
        s = new BackpropScratch();
        s.dh = new float[rows * hp];
        s.dhPrev = new float[rows * hp];
        s.dc = new float[rows * hp];
        s.dz = new float[rows * gc];
        s.a = new float[rows * depth];
        s.da = new float[ROWS * depth];
        s.dx = new float[ROWS * e];
        s.x = new float[e];
        s.zero = new float[depth];
        s.live = new int[rows];
        for (int t = b.steps - 1; t >= 0; t--) {
            masks.loadStep(t);
            int count = 0;
            for (int r0 = 0; r0 < b.rows; r0 += ROWS) {
                count = block(t, r0, count);
            }
            if (count > 0) {
                weightGradient(t, count);
            }
            float[] swap = s.dh;
            s.dh = s.dhPrev;
            s.dhPrev = swap;
        }
        HeapGradients.write(tr.config, w, dw, depth, db, dTable, dDenseW, dDenseB, grads);
    }

    /**
     * The block of rows from r0 at step t: gate backward, dL/dh_{t-1} and the embedding rows'
     * gradient. Appends its live rows to {@code s.live} from {@code count}; returns the new count.
     */
    private int block(int t, int r0, int count) {
        int liveBits = 0;
        for (int i = 0; i < ROWS; i++) {
            int r = r0 + i;
            if (!tr.live(r, t)) {
                continue;
            }
            liveBits |= 1 << i;
            s.live[count++] = r;
            int dhOff = r * hp, prev = (t * tr.rows + r) * hp;
            tr.readout.addGradient(r, t, s.dh, dhOff);
            VectorBackprop.lstmBackward(
                    tr.acts,
                    (t * tr.rows + r) * gc,
                    tr.c,
                    prev,
                    tr.tanhC,
                    prev,
                    masks.cell,
                    r * hp,
                    s.dh,
                    dhOff,
                    s.dc,
                    dhOff,
                    s.dz,
                    r * gc,
                    hp);
        }
        if (liveBits == 0) {
            return count;
        }
        for (int i = 0; i < ROWS; i++) {
            if ((liveBits & 1 << i) == 0 && r0 + i < tr.rows) {
                java.util.Arrays.fill(s.dz, (r0 + i) * gc, (r0 + i + 1) * gc, 0f);
            }
        }
        int kPerGroup = groups == 1 ? gc : hp;
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < depth; j += TILE) {
                VectorRecurrence.tile(
                        s.dz,
                        r0 * gc,
                        gc,
                        wt,
                        j,
                        depth,
                        g * kPerGroup,
                        (g + 1) * kPerGroup,
                        s.zero,
                        0,
                        s.da,
                        j,
                        depth);
            }
            for (int i = 0; i < ROWS; i++) {
                if ((liveBits & 1 << i) == 0) {
                    continue;
                }
                int r = r0 + i;
                float[] rm = masks.recurrent[g], im = masks.input(g);
                if (g == 0) {
                    VectorRecurrence.scaled(
                            s.da, i * depth + e, 1f, rm, r * hp, s.dhPrev, r * hp, hp);
                    VectorRecurrence.scaled(s.da, i * depth, 1f, im, r * e, s.dx, i * e, e);
                } else {
                    VectorBackprop.addScaled(
                            s.da, i * depth + e, 1f, rm, r * hp, s.dhPrev, r * hp, hp);
                    VectorBackprop.addScaled(s.da, i * depth, 1f, im, r * e, s.dx, i * e, e);
                }
            }
        }
        for (int i = 0; i < ROWS; i++) {
            if ((liveBits & 1 << i) != 0) {
                int pos = t * b.rows + r0 + i;
                float f = masks.embeddingFactors == null ? 1f : masks.embeddingFactors[pos];
                if (f != 0f) {
                    VectorBackprop.addScaled(s.dx, i * e, f, null, 0, dTable, b.ids[pos] * e, e);
                }
            }
        }
        return count;
    }

    /**
     * dW += A_g^T dZ_g over the step's live rows for each mask group g (A_g: the group's [x_t |
     * h_{t-1}] rows), and db += the column sums of dZ.
     */
    private void weightGradient(int t, int count) {
        int cols = groups == 1 ? gc : hp;
        int k1 = (e + hp + 3) / 4 * 4;
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < count; k++) {
                int r = s.live[k];
                tr.gather(t, r, g, s.x, s.a, r * depth);
            }
            for (int i0 = 0; i0 < k1; i0 += 4) {
                for (int j = 0; j < cols; j += TILE) {
                    int col = g * cols + j;
                    VectorBackprop.tileAtB(
                            s.a, depth, i0, s.live, count, s.dz, gc, col, dw, i0 * gc + col, gc);
                }
            }
        }
        for (int k = 0; k < count; k++) {
            VectorBackprop.addScaled(s.dz, s.live[k] * gc, 1f, null, 0, db, 0, gc);
        }
    }
}
