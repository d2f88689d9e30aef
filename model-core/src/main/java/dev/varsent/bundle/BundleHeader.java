package dev.varsent.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a bundle: everything but the tensor data, plus the tensor index. Fields a
 * reader does not know are ignored, so a later build may add fields without a new format version.
 */
record BundleHeader(
        String modelVersion,
        ObjectNode hyperParameters,
        ObjectNode tokenizer,
        Provenance provenance,
        List<String> vocabulary,
        List<TensorEntry> index) {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    static BundleHeader of(BundleContents contents) {
        List<TensorEntry> index = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            TensorEntry entry = TensorEntry.of(e.getKey(), e.getValue(), offset);
            index.add(entry);
            offset += entry.length();
        }
        return new BundleHeader(
                contents.modelVersion(),
                contents.hyperParameters(),
                contents.tokenizer(),
                contents.provenance(),
                contents.vocabulary(),
                List.copyOf(index));
    }

    /** Total bytes of tensor data the index describes. */
    long dataLength() {
        return index.isEmpty()
                ? 0
                : index.get(index.size() - 1).offset() + index.get(index.size() - 1).length();
    }

    /** A deep copy of {@code node} as a reader would see it after a write. */
    static ObjectNode normalized(ObjectNode node, String what) {
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    what + " cannot be written as JSON: " + originalMessage(e), e);
        }
    }

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("modelVersion", modelVersion);
        root.set("provenance", ProvenanceJson.write(provenance));
        root.set("hyperParameters", hyperParameters);
        root.set("tokenizer", tokenizer);
        ArrayNode tensors = root.putArray("tensors");
        for (TensorEntry entry : index) {
            ObjectNode t = tensors.addObject();
            t.put("name", entry.name());
            ArrayNode shape = t.putArray("shape");
            Arrays.stream(entry.shape()).forEach(shape::add);
            t.put("dtype", TensorEntry.DTYPE);
            t.put("offset", entry.offset());
            t.put("length", entry.length());
        }
        ArrayNode vocab = root.putArray("vocabulary");
        vocabulary.forEach(vocab::add);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "bundle header of " + modelVersion + " cannot be written as JSON", e);
        }
    }

    static BundleHeader parse(byte[] json) throws BundleFormatException {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(json)) {
            root = JSON.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw new BundleFormatException(
                        "header JSON malformed: more content after the header object");
            }
        } catch (BundleFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new BundleFormatException("header JSON malformed: " + originalMessage(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new BundleFormatException(
                    "header JSON malformed: expected an object, found "
                            + (root == null ? "nothing" : typeName(root)));
        }
        String modelVersion = text(root, "modelVersion", "modelVersion");
        Provenance provenance =
                ProvenanceJson.read(object(root, "provenance", "provenance"), "provenance");
        ObjectNode hyperParameters = object(root, "hyperParameters", "hyperParameters");
        ObjectNode tokenizer = object(root, "tokenizer", "tokenizer");
        List<TensorEntry> index = parseIndex(array(root, "tensors", "tensors"));
        ArrayNode vocabNode = array(root, "vocabulary", "vocabulary");
        List<String> vocabulary = new ArrayList<>(vocabNode.size());
        for (int id = 0; id < vocabNode.size(); id++) {
            JsonNode token = vocabNode.get(id);
            if (!token.isTextual()) {
                throw new BundleFormatException(
                        "header field 'vocabulary["
                                + id
                                + "]' must be a string, found "
                                + typeName(token));
            }
            vocabulary.add(token.textValue());
        }
        return new BundleHeader(
                modelVersion, hyperParameters, tokenizer, provenance, vocabulary, index);
    }

    private static List<TensorEntry> parseIndex(ArrayNode tensors) throws BundleFormatException {
        List<TensorEntry> index = new ArrayList<>(tensors.size());
        Set<String> names = new HashSet<>();
        long expectedOffset = 0;
        for (int i = 0; i < tensors.size(); i++) {
            String at = "tensors[" + i + "]";
            JsonNode node = tensors.get(i);
            if (!node.isObject()) {
                throw new BundleFormatException(
                        "header field '" + at + "' must be an object, found " + typeName(node));
            }
            String name = text(node, "name", at + ".name");
            if (name.isEmpty() || !names.add(name)) {
                throw new BundleFormatException(
                        "tensor index inconsistent: "
                                + (name.isEmpty()
                                        ? "empty tensor name at " + at
                                        : "duplicate tensor name '" + name + "'"));
            }
            String dtype = text(node, "dtype", at + ".dtype");
            if (!TensorEntry.DTYPE.equals(dtype)) {
                throw new BundleFormatException(
                        "tensor '"
                                + name
                                + "' has dtype '"
                                + dtype
                                + "'; this build reads "
                                + TensorEntry.DTYPE
                                + " only");
            }
            ArrayNode shapeNode = array(node, "shape", at + ".shape");
            long[] shape = new long[shapeNode.size()];
            for (int d = 0; d < shape.length; d++) {
                JsonNode dim = shapeNode.get(d);
                if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.longValue() < 0) {
                    throw new BundleFormatException(
                            "tensor index inconsistent: tensor '"
                                    + name
                                    + "' has an invalid shape "
                                    + shapeNode);
                }
                shape[d] = dim.longValue();
            }
            long elements;
            try {
                elements = Tensor.elementCount(shape);
            } catch (IllegalArgumentException e) {
                throw new BundleFormatException(
                        "tensor index inconsistent: tensor '" + name + "': " + e.getMessage());
            }
            long offset = integral(node, "offset", at + ".offset");
            long length = integral(node, "length", at + ".length");
            if (length != elements * Float.BYTES) {
                throw new BundleFormatException(
                        "tensor index inconsistent: tensor '"
                                + name
                                + "' has length "
                                + length
                                + " bytes but shape "
                                + Arrays.toString(shape)
                                + " needs "
                                + elements * Float.BYTES);
            }
            if (offset != expectedOffset) {
                throw new BundleFormatException(
                        "tensor index inconsistent: tensor '"
                                + name
                                + "' starts at offset "
                                + offset
                                + ", expected "
                                + expectedOffset
                                + " (tensors are stored back to back in index order)");
            }
            index.add(new TensorEntry(name, shape, offset, length));
            expectedOffset += length;
        }
        return List.copyOf(index);
    }

    static JsonNode required(JsonNode parent, String field, String path)
            throws BundleFormatException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new BundleFormatException("header is missing required field '" + path + "'");
        }
        return node;
    }

    static String text(JsonNode parent, String field, String path) throws BundleFormatException {
        JsonNode node = required(parent, field, path);
        if (!node.isTextual()) {
            throw new BundleFormatException(
                    "header field '" + path + "' must be a string, found " + typeName(node));
        }
        return node.textValue();
    }

    static long integral(JsonNode parent, String field, String path) throws BundleFormatException {
        JsonNode node = required(parent, field, path);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BundleFormatException(
                    "header field '"
                            + path
                            + "' must be a 64-bit integer, found "
                            + describe(node));
        }
        return node.longValue();
    }

    static ObjectNode object(JsonNode parent, String field, String path)
            throws BundleFormatException {
        JsonNode node = required(parent, field, path);
        if (!node.isObject()) {
            throw new BundleFormatException(
                    "header field '" + path + "' must be an object, found " + typeName(node));
        }
        return (ObjectNode) node;
    }

    static ArrayNode array(JsonNode parent, String field, String path)
            throws BundleFormatException {
        JsonNode node = required(parent, field, path);
        if (!node.isArray()) {
            throw new BundleFormatException(
                    "header field '" + path + "' must be an array, found " + typeName(node));
        }
        return (ArrayNode) node;
    }

    static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** A value for an error message: scalars as written, containers by type only. */
    static String describe(JsonNode node) {
        return node.isContainerNode() ? typeName(node) : node.toString();
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }
}
