package dev.varsent.nn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Embedding -> one variational LSTM or GRU layer -> readout ({@link Readout}) -> dense, forward and
 * backpropagation through time by hand.
 *
 * <p>Because each sequence's input masks are fixed across time, the input projection of all steps
 * is one large matrix product per mask group before the recurrence; only the h_{t-1} product is
 * sequential. The element-wise gate math of a step runs in one fused pass ({@link GateMath}).
 * Inference processes time in chunks with reused buffers so that B x K rows x 200 steps fit in
 * little memory.
 *
 * <p>These ND4J passes are the reference. {@link #withBestKernels} serves float32 on the CPU from
 * heap Vector API paths instead ({@link InferencePath} for {@link #output}, {@link TrainingPath}
 * for {@link #forward} and {@link #backward}), which are tested against them.
 */
public final class SentimentNetwork {
    private static final int INFERENCE_CHUNK_STEPS = 25;

    private final NetConfig config;
    private final GateMath math;

    /**
     * Serves {@link #output} when not null; the ND4J forward pass is the reference it is tested
     * against.
     */
    private final InferencePath inference;

    /**
     * Serves {@link #forward} and {@link #backward} for float32 parameters when not null; the ND4J
     * passes are the reference it is tested against.
     */
    private final TrainingPath training;

    /**
     * The ND4J forward pass and backpropagation with the given gate math, for training and
     * inference.
     */
    public SentimentNetwork(NetConfig config, GateMath math) {
        this(config, math, null, null);
    }

    SentimentNetwork(
            NetConfig config, GateMath math, InferencePath inference, TrainingPath training) {
        this.config = config;
        this.math = math;
        this.inference = inference;
        this.training = training;
    }

    /**
     * The fastest kernels for the data type: for float32 on the CPU the heap Vector API paths for
     * inference and training.
     */
    public static SentimentNetwork withBestKernels(NetConfig config, DataType dt) {
        return new SentimentNetwork(
                config, GateMath.best(dt), InferencePath.best(dt), TrainingPath.best(dt));
    }

    /**
     * The ND4J forward pass and backpropagation with the fastest gate kernels for the data type:
     * the reference the heap paths are tested and measured against.
     */
    public static SentimentNetwork withNd4jPasses(NetConfig config, DataType dt) {
        return new SentimentNetwork(config, GateMath.best(dt));
    }

    /**
     * Plain ND4J operations for the gate math: any data type, any backend (the CUDA build uses it).
     */
    public static SentimentNetwork withNd4jKernels(NetConfig config) {
        return new SentimentNetwork(config, new Nd4jGateMath());
    }

    public NetConfig config() {
        return config;
    }

    String kernelName() {
        return math.getClass().getSimpleName();
    }

    /** Whether float32 training passes run on the heap training path. */
    boolean trainsOnHeap() {
        return training != null;
    }

    /** Activations of a training forward pass, kept for {@link #backward}. */
    public static final class Trace {
        final Batch batch;
        final Masks masks;
        INDArray x;
        INDArray acts;
        INDArray h;
        INDArray c;
        INDArray tanhC;
        INDArray zh;
        INDArray hOut;
        INDArray y;
        ReadoutLayer readout;

        /** The heap training path's pass, when it ran the forward pass; else null. */
        TrainingPath.Pass heap;

        Trace(Batch batch, Masks masks) {
            this.batch = batch;
            this.masks = masks;
        }

        /** Network outputs, rows x outputs. */
        public INDArray output() {
            return y;
        }

        /**
         * Frees the activations now instead of when the garbage collector finds them (they are
         * large).
         */
        public void release() {
            free(x, acts, h, c, tanhC, zh, hOut, y);
            if (readout != null) {
                readout.release();
            }
        }
    }

    /**
     * Frees off-heap arrays at once; ND4J otherwise frees them only when their Java objects are
     * collected.
     */
    static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }

    /** Outputs (rows x outputs) without keeping activations. */
    public INDArray output(Params p, Batch b, Masks m) {
        if (inference != null && p.dataType() == DataType.FLOAT) {
            return inference.output(config, p, b, m);
        }
        return run(p, b, m, null);
    }

    public Trace forward(Params p, Batch b, Masks m) {
        Trace tr = new Trace(b, m);
        if (training != null && p.dataType() == DataType.FLOAT) {
            tr.heap = training.forward(config, p, b, m);
            tr.y = tr.heap.output();
        } else {
            run(p, b, m, tr);
        }
        return tr;
    }

    private boolean lstm() {
        return config.cell() == CellType.LSTM;
    }

    private INDArray run(Params p, Batch b, Masks m, Trace tr) {
        DataType dt = p.dataType();
        int n = b.rows, steps = b.steps, e = config.embeddingSize(), hs = config.hiddenSize();
        int gc = config.gateColumns();
        int[] start = b.startOrNull();
        boolean train = tr != null;
        int chunk = train ? steps : Math.min(steps, INFERENCE_CHUNK_STEPS);

        INDArray[] hBuf = new INDArray[2];
        INDArray[] cBuf = new INDArray[2];
        INDArray tcBuf = null;
        if (train) {
            tr.h = Nd4j.zeros(dt, (long) (steps + 1) * n, hs);
            if (lstm()) {
                tr.c = Nd4j.zeros(dt, (long) (steps + 1) * n, hs);
                tr.tanhC = Nd4j.create(dt, (long) steps * n, hs);
            } else {
                tr.zh = Nd4j.create(dt, (long) steps * n, gc);
            }
        } else {
            hBuf[0] = Nd4j.zeros(dt, n, hs);
            hBuf[1] = Nd4j.create(dt, n, hs);
            if (lstm()) {
                cBuf[0] = Nd4j.zeros(dt, n, hs);
                cBuf[1] = Nd4j.create(dt, n, hs);
                tcBuf = Nd4j.create(dt, n, hs);
            }
        }
        INDArray zhScratch = Nd4j.create(dt, n, gc);
        INDArray hmScratch = Nd4j.create(dt, n, hs);
        INDArray xmScratch = Nd4j.create(dt, (long) chunk * n, e);
        INDArray zxScratch = train ? null : Nd4j.create(dt, (long) chunk * n, gc);
        INDArray hLast = null;
        ReadoutLayer readout = new ReadoutLayer(config.readout(), b, hs, dt, train);

        for (int t0 = 0; t0 < steps; t0 += chunk) {
            int t1 = Math.min(steps, t0 + chunk);
            long rows = (long) (t1 - t0) * n;
            INDArray x = embed(p.get(Params.EMBEDDING), b, m.embedding(), t0 * n, t1 * n);
            INDArray zx = train ? Nd4j.create(dt, rows, gc) : rowsOf(zxScratch, 0, rows);
            INDArray xm = rowsOf(xmScratch, 0, rows);
            for (int g = 0; g < m.input().length; g++) {
                INDArray in = applyInputMask(x, m.input()[g], t0, t1, n, xm);
                Gemm.ab(in, cols(p.get(Params.W), g), cols(zx, g), 0);
            }
            zx.addiRowVector(p.get(Params.B));
            if (train) {
                tr.x = x;
                tr.acts = zx;
            } else {
                free(x);
            }
            for (int t = t0; t < t1; t++) {
                INDArray zxT = rowsOf(zx, (long) (t - t0) * n, (long) (t - t0 + 1) * n);
                INDArray hPrev = train ? block(tr.h, t, n) : hBuf[t & 1];
                INDArray hNew = train ? block(tr.h, t + 1, n) : hBuf[(t + 1) & 1];
                INDArray zh = train && !lstm() ? block(tr.zh, t, n) : zhScratch;
                recurrentProjection(hPrev, m.recurrent(), p.get(Params.U), zh, hmScratch);
                if (lstm()) {
                    INDArray cPrev = train ? block(tr.c, t, n) : cBuf[t & 1];
                    INDArray cNew = train ? block(tr.c, t + 1, n) : cBuf[(t + 1) & 1];
                    INDArray tc = train ? block(tr.tanhC, t, n) : tcBuf;
                    math.lstmForward(zxT, zh, cPrev, m.cell(), cNew, tc, hNew, start, t);
                } else {
                    zh.addiRowVector(p.get(Params.BH));
                    math.gruForward(zxT, zh, hPrev, hNew, start, t);
                }
                readout.step(hNew, t);
                hLast = hNew;
            }
        }
        INDArray hOut = readout.features(hLast, m.output());
        INDArray y = Nd4j.create(dt, n, config.outputs());
        Gemm.ab(hOut, p.get(Params.DENSE_W), y, 0);
        y.addiRowVector(p.get(Params.DENSE_B));
        free(zhScratch, hmScratch, xmScratch, zxScratch, tcBuf, hBuf[0], hBuf[1], cBuf[0], cBuf[1]);
        if (train) {
            tr.readout = readout;
            tr.hOut = hOut;
            tr.y = y;
        } else {
            readout.release();
            free(hOut);
        }
        return y;
    }

    /**
     * Backpropagation through time from dL/dy ({@code dY}, rows x outputs). Writes every gradient
     * into {@code grads} (overwriting it); the loss and the weight decay are the caller's.
     */
    public void backward(Params p, Trace tr, INDArray dY, Params grads) {
        if (tr.heap != null) {
            tr.heap.backward(dY, grads);
            return;
        }
        Batch b = tr.batch;
        Masks m = tr.masks;
        DataType dt = p.dataType();
        int n = b.rows, steps = b.steps, hs = config.hiddenSize(), gc = config.gateColumns();
        int[] start = b.startOrNull();

        Gemm.aTb(tr.hOut, dY, grads.get(Params.DENSE_W), 0);
        grads.get(Params.DENSE_B).assign(dY.sum(0).reshape(1, config.outputs()));
        INDArray dFeatures = Nd4j.create(dt, n, config.readoutWidth());
        Gemm.abT(dY, p.get(Params.DENSE_W), dFeatures, 0);
        if (m.output() != null) {
            dFeatures.muli(m.output());
        }
        INDArray dh = tr.readout.startBackward(dFeatures, steps);
        INDArray dhNext = Nd4j.create(dt, n, hs);
        INDArray tmp = Nd4j.create(dt, n, hs);
        INDArray dz = Nd4j.create(dt, (long) steps * n, gc);
        INDArray dzh = lstm() ? dz : Nd4j.create(dt, (long) steps * n, gc);
        INDArray dc = lstm() ? Nd4j.zeros(dt, n, hs) : null;
        INDArray u = p.get(Params.U);
        for (int t = steps - 1; t >= 0; t--) {
            INDArray dzT = block(dz, t, n);
            tr.readout.addGradient(dh, t);
            if (lstm()) {
                math.lstmBackward(
                        block(tr.acts, t, n),
                        block(tr.c, t, n),
                        block(tr.tanhC, t, n),
                        m.cell(),
                        dh,
                        dc,
                        dzT,
                        start,
                        t);
                recurrentBackward(dzT, u, m.recurrent(), dhNext, tmp, 0);
            } else {
                INDArray dzhT = block(dzh, t, n);
                math.gruBackward(
                        block(tr.acts, t, n),
                        block(tr.zh, t, n),
                        block(tr.h, t, n),
                        dh,
                        dzT,
                        dzhT,
                        dhNext,
                        start,
                        t);
                recurrentBackward(dzhT, u, m.recurrent(), dhNext, tmp, 1);
            }
            INDArray swap = dh;
            dh = dhNext;
            dhNext = swap;
        }

        grads.get(Params.B).assign(dz.sum(0).reshape(1, gc));
        if (!lstm()) {
            grads.get(Params.BH).assign(dzh.sum(0).reshape(1, gc));
        }
        INDArray hPrevAll = rowsOf(tr.h, 0, (long) steps * n);
        INDArray scratchH = m.recurrent()[0] == null ? null : Nd4j.create(dt, (long) steps * n, hs);
        for (int g = 0; g < m.recurrent().length; g++) {
            INDArray hm = applyStepMask(hPrevAll, m.recurrent()[g], steps, n, scratchH);
            Gemm.aTb(hm, cols(dzh, g), cols(grads.get(Params.U), g), 0);
        }
        INDArray scratchX =
                m.input()[0] == null ? null : Nd4j.create(dt, tr.x.rows(), tr.x.columns());
        INDArray dx = Nd4j.create(dt, tr.x.rows(), tr.x.columns());
        INDArray dxPart =
                m.input().length > 1 || m.input()[0] != null
                        ? Nd4j.create(dt, tr.x.rows(), tr.x.columns())
                        : dx;
        for (int g = 0; g < m.input().length; g++) {
            INDArray xm = applyInputMask(tr.x, m.input()[g], 0, steps, n, scratchX);
            Gemm.aTb(xm, cols(dz, g), cols(grads.get(Params.W), g), 0);
            Gemm.abT(cols(dz, g), cols(p.get(Params.W), g), dxPart, 0);
            if (dxPart != dx) {
                INDArray masked = applyInputMask(dxPart, m.input()[g], 0, steps, n, dxPart);
                if (g == 0) {
                    dx.assign(masked);
                } else {
                    dx.addi(masked);
                }
            }
        }
        scatterEmbeddingGradient(b, m.embedding(), dx, grads.get(Params.EMBEDDING));
        free(dh, dhNext, tmp, dz, dc, scratchH, scratchX, dx);
        if (dzh != dz) {
            free(dzh);
        }
        if (dxPart != dx) {
            free(dxPart);
        }
    }

    /** zh = sum over mask groups of (hPrev * mask_g) U[:, block g]. */
    private void recurrentProjection(
            INDArray hPrev, INDArray[] masks, INDArray u, INDArray zh, INDArray hm) {
        for (int g = 0; g < masks.length; g++) {
            INDArray in = masks[g] == null ? hPrev : hPrev.mul(masks[g], hm);
            Gemm.ab(in, cols(u, g), cols(zh, g), 0);
        }
    }

    /** out = beta * out + sum over groups of (dz[:, block g] U[:, block g]^T) * mask_g. */
    private void recurrentBackward(
            INDArray dz, INDArray u, INDArray[] masks, INDArray out, INDArray tmp, double beta) {
        for (int g = 0; g < masks.length; g++) {
            double b = g == 0 ? beta : 1.0;
            if (masks[g] == null) {
                Gemm.abT(cols(dz, g), cols(u, g), out, b);
            } else {
                Gemm.abT(cols(dz, g), cols(u, g), tmp, 0);
                tmp.muli(masks[g]);
                if (b == 0) {
                    out.assign(tmp);
                } else {
                    out.addi(tmp);
                }
            }
        }
    }

    /** The columns of mask group g: all gate columns when the masks are tied. */
    private INDArray cols(INDArray a, int g) {
        if (config.maskGroups() == 1) {
            return a;
        }
        long hs = config.hiddenSize();
        return a.get(all(), interval(g * hs, (g + 1) * hs));
    }

    private static INDArray block(INDArray a, int t, int n) {
        return rowsOf(a, (long) t * n, (long) (t + 1) * n);
    }

    private static INDArray rowsOf(INDArray a, long from, long to) {
        if (from == 0 && to == a.rows()) {
            return a;
        }
        return a.get(interval(from, to), all());
    }

    /**
     * x (steps t0..t1 of all rows, time-major) times the input mask: a per-sequence mask is
     * broadcast over the steps, a naive per-step mask is taken at those steps.
     */
    static INDArray applyInputMask(INDArray x, INDArray mask, int t0, int t1, int n, INDArray out) {
        if (mask == null) {
            return x;
        }
        if (mask.rows() == n) {
            return applyStepMask(x, mask, t1 - t0, n, out);
        }
        return x.mul(rowsOf(mask, (long) t0 * n, (long) t1 * n), out);
    }

    /** Multiplies each of the {@code steps} row blocks of x by the same rows x cols mask. */
    private static INDArray applyStepMask(
            INDArray x, INDArray mask, int steps, int n, INDArray out) {
        if (mask == null) {
            return x;
        }
        INDArray x3 = x.reshape('c', steps, n, x.columns());
        INDArray o3 = out.reshape('c', steps, n, x.columns());
        Broadcast.mul(x3, mask, o3, 1, 2);
        return o3.reshape('c', x.rows(), x.columns());
    }

    private static INDArray embed(INDArray table, Batch b, float[] factors, int from, int to) {
        INDArray x = Nd4j.pullRows(table, 1, Arrays.copyOfRange(b.ids, from, to));
        if (factors != null) {
            INDArray col =
                    Nd4j.createFromArray(Arrays.copyOfRange(factors, from, to))
                            .reshape(to - from, 1)
                            .castTo(table.dataType());
            x.muliColumnVector(col);
        }
        return x;
    }

    /** dE[id] += dx[pos] * factor[pos] over the active positions; the table gradient is dense. */
    private static void scatterEmbeddingGradient(
            Batch b, float[] factors, INDArray dx, INDArray gradTable) {
        gradTable.assign(0);
        int cols = (int) dx.columns();
        if (dx.dataType() == DataType.FLOAT) {
            ByteBuffer src = dx.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer dst = gradTable.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
            int srcBase = (int) dx.offset(), dstBase = (int) gradTable.offset();
            for (int n = 0; n < b.rows; n++) {
                for (int t = b.start[n]; t < b.steps; t++) {
                    int pos = t * b.rows + n;
                    float f = factors == null ? 1f : factors[pos];
                    if (f == 0f) {
                        continue;
                    }
                    int s = (srcBase + pos * cols) << 2, d = (dstBase + b.ids[pos] * cols) << 2;
                    for (int j = 0; j < cols; j++) {
                        dst.putFloat(
                                d + (j << 2),
                                dst.getFloat(d + (j << 2)) + f * src.getFloat(s + (j << 2)));
                    }
                }
            }
            return;
        }
        for (int n = 0; n < b.rows; n++) {
            for (int t = b.start[n]; t < b.steps; t++) {
                int pos = t * b.rows + n;
                double f = factors == null ? 1.0 : factors[pos];
                if (f == 0) {
                    continue;
                }
                gradTable.getRow(b.ids[pos]).addi(dx.getRow(pos).mul(f));
            }
        }
    }
}
