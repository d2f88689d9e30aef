package dev.varsent.blend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.baseline.BagOfWords;
import dev.varsent.baseline.RidgeRegression;
import dev.varsent.bundle.BundleFormatException;
import dev.varsent.bundle.Provenance;
import dev.varsent.bundle.ProvenanceJson;
import dev.varsent.bundle.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The optional {@code blend} section of a bundle: a block of the hyper-parameters ({@code {"kind":
 * "bag-of-words-ridge", "weight", "bias", "aleatoricScale", "ridge": {"lambda", "intercept",
 * "iterations", "vocabulary": [...]}, "errorRidge": {"lambda", "intercept", "iterations"},
 * "provenance": {...}}}) and the ridge's weights as the float32 tensor {@value #WEIGHTS_TENSOR},
 * one per vocabulary word; the optional error ridge ({@link ErrorRidge}; absent in blends before
 * it, which read as blends without one) has its weights in {@value #ERROR_WEIGHTS_TENSOR}. A bundle
 * without the block is a network alone. The weights are a tensor on purpose: a build that predates
 * the section refuses the bundle (its tensor set is not the network's) rather than serving the
 * network alone with the blend's calibration.
 */
public final class BlendSection {
    public static final String FIELD = "blend";
    public static final String KIND = "bag-of-words-ridge";

    /**
     * The kind of a blend whose vocabulary holds bigrams: a build that reads only {@link #KIND}
     * would take each bigram for a word no text holds, so it is told the kind and refuses.
     */
    public static final String NGRAM_KIND = "bag-of-ngrams-ridge";

    public static final String WEIGHTS_TENSOR = "blend.ridge.weights";
    public static final String ERROR_WEIGHTS_TENSOR = "blend.errorRidge.weights";

    private BlendSection() {}

    /** Whether {@code tensorName} belongs to this section rather than to the network. */
    public static boolean isSectionTensor(String tensorName) {
        return WEIGHTS_TENSOR.equals(tensorName) || ERROR_WEIGHTS_TENSOR.equals(tensorName);
    }

    /** Adds {@code blend} to the hyper-parameters and tensors of a bundle being written. */
    public static void write(
            WideBlend blend, ObjectNode hyperParameters, Map<String, Tensor> tensors) {
        ObjectNode o = hyperParameters.putObject(FIELD);
        o.put("kind", blend.words().hasBigrams() ? NGRAM_KIND : KIND);
        o.put("weight", blend.weight());
        o.put("bias", blend.bias());
        o.put("aleatoricScale", blend.aleatoricScale());
        ObjectNode ridge = o.putObject("ridge");
        ridge.put("lambda", blend.lambda());
        ridge.put("intercept", blend.ridge().intercept());
        ridge.put("iterations", blend.ridge().iterations());
        ArrayNode vocabulary = ridge.putArray("vocabulary");
        blend.words().words().forEach(vocabulary::add);
        ErrorRidge e = blend.errorRidge();
        if (e != null) {
            o.putObject("errorRidge")
                    .put("lambda", e.lambda())
                    .put("intercept", e.model().intercept())
                    .put("iterations", e.model().iterations());
            tensors.put(ERROR_WEIGHTS_TENSOR, tensor(e.model().weights()));
        }
        o.set("provenance", ProvenanceJson.write(blend.provenance()));
        tensors.put(WEIGHTS_TENSOR, tensor(blend.ridge().weights()));
    }

    private static Tensor tensor(double[] w) {
        float[] data = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            data[i] = (float) w[i];
        }
        return new Tensor(new long[] {w.length}, data);
    }

    private static double[] doubles(Tensor t) {
        double[] w = new double[t.size()];
        float[] data = t.data();
        for (int i = 0; i < w.length; i++) {
            w[i] = data[i];
        }
        return w;
    }

    /** The error ridge of the block, or null when it has none. */
    private static ErrorRidge errorRidge(JsonNode o, Map<String, Tensor> tensors, int words)
            throws BundleFormatException {
        JsonNode e = o.get("errorRidge");
        Tensor weights = tensors.get(ERROR_WEIGHTS_TENSOR);
        if (e == null || e.isNull()) {
            if (weights != null) {
                throw new BundleFormatException(
                        "incompatible: tensor "
                                + ERROR_WEIGHTS_TENSOR
                                + " without a blend errorRidge block");
            }
            return null;
        }
        if (weights == null || weights.rank() != 1 || weights.size() != words) {
            throw new BundleFormatException(
                    "incompatible: the blend errorRidge block needs a rank-1 tensor "
                            + ERROR_WEIGHTS_TENSOR
                            + " of "
                            + words
                            + " weights");
        }
        return new ErrorRidge(
                new RidgeRegression.Model(
                        doubles(weights),
                        number(e, "intercept"),
                        required(e, "iterations").asInt()),
                number(e, "lambda"));
    }

    /**
     * The blend a bundle carries, or null when it has none.
     *
     * @throws BundleFormatException if the section is present but incomplete or inconsistent
     */
    public static WideBlend read(JsonNode hyperParameters, Map<String, Tensor> tensors)
            throws BundleFormatException {
        JsonNode o = hyperParameters.get(FIELD);
        Tensor weights = tensors.get(WEIGHTS_TENSOR);
        if (o == null || o.isNull()) {
            if (weights != null) {
                throw new BundleFormatException(
                        "incompatible: tensor " + WEIGHTS_TENSOR + " without a blend block");
            }
            return null;
        }
        String kind = o.path("kind").asText();
        if (!KIND.equals(kind) && !NGRAM_KIND.equals(kind)) {
            throw new BundleFormatException(
                    "incompatible: blend kind '"
                            + kind
                            + "', this build reads '"
                            + KIND
                            + "' and '"
                            + NGRAM_KIND
                            + "'");
        }
        if (weights == null || weights.rank() != 1) {
            throw new BundleFormatException(
                    "incompatible: the blend block needs a rank-1 tensor " + WEIGHTS_TENSOR);
        }
        JsonNode ridge = required(o, "ridge");
        JsonNode vocabularyNode = required(ridge, "vocabulary");
        if (!vocabularyNode.isArray()) {
            throw new BundleFormatException(
                    "incompatible: blend field 'ridge.vocabulary' must be an array");
        }
        List<String> vocabulary = new ArrayList<>(vocabularyNode.size());
        for (JsonNode word : vocabularyNode) {
            if (!word.isTextual()) {
                throw new BundleFormatException(
                        "incompatible: blend vocabulary holds " + word + ", not a word");
            }
            vocabulary.add(word.textValue());
        }
        if (vocabulary.size() != weights.size()) {
            throw new BundleFormatException(
                    "incompatible: blend vocabulary has "
                            + vocabulary.size()
                            + " words but "
                            + WEIGHTS_TENSOR
                            + " "
                            + weights.size()
                            + " weights");
        }
        JsonNode provenance = required(o, "provenance");
        if (!provenance.isObject()) {
            throw new BundleFormatException(
                    "incompatible: blend field 'provenance' must be an object");
        }
        Provenance p =
                ProvenanceJson.read((ObjectNode) provenance, "hyperParameters.blend.provenance");
        double[] w = doubles(weights);
        try {
            BagOfWords words = BagOfWords.of(vocabulary);
            if (words.hasBigrams() != NGRAM_KIND.equals(kind)) {
                throw new BundleFormatException(
                        "incompatible: blend kind '"
                                + kind
                                + "' with a vocabulary "
                                + (words.hasBigrams() ? "holding" : "without")
                                + " bigrams");
            }
            return new WideBlend(
                    words,
                    new RidgeRegression.Model(
                            w, number(ridge, "intercept"), required(ridge, "iterations").asInt()),
                    number(ridge, "lambda"),
                    number(o, "weight"),
                    number(o, "bias"),
                    number(o, "aleatoricScale"),
                    p,
                    errorRidge(o, tensors, vocabulary.size()));
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException("incompatible: bad blend block: " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode o, String field) throws BundleFormatException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new BundleFormatException("incompatible: blend field '" + field + "' is missing");
        }
        return n;
    }

    private static double number(JsonNode o, String field) throws BundleFormatException {
        JsonNode n = required(o, field);
        if (!n.isNumber()) {
            throw new BundleFormatException(
                    "incompatible: blend field '" + field + "' must be a number, found " + n);
        }
        return n.doubleValue();
    }
}
