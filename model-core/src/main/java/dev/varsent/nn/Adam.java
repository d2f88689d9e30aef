package dev.varsent.nn;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Adam (Kingma and Ba) with global gradient-norm clipping. */
public final class Adam {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double clipNorm;
    private final Map<String, INDArray> m = new HashMap<>();
    private final Map<String, INDArray> v = new HashMap<>();
    private long step;

    public Adam(double learningRate, double clipNorm) {
        this(learningRate, 0.9, 0.999, 1e-8, clipNorm);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon, double clipNorm) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.clipNorm = clipNorm;
    }

    /**
     * Clips the gradients to {@code clipNorm} (if positive), then updates the parameters in place.
     * Returns the pre-clip norm.
     */
    public double update(Params params, Params grads) {
        double sq = 0;
        for (INDArray g : grads.asMap().values()) {
            double n = g.norm2Number().doubleValue();
            sq += n * n;
        }
        double norm = Math.sqrt(sq);
        double scale = clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1.0;
        step++;
        double alpha =
                learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        for (var e : params.asMap().entrySet()) {
            INDArray g = grads.get(e.getKey());
            if (scale != 1.0) {
                g.muli(scale);
            }
            INDArray mk = m.computeIfAbsent(e.getKey(), k -> Nd4j.zerosLike(g));
            INDArray vk = v.computeIfAbsent(e.getKey(), k -> Nd4j.zerosLike(g));
            mk.muli(beta1).addi(g.mul(1 - beta1));
            vk.muli(beta2).addi(g.mul(g).muli(1 - beta2));
            e.getValue().subi(mk.div(Transforms.sqrt(vk, true).addi(epsilon)).muli(alpha));
        }
        return norm;
    }

    /**
     * The same as {@link Losses#addWeightDecay} with {@code weightDecay} followed by {@link
     * #update(Params, Params)}, in two passes over float32 memory (the norm, then decay, clipping,
     * moments and step per element) instead of a dozen ND4J operations with their temporaries.
     * Unlike that pair it leaves {@code grads} as they are. Other data types take the two calls.
     */
    public double update(Params params, Params grads, double weightDecay) {
        Map<String, FloatBuffer[]> views = floatViews(params, grads);
        if (views == null) {
            Losses.addWeightDecay(params, grads, weightDecay);
            return update(params, grads);
        }
        float decay = (float) (2 * weightDecay);
        double sq = 0;
        for (FloatBuffer[] wg : views.values()) {
            FloatBuffer w = wg[0], g = wg[1];
            for (int i = 0, n = w.limit(); i < n; i++) {
                float gi = g.get(i) + w.get(i) * decay;
                sq += gi * gi;
            }
        }
        double norm = Math.sqrt(sq);
        float scale = (float) (clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1.0);
        step++;
        float alpha =
                (float)
                        (learningRate
                                * Math.sqrt(1 - Math.pow(beta2, step))
                                / (1 - Math.pow(beta1, step)));
        float b1 = (float) beta1,
                b2 = (float) beta2,
                c1 = (float) (1 - beta1),
                c2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        for (var e : views.entrySet()) {
            INDArray like = grads.get(e.getKey());
            FloatBuffer w = e.getValue()[0], g = e.getValue()[1];
            FloatBuffer mk = view(m.computeIfAbsent(e.getKey(), k -> Nd4j.zerosLike(like)));
            FloatBuffer vk = view(v.computeIfAbsent(e.getKey(), k -> Nd4j.zerosLike(like)));
            for (int i = 0, n = w.limit(); i < n; i++) {
                float wi = w.get(i);
                float gi = (g.get(i) + wi * decay) * scale;
                float mi = mk.get(i) * b1 + gi * c1;
                float vi = vk.get(i) * b2 + gi * gi * c2;
                mk.put(i, mi);
                vk.put(i, vi);
                w.put(i, wi - mi / ((float) Math.sqrt(vi) + eps) * alpha);
            }
        }
        return norm;
    }

    /**
     * Per parameter its and its gradient's float views, or null unless these and the moments are
     * contiguous float32.
     */
    private Map<String, FloatBuffer[]> floatViews(Params params, Params grads) {
        Map<String, FloatBuffer[]> out = new java.util.LinkedHashMap<>();
        for (var e : params.asMap().entrySet()) {
            INDArray g = grads.get(e.getKey());
            FloatBuffer w = view(e.getValue()), gv = view(g);
            boolean moments =
                    (!m.containsKey(e.getKey()) || view(m.get(e.getKey())) != null)
                            && (!v.containsKey(e.getKey()) || view(v.get(e.getKey())) != null);
            if (w == null || gv == null || !moments || e.getValue().length() != g.length()) {
                return null;
            }
            out.put(e.getKey(), new FloatBuffer[] {w, gv});
        }
        return out;
    }

    /**
     * The array's elements as a float buffer indexed from 0, or null if it is not contiguous
     * float32.
     */
    private static FloatBuffer view(INDArray a) {
        FloatBuffer all = HeapArrays.view(a);
        return all == null
                ? null
                : all.position((int) a.offset()).limit((int) (a.offset() + a.length())).slice();
    }

    public long steps() {
        return step;
    }

    /** The moment estimates, named {@code m.<param>} and {@code v.<param>}, for checkpoints. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new java.util.LinkedHashMap<>();
        m.forEach((k, a) -> s.put("m." + k, a));
        v.forEach((k, a) -> s.put("v." + k, a));
        return s;
    }

    /** Restores what {@link #state()} returned and the step count, to resume training exactly. */
    public void restore(Map<String, INDArray> state, long steps) {
        m.clear();
        v.clear();
        state.forEach((k, a) -> (k.startsWith("m.") ? m : v).put(k.substring(2), a));
        this.step = steps;
    }
}
