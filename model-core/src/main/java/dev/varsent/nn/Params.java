package dev.varsent.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The named weights of the network (or their gradients, in the same layout). */
public final class Params {
    public static final String EMBEDDING = "embedding";

    /** Input weights, embeddingSize x gates*hidden, gate blocks side by side. */
    public static final String W = "W";

    /** Recurrent weights, hidden x gates*hidden. */
    public static final String U = "U";

    /** Gate bias (for the GRU: of the input part). */
    public static final String B = "b";

    /** GRU only: bias of the recurrent part (the candidate's one sits inside the reset gate). */
    public static final String BH = "bh";

    public static final String DENSE_W = "Wd";
    public static final String DENSE_B = "bd";

    private final LinkedHashMap<String, INDArray> arrays;

    public Params(LinkedHashMap<String, INDArray> arrays) {
        this.arrays = arrays;
    }

    /**
     * Keras' defaults: uniform embedding, Glorot input and dense weights, orthogonal recurrent
     * blocks, forget bias 1.
     */
    public static Params init(NetConfig c, DataType dt, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int e = c.embeddingSize(), h = c.hiddenSize(), gc = c.gateColumns();
        LinkedHashMap<String, INDArray> m = new LinkedHashMap<>();
        m.put(EMBEDDING, uniform(rng, dt, c.vocabSize(), e, 0.05));
        m.put(W, uniform(rng, dt, e, gc, Math.sqrt(6.0 / (e + h))));
        INDArray u = Nd4j.create(dt, h, gc);
        for (int k = 0; k < c.cell().gates; k++) {
            double[][] q = orthogonal(rng, h);
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < h; j++) {
                    u.putScalar(i, (long) k * h + j, q[i][j]);
                }
            }
        }
        m.put(U, u);
        INDArray b = Nd4j.zeros(dt, 1, gc);
        if (c.cell() == CellType.LSTM) {
            b.get(
                            org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(h, 2L * h))
                    .assign(1.0);
        }
        m.put(B, b);
        if (c.cell() == CellType.GRU) {
            m.put(BH, Nd4j.zeros(dt, 1, gc));
        }
        int r = c.readoutWidth();
        m.put(DENSE_W, uniform(rng, dt, r, c.outputs(), Math.sqrt(6.0 / (r + c.outputs()))));
        m.put(DENSE_B, Nd4j.zeros(dt, 1, c.outputs()));
        return new Params(m);
    }

    /** The names and shapes of the parameters of a network, in their fixed order. */
    public static LinkedHashMap<String, long[]> shapes(NetConfig c) {
        long e = c.embeddingSize(), h = c.hiddenSize(), gc = c.gateColumns();
        LinkedHashMap<String, long[]> m = new LinkedHashMap<>();
        m.put(EMBEDDING, new long[] {c.vocabSize(), e});
        m.put(W, new long[] {e, gc});
        m.put(U, new long[] {h, gc});
        m.put(B, new long[] {1, gc});
        if (c.cell() == CellType.GRU) {
            m.put(BH, new long[] {1, gc});
        }
        m.put(DENSE_W, new long[] {c.readoutWidth(), c.outputs()});
        m.put(DENSE_B, new long[] {1, c.outputs()});
        return m;
    }

    public Params zerosLike() {
        LinkedHashMap<String, INDArray> m = new LinkedHashMap<>();
        arrays.forEach((k, v) -> m.put(k, Nd4j.zerosLike(v)));
        return new Params(m);
    }

    public Params dup() {
        LinkedHashMap<String, INDArray> m = new LinkedHashMap<>();
        arrays.forEach((k, v) -> m.put(k, v.dup()));
        return new Params(m);
    }

    public Params castTo(DataType dt) {
        LinkedHashMap<String, INDArray> m = new LinkedHashMap<>();
        arrays.forEach((k, v) -> m.put(k, v.castTo(dt).dup()));
        return new Params(m);
    }

    public INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException(
                    "no parameter '" + name + "' (have " + arrays.keySet() + ")");
        }
        return a;
    }

    public boolean has(String name) {
        return arrays.containsKey(name);
    }

    public Map<String, INDArray> asMap() {
        return Collections.unmodifiableMap(arrays);
    }

    public long count() {
        return arrays.values().stream().mapToLong(INDArray::length).sum();
    }

    public DataType dataType() {
        return arrays.get(EMBEDDING).dataType();
    }

    private static INDArray uniform(
            SplittableRandom rng, DataType dt, int rows, int cols, double limit) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (rng.nextDouble() * 2 - 1) * limit;
        }
        return Nd4j.createFromArray(v).reshape(rows, cols).castTo(dt);
    }

    /** Gram-Schmidt on a Gaussian matrix: a uniformly random orthogonal matrix. */
    private static double[][] orthogonal(SplittableRandom rng, int n) {
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] v = q[i];
            for (int j = 0; j < n; j++) {
                v[j] = gaussian(rng);
            }
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += v[j] * q[k][j];
                }
                for (int j = 0; j < n; j++) {
                    v[j] -= dot * q[k][j];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) {
                v[j] /= norm;
            }
        }
        return q;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble(), w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }
}
