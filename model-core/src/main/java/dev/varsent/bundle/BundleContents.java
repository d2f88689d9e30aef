package dev.varsent.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Everything one model version consists of: its hyper-parameters and tokenizer configuration (JSON,
 * owned by the network and tokenizer code), provenance, vocabulary in id order, and named tensors
 * in a fixed order.
 *
 * <p>The JSON trees are copied through their serialized form, so a {@code BundleContents} equals
 * what {@link BundleFile#read} returns for it (a {@code FloatNode} becomes the {@code DoubleNode} a
 * reader sees, a {@code LongNode} holding a small value becomes an {@code IntNode}). The vocabulary
 * and the tensor map are copied too, and the accessors hand out copies; only the tensors' float
 * arrays are shared, not copied.
 */
public record BundleContents(
        String modelVersion,
        ObjectNode hyperParameters,
        ObjectNode tokenizer,
        Provenance provenance,
        List<String> vocabulary,
        LinkedHashMap<String, Tensor> tensors) {

    public BundleContents {
        Objects.requireNonNull(modelVersion, "modelVersion");
        if (modelVersion.isBlank()) {
            throw new IllegalArgumentException("modelVersion must not be blank");
        }
        hyperParameters =
                BundleHeader.normalized(
                        Objects.requireNonNull(hyperParameters, "hyperParameters"),
                        "hyperParameters");
        tokenizer =
                BundleHeader.normalized(
                        Objects.requireNonNull(tokenizer, "tokenizer"), "tokenizer");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(vocabulary, "vocabulary");
        for (int id = 0; id < vocabulary.size(); id++) {
            if (vocabulary.get(id) == null) {
                throw new IllegalArgumentException("vocabulary entry " + id + " is null");
            }
        }
        vocabulary = List.copyOf(vocabulary);
        Objects.requireNonNull(tensors, "tensors");
        tensors = new LinkedHashMap<>(tensors);
        tensors.forEach(
                (name, tensor) -> {
                    if (name == null || name.isEmpty()) {
                        throw new IllegalArgumentException(
                                "tensor names must not be null or empty");
                    }
                    if (tensor == null) {
                        throw new IllegalArgumentException("tensor '" + name + "' is null");
                    }
                });
    }

    /** The same contents with these hyper-parameters (e.g. a test's edited copy). */
    public BundleContents withHyperParameters(ObjectNode hp) {
        return new BundleContents(modelVersion, hp, tokenizer, provenance, vocabulary, tensors);
    }

    /** The same contents with these tensors. */
    public BundleContents withTensors(LinkedHashMap<String, Tensor> t) {
        return new BundleContents(
                modelVersion, hyperParameters, tokenizer, provenance, vocabulary, t);
    }

    /** A copy; the bundle itself cannot be changed through it. */
    @Override
    public ObjectNode hyperParameters() {
        return hyperParameters.deepCopy();
    }

    /** A copy; the bundle itself cannot be changed through it. */
    @Override
    public ObjectNode tokenizer() {
        return tokenizer.deepCopy();
    }

    /**
     * A copy of the tensor map, in bundle order; the bundle itself cannot be changed through it.
     */
    @Override
    public LinkedHashMap<String, Tensor> tensors() {
        return new LinkedHashMap<>(tensors);
    }

    /** The tensor called {@code name}. */
    public Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException(
                    "bundle "
                            + modelVersion
                            + " has no tensor '"
                            + name
                            + "'; it has "
                            + tensors.keySet());
        }
        return tensor;
    }

    /** Short form: the vocabulary and tensor data would swamp a log line. */
    @Override
    public String toString() {
        String tensorShapes =
                tensors.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ", "{", "}"));
        return "BundleContents[modelVersion="
                + modelVersion
                + ", hyperParameters="
                + hyperParameters
                + ", tokenizer="
                + tokenizer
                + ", provenance="
                + provenance
                + ", vocabulary="
                + vocabulary.size()
                + " tokens, tensors="
                + tensorShapes
                + "]";
    }
}
