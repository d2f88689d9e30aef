package dev.varsent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Deeplearning4j's built-in LSTM at the product's shapes, as the reference the product's own
 * variational LSTM is measured against: embedding, LSTM with dropout on its inputs, last time step,
 * one linear output unit trained with MSE.
 *
 * <p>DL4J draws a fresh dropout mask for every time step of the LSTM input (standard dropout), not
 * one mask per sequence as in Gal and Ghahramani; the peer is a cost reference, not the method.
 */
public final class Dl4jLstmPeer {

    /** Probability of dropping an LSTM input activation. */
    public static final double INPUT_DROP_PROBABILITY = 0.25;

    /** The first token id a review can hold; lower ids are reserved (padding, unknown, start). */
    public static final int FIRST_TOKEN_ID = 3;

    public record Shape(int batch, int seqLength, int vocab, int embedding, int hidden) {
        public static final Shape DEFAULT = new Shape(128, 200, 20_000, 128, 128);

        public Shape {
            if (batch < 1
                    || seqLength < 1
                    || embedding < 1
                    || hidden < 1
                    || vocab <= FIRST_TOKEN_ID) {
                throw new IllegalArgumentException("invalid shape " + this);
            }
        }
    }

    private final Shape shape;
    private final MultiLayerNetwork net;
    private final SplittableRandom random;

    public Dl4jLstmPeer(Shape shape, long seed) {
        this.shape = shape;
        this.net = new MultiLayerNetwork(configuration(shape, seed));
        this.net.init();
        this.random = new SplittableRandom(seed);
    }

    static MultiLayerConfiguration configuration(Shape s, long seed) {
        // DL4J's dropOut(x) takes the probability of RETAINING an activation (Dropout javadoc).
        double retain = 1.0 - INPUT_DROP_PROBABILITY;
        // Every nIn is explicit and no setInputType: InputType.recurrent(1, T) would, by default,
        // override the
        // embedding's nIn (the vocabulary) with 1. Features are [batch, T] ids, which the embedding
        // takes as is.
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam())
                .l2(1e-4)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(
                        new EmbeddingSequenceLayer.Builder()
                                .nIn(s.vocab())
                                .nOut(s.embedding())
                                .inputLength(s.seqLength())
                                .hasBias(false)
                                .activation(Activation.IDENTITY)
                                .build())
                .layer(
                        new LastTimeStep(
                                new LSTM.Builder()
                                        .nIn(s.embedding())
                                        .nOut(s.hidden())
                                        .activation(Activation.TANH)
                                        .dropOut(retain)
                                        .build()))
                .layer(
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                .nIn(s.hidden())
                                .nOut(1)
                                .activation(Activation.IDENTITY)
                                .build())
                .build();
    }

    public Shape shape() {
        return shape;
    }

    public MultiLayerNetwork network() {
        return net;
    }

    /**
     * A [batch, seqLength] matrix of token ids in [FIRST_TOKEN_ID, vocab), full length, no padding.
     */
    public INDArray randomFeatures() {
        float[] ids = new float[shape.batch() * shape.seqLength()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(FIRST_TOKEN_ID, shape.vocab());
        }
        return Nd4j.create(ids, new long[] {shape.batch(), shape.seqLength()}, 'c');
    }

    /** A [batch, 1] column of ratings in [0, 1). */
    public INDArray randomLabels() {
        float[] y = new float[shape.batch()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextDouble();
        }
        return Nd4j.create(y, new long[] {shape.batch(), 1}, 'c');
    }

    /** One forward pass with dropout active: a fresh mask on every call. */
    public INDArray stochasticOutput(INDArray features) {
        return net.output(features, true);
    }

    /** One forward pass with dropout off. */
    public INDArray inferenceOutput(INDArray features) {
        return net.output(features, false);
    }

    /**
     * MC dropout scoring of one batch: K stochastic passes, reduced to each review's mean and
     * standard deviation as the product does. Returns reviews per second over {@code iters} timed
     * batches.
     */
    public double mcInferenceReviewsPerSecond(int k, int warmupIters, int iters) {
        requirePositive("k", k);
        requirePositive("iters", iters);
        INDArray features = randomFeatures();
        for (int i = 0; i < warmupIters; i++) {
            mcScore(features, k);
        }
        long start = System.nanoTime();
        for (int i = 0; i < iters; i++) {
            mcScore(features, k);
        }
        return perSecond((long) shape.batch() * iters, System.nanoTime() - start);
    }

    /** Per-review predictive mean and standard deviation, as a [batch, 2] array. */
    INDArray mcScore(INDArray features, int k) {
        INDArray sum = Nd4j.zeros(DataType.FLOAT, shape.batch(), 1);
        INDArray sumSq = Nd4j.zeros(DataType.FLOAT, shape.batch(), 1);
        for (int pass = 0; pass < k; pass++) {
            INDArray y = stochasticOutput(features);
            sum.addi(y);
            sumSq.addi(y.mul(y));
        }
        INDArray mean = sum.divi(k);
        INDArray variance = sumSq.divi(k).subi(mean.mul(mean));
        return Nd4j.hstack(mean, Transforms.sqrt(Transforms.max(variance, 0.0, false), false));
    }

    /**
     * {@code net.fit} on random batches; returns training sequences per second over {@code iters}
     * steps.
     */
    public double trainSequencesPerSecond(int warmupIters, int iters) {
        requirePositive("iters", iters);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(warmupIters + iters, 4)); i++) {
            batches.add(new DataSet(randomFeatures(), randomLabels()));
        }
        for (int i = 0; i < warmupIters; i++) {
            net.fit(batches.get(i % batches.size()));
        }
        long start = System.nanoTime();
        for (int i = 0; i < iters; i++) {
            net.fit(batches.get((warmupIters + i) % batches.size()));
        }
        return perSecond((long) shape.batch() * iters, System.nanoTime() - start);
    }

    private static double perSecond(long items, long nanos) {
        return items / (Math.max(nanos, 1) / 1e9);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /**
     * Prints one JSON line per metric for the default shapes. Optional arguments: warm-up
     * iterations and timed iterations (defaults 1 and 3); run with {@code OMP_NUM_THREADS=1}.
     */
    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int iters = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int k = 10;
        Shape shape = Shape.DEFAULT;
        Dl4jLstmPeer peer = new Dl4jLstmPeer(shape, 42L);
        ObjectMapper json = new ObjectMapper();

        double reviewsPerSecond = peer.mcInferenceReviewsPerSecond(k, warmup, iters);
        ObjectNode mc = line(json, "dl4j_lstm_mc_inference", shape, warmup, iters);
        mc.put("k", k);
        mc.put("reviews_per_s", reviewsPerSecond);
        System.out.println(json.writeValueAsString(mc));

        double seqPerSecond = peer.trainSequencesPerSecond(warmup, iters);
        ObjectNode train = line(json, "dl4j_lstm_train", shape, warmup, iters);
        train.put("seq_per_s", seqPerSecond);
        System.out.println(json.writeValueAsString(train));
    }

    private static ObjectNode line(
            ObjectMapper json, String metric, Shape s, int warmup, int iters) {
        ObjectNode node = json.createObjectNode();
        node.put("metric", metric);
        node.put("batch", s.batch());
        node.put("seq_len", s.seqLength());
        node.put("vocab", s.vocab());
        node.put("embedding", s.embedding());
        node.put("hidden", s.hidden());
        node.put("input_drop_p", INPUT_DROP_PROBABILITY);
        node.put("warmup_iters", warmup);
        node.put("iters", iters);
        node.put("nd4j_threads", Nd4j.getEnvironment().maxThreads());
        return node;
    }
}
