package dev.varsent.nn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The step math with plain ND4J operations: any data type and any backend (the CUDA build uses it).
 * It is the reference the fused kernels are tested against, and the double-precision path of the
 * gradient checks.
 */
final class Nd4jGateMath implements GateMath {

    private static INDArray block(INDArray a, int k, long h) {
        return a.get(all(), interval(k * h, (k + 1) * h));
    }

    /**
     * A rows x 1 column of 1 for active rows and 0 for inactive ones, or null when all are active.
     */
    private static INDArray activeColumn(INDArray like, int[] start, int t) {
        if (start == null) {
            return null;
        }
        long rows = like.rows();
        INDArray col = Nd4j.create(like.dataType(), rows, 1);
        boolean any = false;
        for (int r = 0; r < rows; r++) {
            boolean active = t >= start[r];
            col.putScalar(r, 0, active ? 1.0 : 0.0);
            any |= !active;
        }
        return any ? col : null;
    }

    private static INDArray masked(INDArray a, INDArray activeCol) {
        return activeCol == null ? a : a.mulColumnVector(activeCol);
    }

    @Override
    public void lstmForward(
            INDArray zx,
            INDArray zh,
            INDArray cPrev,
            INDArray cellMask,
            INDArray c,
            INDArray tanhC,
            INDArray h,
            int[] start,
            int t) {
        long hs = c.columns();
        INDArray z = zx.add(zh);
        INDArray i = Transforms.sigmoid(block(z, 0, hs), true);
        INDArray f = Transforms.sigmoid(block(z, 1, hs), true);
        INDArray o = Transforms.sigmoid(block(z, 2, hs), true);
        INDArray g = Transforms.tanh(block(z, 3, hs), true);
        INDArray cNew = f.mul(cPrev).addi(i.mul(g));
        if (cellMask != null) {
            cNew.muli(cellMask);
        }
        cNew = masked(cNew, activeColumn(c, start, t));
        INDArray tc = Transforms.tanh(cNew, true);
        block(zx, 0, hs).assign(i);
        block(zx, 1, hs).assign(f);
        block(zx, 2, hs).assign(o);
        block(zx, 3, hs).assign(g);
        c.assign(cNew);
        tanhC.assign(tc);
        h.assign(o.mul(tc));
    }

    @Override
    public void lstmBackward(
            INDArray acts,
            INDArray cPrev,
            INDArray tanhC,
            INDArray cellMask,
            INDArray dh,
            INDArray dc,
            INDArray dz,
            int[] start,
            int t) {
        long hs = cPrev.columns();
        INDArray i = block(acts, 0, hs),
                f = block(acts, 1, hs),
                o = block(acts, 2, hs),
                g = block(acts, 3, hs);
        INDArray activeCol = activeColumn(dh, start, t);
        INDArray oneMinusTc2 = tanhC.mul(tanhC).rsubi(1.0);
        INDArray dcTot = dh.mul(o).muli(oneMinusTc2).addi(dc);
        if (cellMask != null) {
            dcTot.muli(cellMask);
        }
        dcTot = masked(dcTot, activeCol);
        INDArray dO = masked(dh.mul(tanhC), activeCol);
        block(dz, 0, hs).assign(dcTot.mul(g).muli(i).muli(i.rsub(1.0)));
        block(dz, 1, hs).assign(dcTot.mul(cPrev).muli(f).muli(f.rsub(1.0)));
        block(dz, 2, hs).assign(dO.muli(o).muli(o.rsub(1.0)));
        block(dz, 3, hs).assign(dcTot.mul(i).muli(g.mul(g).rsubi(1.0)));
        dc.assign(dcTot.muli(f));
    }

    @Override
    public void gruForward(
            INDArray zx, INDArray zh, INDArray hPrev, INDArray h, int[] start, int t) {
        long hs = h.columns();
        INDArray z = Transforms.sigmoid(block(zx, 0, hs).add(block(zh, 0, hs)), false);
        INDArray r = Transforms.sigmoid(block(zx, 1, hs).add(block(zh, 1, hs)), false);
        INDArray n = Transforms.tanh(block(zx, 2, hs).add(r.mul(block(zh, 2, hs))), false);
        INDArray hNew = z.rsub(1.0).muli(n).addi(z.mul(hPrev));
        block(zx, 0, hs).assign(z);
        block(zx, 1, hs).assign(r);
        block(zx, 2, hs).assign(n);
        h.assign(masked(hNew, activeColumn(h, start, t)));
    }

    @Override
    public void gruBackward(
            INDArray acts,
            INDArray zh,
            INDArray hPrev,
            INDArray dh,
            INDArray dzx,
            INDArray dzh,
            INDArray dhPrev,
            int[] start,
            int t) {
        long hs = hPrev.columns();
        INDArray z = block(acts, 0, hs), r = block(acts, 1, hs), n = block(acts, 2, hs);
        INDArray g = masked(dh, activeColumn(dh, start, t));
        INDArray dan = g.mul(z.rsub(1.0)).muli(n.mul(n).rsubi(1.0));
        INDArray dar = dan.mul(block(zh, 2, hs)).muli(r).muli(r.rsub(1.0));
        INDArray daz = g.mul(hPrev.sub(n)).muli(z).muli(z.rsub(1.0));
        block(dzx, 0, hs).assign(daz);
        block(dzx, 1, hs).assign(dar);
        block(dzx, 2, hs).assign(dan);
        block(dzh, 0, hs).assign(daz);
        block(dzh, 1, hs).assign(dar);
        block(dzh, 2, hs).assign(dan.mul(r));
        dhPrev.assign(g.mul(z));
    }
}
