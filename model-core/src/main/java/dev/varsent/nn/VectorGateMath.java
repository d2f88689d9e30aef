package dev.varsent.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The step math fused into one pass per row with the Java Vector API, reading and writing ND4J's
 * off-heap float buffers in place. ND4J runs each element-wise op as its own pass over memory; here
 * the gates of one row are computed with all intermediates in registers. Float32 only; columns
 * beyond a whole number of vectors take the scalar path, which is the same math. The vector sigmoid
 * and tanh are written out at each use: as helper methods C2 declined to inline them ("callee uses
 * too much stack"), which boxed every vector passed in or out.
 */
final class VectorGateMath implements GateMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    /** An ND4J row block seen as a byte buffer: element (r, j) at byte {@code at(r, j)}. */
    private static final class Block {
        final ByteBuffer b;
        final int base;
        final int rowStride;

        Block(INDArray a) {
            if (a.dataType() != DataType.FLOAT
                    || a.ordering() != 'c'
                    || a.rank() != 2
                    || a.stride(1) != 1
                    || (a.rows() > 1 && a.stride(0) != a.columns())) {
                throw new IllegalArgumentException(
                        "fused kernels need contiguous float32 C-order rows, got "
                                + a.shapeInfoToString());
            }
            this.b = a.data().asNio().order(LE);
            this.base = (int) a.offset();
            this.rowStride = (int) a.columns();
        }

        int at(int r, int j) {
            return (base + r * rowStride + j) << 2;
        }

        FloatVector v(int r, int j) {
            return FloatVector.fromByteBuffer(S, b, at(r, j), LE);
        }

        void put(FloatVector v, int r, int j) {
            v.intoByteBuffer(b, at(r, j), LE);
        }

        float f(int r, int j) {
            return b.getFloat(at(r, j));
        }

        void put(float x, int r, int j) {
            b.putFloat(at(r, j), x);
        }

        void zeroRow(int r, int from, int to) {
            for (int j = from; j < to; j++) {
                put(0f, r, j);
            }
        }
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    private static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    private static boolean inactive(int[] start, int t, int r) {
        return start != null && t < start[r];
    }

    @Override
    public void lstmForward(
            INDArray zxA,
            INDArray zhA,
            INDArray cPrevA,
            INDArray cellMaskA,
            INDArray cA,
            INDArray tanhCA,
            INDArray hA,
            int[] start,
            int t) {
        Block zx = new Block(zxA),
                zh = new Block(zhA),
                cp = new Block(cPrevA),
                c = new Block(cA),
                tc = new Block(tanhCA),
                h = new Block(hA);
        Block m = cellMaskA == null ? null : new Block(cellMaskA);
        int rows = (int) hA.rows(), hs = (int) hA.columns(), bound = S.loopBound(hs);
        for (int r = 0; r < rows; r++) {
            if (inactive(start, t, r)) {
                c.zeroRow(r, 0, hs);
                tc.zeroRow(r, 0, hs);
                h.zeroRow(r, 0, hs);
                continue;
            }
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector i =
                        ONE.div(
                                zx.v(r, j)
                                        .add(zh.v(r, j))
                                        .neg()
                                        .lanewise(VectorOperators.EXP)
                                        .add(1f));
                FloatVector f =
                        ONE.div(
                                zx.v(r, hs + j)
                                        .add(zh.v(r, hs + j))
                                        .neg()
                                        .lanewise(VectorOperators.EXP)
                                        .add(1f));
                FloatVector o =
                        ONE.div(
                                zx.v(r, 2 * hs + j)
                                        .add(zh.v(r, 2 * hs + j))
                                        .neg()
                                        .lanewise(VectorOperators.EXP)
                                        .add(1f));
                FloatVector g =
                        zx.v(r, 3 * hs + j).add(zh.v(r, 3 * hs + j)).lanewise(VectorOperators.TANH);
                FloatVector cn = f.fma(cp.v(r, j), i.mul(g));
                if (m != null) {
                    cn = cn.mul(m.v(r, j));
                }
                FloatVector tcn = cn.lanewise(VectorOperators.TANH);
                zx.put(i, r, j);
                zx.put(f, r, hs + j);
                zx.put(o, r, 2 * hs + j);
                zx.put(g, r, 3 * hs + j);
                c.put(cn, r, j);
                tc.put(tcn, r, j);
                h.put(o.mul(tcn), r, j);
            }
            for (; j < hs; j++) {
                float i = sigmoid(zx.f(r, j) + zh.f(r, j));
                float f = sigmoid(zx.f(r, hs + j) + zh.f(r, hs + j));
                float o = sigmoid(zx.f(r, 2 * hs + j) + zh.f(r, 2 * hs + j));
                float g = tanh(zx.f(r, 3 * hs + j) + zh.f(r, 3 * hs + j));
                float cn = f * cp.f(r, j) + i * g;
                if (m != null) {
                    cn *= m.f(r, j);
                }
                float tcn = tanh(cn);
                zx.put(i, r, j);
                zx.put(f, r, hs + j);
                zx.put(o, r, 2 * hs + j);
                zx.put(g, r, 3 * hs + j);
                c.put(cn, r, j);
                tc.put(tcn, r, j);
                h.put(o * tcn, r, j);
            }
        }
    }

    @Override
    public void lstmBackward(
            INDArray actsA,
            INDArray cPrevA,
            INDArray tanhCA,
            INDArray cellMaskA,
            INDArray dhA,
            INDArray dcA,
            INDArray dzA,
            int[] start,
            int t) {
        Block a = new Block(actsA),
                cp = new Block(cPrevA),
                tc = new Block(tanhCA),
                dh = new Block(dhA),
                dc = new Block(dcA),
                dz = new Block(dzA);
        Block m = cellMaskA == null ? null : new Block(cellMaskA);
        int rows = (int) dhA.rows(), hs = (int) dhA.columns(), bound = S.loopBound(hs);
        for (int r = 0; r < rows; r++) {
            if (inactive(start, t, r)) {
                dz.zeroRow(r, 0, 4 * hs);
                dc.zeroRow(r, 0, hs);
                continue;
            }
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector i = a.v(r, j),
                        f = a.v(r, hs + j),
                        o = a.v(r, 2 * hs + j),
                        g = a.v(r, 3 * hs + j);
                FloatVector tcv = tc.v(r, j), dhv = dh.v(r, j);
                FloatVector dcTot = dhv.mul(o).mul(tcv.mul(tcv).neg().add(1f)).add(dc.v(r, j));
                if (m != null) {
                    dcTot = dcTot.mul(m.v(r, j));
                }
                dz.put(dcTot.mul(g).mul(i).mul(i.neg().add(1f)), r, j);
                dz.put(dcTot.mul(cp.v(r, j)).mul(f).mul(f.neg().add(1f)), r, hs + j);
                dz.put(dhv.mul(tcv).mul(o).mul(o.neg().add(1f)), r, 2 * hs + j);
                dz.put(dcTot.mul(i).mul(g.mul(g).neg().add(1f)), r, 3 * hs + j);
                dc.put(dcTot.mul(f), r, j);
            }
            for (; j < hs; j++) {
                float i = a.f(r, j),
                        f = a.f(r, hs + j),
                        o = a.f(r, 2 * hs + j),
                        g = a.f(r, 3 * hs + j);
                float tcv = tc.f(r, j), dhv = dh.f(r, j);
                float dcTot = dhv * o * (1f - tcv * tcv) + dc.f(r, j);
                if (m != null) {
                    dcTot *= m.f(r, j);
                }
                dz.put(dcTot * g * i * (1f - i), r, j);
                dz.put(dcTot * cp.f(r, j) * f * (1f - f), r, hs + j);
                dz.put(dhv * tcv * o * (1f - o), r, 2 * hs + j);
                dz.put(dcTot * i * (1f - g * g), r, 3 * hs + j);
                dc.put(dcTot * f, r, j);
            }
        }
    }

    @Override
    public void gruForward(
            INDArray zxA, INDArray zhA, INDArray hPrevA, INDArray hA, int[] start, int t) {
        Block zx = new Block(zxA), zh = new Block(zhA), hp = new Block(hPrevA), h = new Block(hA);
        int rows = (int) hA.rows(), hs = (int) hA.columns(), bound = S.loopBound(hs);
        for (int r = 0; r < rows; r++) {
            if (inactive(start, t, r)) {
                h.zeroRow(r, 0, hs);
                continue;
            }
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector z =
                        ONE.div(
                                zx.v(r, j)
                                        .add(zh.v(r, j))
                                        .neg()
                                        .lanewise(VectorOperators.EXP)
                                        .add(1f));
                FloatVector rr =
                        ONE.div(
                                zx.v(r, hs + j)
                                        .add(zh.v(r, hs + j))
                                        .neg()
                                        .lanewise(VectorOperators.EXP)
                                        .add(1f));
                FloatVector n =
                        rr.fma(zh.v(r, 2 * hs + j), zx.v(r, 2 * hs + j))
                                .lanewise(VectorOperators.TANH);
                FloatVector hn = z.fma(hp.v(r, j).sub(n), n);
                zx.put(z, r, j);
                zx.put(rr, r, hs + j);
                zx.put(n, r, 2 * hs + j);
                h.put(hn, r, j);
            }
            for (; j < hs; j++) {
                float z = sigmoid(zx.f(r, j) + zh.f(r, j));
                float rr = sigmoid(zx.f(r, hs + j) + zh.f(r, hs + j));
                float n = tanh(zx.f(r, 2 * hs + j) + rr * zh.f(r, 2 * hs + j));
                zx.put(z, r, j);
                zx.put(rr, r, hs + j);
                zx.put(n, r, 2 * hs + j);
                h.put(n + z * (hp.f(r, j) - n), r, j);
            }
        }
    }

    @Override
    public void gruBackward(
            INDArray actsA,
            INDArray zhA,
            INDArray hPrevA,
            INDArray dhA,
            INDArray dzxA,
            INDArray dzhA,
            INDArray dhPrevA,
            int[] start,
            int t) {
        Block a = new Block(actsA),
                zh = new Block(zhA),
                hp = new Block(hPrevA),
                dh = new Block(dhA),
                dzx = new Block(dzxA),
                dzh = new Block(dzhA),
                dhp = new Block(dhPrevA);
        int rows = (int) dhA.rows(), hs = (int) dhA.columns(), bound = S.loopBound(hs);
        for (int r = 0; r < rows; r++) {
            if (inactive(start, t, r)) {
                dzx.zeroRow(r, 0, 3 * hs);
                dzh.zeroRow(r, 0, 3 * hs);
                dhp.zeroRow(r, 0, hs);
                continue;
            }
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector z = a.v(r, j),
                        rr = a.v(r, hs + j),
                        n = a.v(r, 2 * hs + j),
                        g = dh.v(r, j);
                FloatVector dan = g.mul(z.neg().add(1f)).mul(n.mul(n).neg().add(1f));
                FloatVector dar = dan.mul(zh.v(r, 2 * hs + j)).mul(rr).mul(rr.neg().add(1f));
                FloatVector daz = g.mul(hp.v(r, j).sub(n)).mul(z).mul(z.neg().add(1f));
                dzx.put(daz, r, j);
                dzx.put(dar, r, hs + j);
                dzx.put(dan, r, 2 * hs + j);
                dzh.put(daz, r, j);
                dzh.put(dar, r, hs + j);
                dzh.put(dan.mul(rr), r, 2 * hs + j);
                dhp.put(g.mul(z), r, j);
            }
            for (; j < hs; j++) {
                float z = a.f(r, j), rr = a.f(r, hs + j), n = a.f(r, 2 * hs + j), g = dh.f(r, j);
                float dan = g * (1f - z) * (1f - n * n);
                float dar = dan * zh.f(r, 2 * hs + j) * rr * (1f - rr);
                float daz = g * (hp.f(r, j) - n) * z * (1f - z);
                dzx.put(daz, r, j);
                dzx.put(dar, r, hs + j);
                dzx.put(dan, r, 2 * hs + j);
                dzh.put(daz, r, j);
                dzh.put(dar, r, hs + j);
                dzh.put(dan * rr, r, 2 * hs + j);
                dhp.put(g * z, r, j);
            }
        }
    }
}
