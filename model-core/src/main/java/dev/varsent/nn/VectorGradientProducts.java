package dev.varsent.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products of the heap training path's backward pass ({@link HeapBackprop}, {@link
 * HeapReadout}): the weight-gradient product A^T dZ over a step's live rows, and a masked
 * accumulate.
 */
final class VectorGradientProducts {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorGradientProducts() {}

    /**
     * c[q, 0..TILE) += sum over k < count of a[rows[k], aCol + q] d[rows[k], dCol..dCol + TILE) for
     * the four rows q of a block of c: the weight gradient A^T dZ over a step's live rows, four
     * rows of A^T by one column tile. Row q of c starts at {@code cOff + q * cStride}.
     */
    static void tileAtB(
            float[] a,
            int aStride,
            int aCol,
            int[] rows,
            int count,
            float[] d,
            int dStride,
            int dCol,
            float[] c,
            int cOff,
            int cStride) {
        int o0 = cOff, o1 = o0 + cStride, o2 = o1 + cStride, o3 = o2 + cStride;
        FloatVector c00 = FloatVector.fromArray(S, c, o0),
                c01 = FloatVector.fromArray(S, c, o0 + L),
                c02 = FloatVector.fromArray(S, c, o0 + 2 * L),
                c03 = FloatVector.fromArray(S, c, o0 + 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, c, o1),
                c11 = FloatVector.fromArray(S, c, o1 + L),
                c12 = FloatVector.fromArray(S, c, o1 + 2 * L),
                c13 = FloatVector.fromArray(S, c, o1 + 3 * L);
        FloatVector c20 = FloatVector.fromArray(S, c, o2),
                c21 = FloatVector.fromArray(S, c, o2 + L),
                c22 = FloatVector.fromArray(S, c, o2 + 2 * L),
                c23 = FloatVector.fromArray(S, c, o2 + 3 * L);
        FloatVector c30 = FloatVector.fromArray(S, c, o3),
                c31 = FloatVector.fromArray(S, c, o3 + L),
                c32 = FloatVector.fromArray(S, c, o3 + 2 * L),
                c33 = FloatVector.fromArray(S, c, o3 + 3 * L);
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            int dOff = r * dStride + dCol, aOff = r * aStride + aCol;
            FloatVector d0 = FloatVector.fromArray(S, d, dOff),
                    d1 = FloatVector.fromArray(S, d, dOff + L),
                    d2 = FloatVector.fromArray(S, d, dOff + 2 * L),
                    d3 = FloatVector.fromArray(S, d, dOff + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[aOff]);
            c00 = x.fma(d0, c00);
            c01 = x.fma(d1, c01);
            c02 = x.fma(d2, c02);
            c03 = x.fma(d3, c03);
            x = FloatVector.broadcast(S, a[aOff + 1]);
            c10 = x.fma(d0, c10);
            c11 = x.fma(d1, c11);
            c12 = x.fma(d2, c12);
            c13 = x.fma(d3, c13);
            x = FloatVector.broadcast(S, a[aOff + 2]);
            c20 = x.fma(d0, c20);
            c21 = x.fma(d1, c21);
            c22 = x.fma(d2, c22);
            c23 = x.fma(d3, c23);
            x = FloatVector.broadcast(S, a[aOff + 3]);
            c30 = x.fma(d0, c30);
            c31 = x.fma(d1, c31);
            c32 = x.fma(d2, c32);
            c33 = x.fma(d3, c33);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + L);
        c02.intoArray(c, o0 + 2 * L);
        c03.intoArray(c, o0 + 3 * L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c12.intoArray(c, o1 + 2 * L);
        c13.intoArray(c, o1 + 3 * L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c22.intoArray(c, o2 + 2 * L);
        c23.intoArray(c, o2 + 3 * L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
        c32.intoArray(c, o3 + 2 * L);
        c33.intoArray(c, o3 + 3 * L);
    }

    /**
     * dst[dOff + k] += src[sOff + k] * scale * mask[mOff + k] for k < len (without the mask when it
     * is null).
     */
    static void addScaled(
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
            FloatVector sv = FloatVector.broadcast(S, scale);
            for (; k < bound; k += L) {
                FloatVector.fromArray(S, src, sOff + k)
                        .fma(sv, FloatVector.fromArray(S, dst, dOff + k))
                        .intoArray(dst, dOff + k);
            }
            for (; k < len; k++) {
                dst[dOff + k] += src[sOff + k] * scale;
            }
            return;
        }
        for (; k < bound; k += L) {
            FloatVector.fromArray(S, src, sOff + k)
                    .mul(scale)
                    .fma(
                            FloatVector.fromArray(S, mask, mOff + k),
                            FloatVector.fromArray(S, dst, dOff + k))
                    .intoArray(dst, dOff + k);
        }
        for (; k < len; k++) {
            dst[dOff + k] += src[sOff + k] * scale * mask[mOff + k];
        }
    }
}
