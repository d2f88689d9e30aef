package dev.varsent.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java Vector API kernels of the heap training path ({@link HeapTrace}, {@link HeapBackprop})
 * beside those of {@link VectorRecurrence}: the LSTM and GRU rows forward with their activations
 * kept and backward ({@link VectorGradientProducts} has the products). Hidden widths are whole
 * vectors (padded to {@link VectorRecurrence#TILE}); sigmoid and tanh are written out at each use,
 * as in {@link VectorGateMath}.
 */
final class VectorBackprop {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private VectorBackprop() {}

    /**
     * One LSTM row forward from the pre-activations i, f, o, g at {@code z[zOff..]} (hp columns
     * each): writes the activations to {@code acts[aOff..]}, c_t = m_c * (f * c_{t-1} + i * g) to
     * {@code c[cOff..]} (c_{t-1} read at {@code cPrevOff}), tanh(c_t) to {@code tanhC[tOff..]} and
     * h_t to {@code h[hOff..]}. {@code cellMask} (rnnDrop) may be null.
     */
    static void lstmForward(
            float[] z,
            int zOff,
            int hp,
            float[] c,
            int cPrevOff,
            int cOff,
            float[] cellMask,
            int mOff,
            float[] acts,
            int aOff,
            float[] tanhC,
            int tOff,
            float[] h,
            int hOff) {
        for (int j = 0; j < hp; j += L) {
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
            FloatVector cn = f.fma(FloatVector.fromArray(S, c, cPrevOff + j), i.mul(g));
            if (cellMask != null) {
                cn = cn.mul(FloatVector.fromArray(S, cellMask, mOff + j));
            }
            FloatVector tc = cn.lanewise(VectorOperators.TANH);
            i.intoArray(acts, aOff + j);
            f.intoArray(acts, aOff + hp + j);
            o.intoArray(acts, aOff + 2 * hp + j);
            g.intoArray(acts, aOff + 3 * hp + j);
            cn.intoArray(c, cOff + j);
            tc.intoArray(tanhC, tOff + j);
            o.mul(tc).intoArray(h, hOff + j);
        }
    }

    /**
     * One LSTM row backward: from dL/dh_t ({@code dh[dhOff..]}) and dL/dc_t from step t+1 ({@code
     * dc[dcOff..]}, replaced by dL/dc_{t-1}) writes dL/d(pre-activations) i, f, o, g to {@code
     * dz[dzOff..]}.
     */
    static void lstmBackward(
            float[] acts,
            int aOff,
            float[] c,
            int cPrevOff,
            float[] tanhC,
            int tOff,
            float[] cellMask,
            int mOff,
            float[] dh,
            int dhOff,
            float[] dc,
            int dcOff,
            float[] dz,
            int dzOff,
            int hp) {
        for (int j = 0; j < hp; j += L) {
            FloatVector i = FloatVector.fromArray(S, acts, aOff + j),
                    f = FloatVector.fromArray(S, acts, aOff + hp + j),
                    o = FloatVector.fromArray(S, acts, aOff + 2 * hp + j),
                    g = FloatVector.fromArray(S, acts, aOff + 3 * hp + j);
            FloatVector tc = FloatVector.fromArray(S, tanhC, tOff + j),
                    dhv = FloatVector.fromArray(S, dh, dhOff + j);
            FloatVector dcTot =
                    dhv.mul(o)
                            .mul(ONE.sub(tc.mul(tc)))
                            .add(FloatVector.fromArray(S, dc, dcOff + j));
            if (cellMask != null) {
                dcTot = dcTot.mul(FloatVector.fromArray(S, cellMask, mOff + j));
            }
            dcTot.mul(g).mul(i).mul(ONE.sub(i)).intoArray(dz, dzOff + j);
            dcTot.mul(FloatVector.fromArray(S, c, cPrevOff + j))
                    .mul(f)
                    .mul(ONE.sub(f))
                    .intoArray(dz, dzOff + hp + j);
            dhv.mul(tc).mul(o).mul(ONE.sub(o)).intoArray(dz, dzOff + 2 * hp + j);
            dcTot.mul(i).mul(ONE.sub(g.mul(g))).intoArray(dz, dzOff + 3 * hp + j);
            dcTot.mul(f).intoArray(dc, dcOff + j);
        }
    }

    /**
     * One GRU row forward (reset after the recurrent product): z holds the pre-activations of z, r
     * and the input part of n (hp columns each) at {@code zOff}, zh the recurrent part of n with
     * its bias at {@code zhOff}. Writes z, r, n to {@code acts[aOff..]}, the recurrent part of n to
     * {@code zhKept[kOff..]} and h_t = n + z (h_{t-1} - n) to {@code h[hOff..]} (h_{t-1} read at
     * {@code hPrevOff}).
     */
    static void gruForward(
            float[] z,
            int zOff,
            float[] zh,
            int zhOff,
            int hp,
            float[] h,
            int hPrevOff,
            int hOff,
            float[] acts,
            int aOff,
            float[] zhKept,
            int kOff) {
        for (int j = 0; j < hp; j += L) {
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
            FloatVector hn = FloatVector.fromArray(S, zh, zhOff + j);
            FloatVector n =
                    r.fma(hn, FloatVector.fromArray(S, z, zOff + 2 * hp + j))
                            .lanewise(VectorOperators.TANH);
            u.intoArray(acts, aOff + j);
            r.intoArray(acts, aOff + hp + j);
            n.intoArray(acts, aOff + 2 * hp + j);
            hn.intoArray(zhKept, kOff + j);
            u.fma(FloatVector.fromArray(S, h, hPrevOff + j).sub(n), n).intoArray(h, hOff + j);
        }
    }

    /**
     * One GRU row backward from dL/dh_t ({@code dh[dhOff..]}): writes dL/d(input pre-activations)
     * z, r, n to {@code dz[dzOff..]}, dL/d(recurrent pre-activations) to {@code dzh[dzOff..]} and
     * the direct part dL/dh_t * z of dL/dh_{t-1} to {@code dhPrev[dhpOff..]}.
     */
    static void gruBackward(
            float[] acts,
            int aOff,
            float[] zhKept,
            int kOff,
            float[] h,
            int hPrevOff,
            float[] dh,
            int dhOff,
            float[] dz,
            float[] dzh,
            int dzOff,
            float[] dhPrev,
            int dhpOff,
            int hp) {
        for (int j = 0; j < hp; j += L) {
            FloatVector u = FloatVector.fromArray(S, acts, aOff + j),
                    r = FloatVector.fromArray(S, acts, aOff + hp + j),
                    n = FloatVector.fromArray(S, acts, aOff + 2 * hp + j),
                    g = FloatVector.fromArray(S, dh, dhOff + j);
            FloatVector dan = g.mul(ONE.sub(u)).mul(ONE.sub(n.mul(n)));
            FloatVector dar =
                    dan.mul(FloatVector.fromArray(S, zhKept, kOff + j)).mul(r).mul(ONE.sub(r));
            FloatVector daz =
                    g.mul(FloatVector.fromArray(S, h, hPrevOff + j).sub(n)).mul(u).mul(ONE.sub(u));
            daz.intoArray(dz, dzOff + j);
            dar.intoArray(dz, dzOff + hp + j);
            dan.intoArray(dz, dzOff + 2 * hp + j);
            daz.intoArray(dzh, dzOff + j);
            dar.intoArray(dzh, dzOff + hp + j);
            dan.mul(r).intoArray(dzh, dzOff + 2 * hp + j);
            g.mul(u).intoArray(dhPrev, dhpOff + j);
        }
    }
}
