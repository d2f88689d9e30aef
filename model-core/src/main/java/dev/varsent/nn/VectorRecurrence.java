package dev.varsent.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java Vector API kernels of {@link HeapInference}, on heap float arrays: a register-blocked
 * matrix product of {@link #ROWS} rows by one column tile, and the gate math of one row with the
 * readout's running sum and max. As in {@link VectorGateMath}, sigmoid and tanh are written out at
 * each use (C2 does not inline them as helpers).
 */
final class VectorRecurrence {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    /** Rows of one product block (8 rows by two vectors measured the same). */
    static final int ROWS = 4;

    /** Columns of one product tile: four vectors. */
    static final int TILE = 4 * L;

    private VectorRecurrence() {}

    /**
     * c[r, 0..TILE) = bias[0..TILE) + sum over k0 <= k < k1 of a[r, k] b[k, 0..TILE) for the ROWS
     * rows r of a block. Row r of a starts at {@code aOff + r * aStride}, row k of b at {@code bOff
     * + k * bStride}, row r of c at {@code cOff + r * cStride}.
     */
    static void tile(
            float[] a,
            int aOff,
            int aStride,
            float[] b,
            int bOff,
            int bStride,
            int k0,
            int k1,
            float[] bias,
            int biasOff,
            float[] c,
            int cOff,
            int cStride) {
        FloatVector c00 = FloatVector.fromArray(S, bias, biasOff),
                c01 = FloatVector.fromArray(S, bias, biasOff + L),
                c02 = FloatVector.fromArray(S, bias, biasOff + 2 * L),
                c03 = FloatVector.fromArray(S, bias, biasOff + 3 * L);
        FloatVector c10 = c00, c11 = c01, c12 = c02, c13 = c03;
        FloatVector c20 = c00, c21 = c01, c22 = c02, c23 = c03;
        FloatVector c30 = c00, c31 = c01, c32 = c02, c33 = c03;
        int a0 = aOff, a1 = a0 + aStride, a2 = a1 + aStride, a3 = a2 + aStride;
        for (int k = k0; k < k1; k++) {
            int bo = bOff + k * bStride;
            FloatVector b0 = FloatVector.fromArray(S, b, bo),
                    b1 = FloatVector.fromArray(S, b, bo + L),
                    b2 = FloatVector.fromArray(S, b, bo + 2 * L),
                    b3 = FloatVector.fromArray(S, b, bo + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + k]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[a1 + k]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[a2 + k]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[a3 + k]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        int o = cOff;
        c00.intoArray(c, o);
        c01.intoArray(c, o + L);
        c02.intoArray(c, o + 2 * L);
        c03.intoArray(c, o + 3 * L);
        o += cStride;
        c10.intoArray(c, o);
        c11.intoArray(c, o + L);
        c12.intoArray(c, o + 2 * L);
        c13.intoArray(c, o + 3 * L);
        o += cStride;
        c20.intoArray(c, o);
        c21.intoArray(c, o + L);
        c22.intoArray(c, o + 2 * L);
        c23.intoArray(c, o + 3 * L);
        o += cStride;
        c30.intoArray(c, o);
        c31.intoArray(c, o + L);
        c32.intoArray(c, o + 2 * L);
        c33.intoArray(c, o + 3 * L);
    }

    /**
     * dst[dOff + k] = src[sOff + k] * scale * mask[mOff + k] for k < len (without the mask when it
     * is null).
     */
    static void scaled(
            float[] src,
            int sOff,
            float scale,
            float[] mask,
            int mOff,
            float[] dst,
            int dOff,
            int len) {
        int bound = S.loopBound(len), k = 0;
        if (mask == null) {
            for (; k < bound; k += L) {
                FloatVector.fromArray(S, src, sOff + k).mul(scale).intoArray(dst, dOff + k);
            }
            for (; k < len; k++) {
                dst[dOff + k] = src[sOff + k] * scale;
            }
            return;
        }
        for (; k < bound; k += L) {
            FloatVector.fromArray(S, src, sOff + k)
                    .mul(scale)
                    .mul(FloatVector.fromArray(S, mask, mOff + k))
                    .intoArray(dst, dOff + k);
        }
        for (; k < len; k++) {
            dst[dOff + k] = src[sOff + k] * scale * mask[mOff + k];
        }
    }

    /**
     * One LSTM row: z holds the pre-activations i, f, o, g (hp columns each) from {@code zOff}; c
     * and h (the row at {@code sOff}) are updated in place, c masked by {@code cellMask} when not
     * null. {@code sum} and {@code max}, when not null, take in the new h.
     */
    static void lstmRow(
            float[] z,
            int zOff,
            int hp,
            float[] c,
            float[] h,
            int sOff,
            float[] cellMask,
            float[] sum,
            float[] max) {
        for (int j = 0; j < hp; j += L) {
            int s = sOff + j;
            FloatVector i =
                    ONE.div(
                            FloatVector.fromArray(S, z, zOff + j)
                                    .neg()
                                    .lanewise(VectorOperators.EXP)
                                    .add(1f));
            FloatVector f =
                    ONE.div(
                            FloatVector.fromArray(S, z, zOff + hp + j)
                                    .neg()
                                    .lanewise(VectorOperators.EXP)
                                    .add(1f));
            FloatVector o =
                    ONE.div(
                            FloatVector.fromArray(S, z, zOff + 2 * hp + j)
                                    .neg()
                                    .lanewise(VectorOperators.EXP)
                                    .add(1f));
            FloatVector g =
                    FloatVector.fromArray(S, z, zOff + 3 * hp + j).lanewise(VectorOperators.TANH);
            FloatVector cn = f.fma(FloatVector.fromArray(S, c, s), i.mul(g));
            if (cellMask != null) {
                cn = cn.mul(FloatVector.fromArray(S, cellMask, s));
            }
            FloatVector hn = o.mul(cn.lanewise(VectorOperators.TANH));
            cn.intoArray(c, s);
            hn.intoArray(h, s);
            if (sum != null) {
                FloatVector.fromArray(S, sum, s).add(hn).intoArray(sum, s);
            }
            if (max != null) {
                FloatVector.fromArray(S, max, s).max(hn).intoArray(max, s);
            }
        }
    }

    /**
     * One GRU row: z holds the pre-activations of z, r and the input part of n; zhn the recurrent
     * part of n (its bias included) from {@code hnOff}. h (the row at {@code sOff}) is updated in
     * place.
     */
    static void gruRow(
            float[] z,
            int zOff,
            float[] zhn,
            int hnOff,
            int hp,
            float[] h,
            int sOff,
            float[] sum,
            float[] max) {
        for (int j = 0; j < hp; j += L) {
            int s = sOff + j;
            FloatVector u =
                    ONE.div(
                            FloatVector.fromArray(S, z, zOff + j)
                                    .neg()
                                    .lanewise(VectorOperators.EXP)
                                    .add(1f));
            FloatVector r =
                    ONE.div(
                            FloatVector.fromArray(S, z, zOff + hp + j)
                                    .neg()
                                    .lanewise(VectorOperators.EXP)
                                    .add(1f));
            FloatVector n =
                    r.fma(
                                    FloatVector.fromArray(S, zhn, hnOff + j),
                                    FloatVector.fromArray(S, z, zOff + 2 * hp + j))
                            .lanewise(VectorOperators.TANH);
            FloatVector hn = u.fma(FloatVector.fromArray(S, h, s).sub(n), n);
            hn.intoArray(h, s);
            if (sum != null) {
                FloatVector.fromArray(S, sum, s).add(hn).intoArray(sum, s);
            }
            if (max != null) {
                FloatVector.fromArray(S, max, s).max(hn).intoArray(max, s);
            }
        }
    }
}
