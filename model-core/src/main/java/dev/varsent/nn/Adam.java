package dev.varsent.nn;

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

    /** Clips the gradients to {@code clipNorm} (if positive), then updates the parameters in place. Returns the pre-clip norm. */
    public double update(Params params, Params grads) {
        double sq = 0;
        for (INDArray g : grads.asMap().values()) {
            double n = g.norm2Number().doubleValue();
            sq += n * n;
        }
        double norm = Math.sqrt(sq);
        double scale = clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1.0;
        step++;
        double alpha = learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
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
