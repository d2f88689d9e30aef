package dev.varsent.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.varsent.blend.BlendSection;
import dev.varsent.blend.WideBlend;
import dev.varsent.bundle.BundleContents;
import dev.varsent.bundle.BundleFile;
import dev.varsent.bundle.BundleFormatException;
import dev.varsent.bundle.Tensor;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Params;
import dev.varsent.text.TokenizerSettings;
import dev.varsent.text.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Maps a {@link SentimentModel} to and from the bundle file format, checking that the parts fit
 * together.
 */
public final class ModelBundle {
    /** The kind of model in {@code hyperParameters.kind}; a bundle of another kind is refused. */
    public static final String KIND = "varsent-rnn";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelBundle() {}

    static BundleContents toContents(SentimentModel m) {
        ObjectNode hp = JSON.createObjectNode();
        hp.put("kind", KIND);
        hp.set("net", JSON.valueToTree(m.net()));
        hp.put("maxLength", m.maxLength());
        hp.put("targetMean", m.targetMean());
        hp.put("targetStd", m.targetStd());
        if (!Double.isNaN(m.noiseVariance())) {
            hp.put("noiseVariance", m.noiseVariance());
        }
        UncertaintyJson.write(m, hp);
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : m.params().asMap().entrySet()) {
            INDArray a = e.getValue();
            tensors.put(
                    e.getKey(),
                    new Tensor(a.shape(), a.castTo(DataType.FLOAT).dup('c').data().asFloat()));
        }
        if (m.blend() != null) {
            BlendSection.write(m.blend(), hp, tensors);
        }
        return new BundleContents(
                m.version(),
                hp,
                JSON.valueToTree(m.tokenizer()),
                m.provenance(),
                m.vocabulary().words(),
                tensors);
    }

    public static void write(SentimentModel m, Path file) throws IOException {
        BundleFile.write(toContents(m), file);
    }

    public static SentimentModel read(Path file) throws IOException {
        try {
            return fromContents(BundleFile.read(file));
        } catch (BundleFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BundleFormatException(
                    file + ": incompatible model bundle: " + e.getMessage());
        }
    }

    public static SentimentModel read(InputStream in, String name) throws IOException {
        try {
            return fromContents(BundleFile.read(in));
        } catch (BundleFormatException e) {
            throw new BundleFormatException(name + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new BundleFormatException(
                    name + ": incompatible model bundle: " + e.getMessage());
        }
    }

    static SentimentModel fromContents(BundleContents c) throws BundleFormatException {
        JsonNode hp = c.hyperParameters();
        if (!KIND.equals(hp.path("kind").asText())) {
            throw new BundleFormatException(
                    "incompatible: model kind '"
                            + hp.path("kind").asText()
                            + "', this build reads '"
                            + KIND
                            + "'");
        }
        NetConfig net;
        TokenizerSettings tokenizer;
        try {
            net = JSON.treeToValue(required(hp, "net"), NetConfig.class);
            tokenizer = JSON.treeToValue(c.tokenizer(), TokenizerSettings.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BundleFormatException(
                    "incompatible: bad hyper-parameters: " + e.getMessage());
        }
        Vocabulary vocab = Vocabulary.fromWords(c.vocabulary());
        if (vocab.size() != net.vocabSize()) {
            throw new BundleFormatException(
                    "incompatible: vocabulary has "
                            + vocab.size()
                            + " words but the network expects "
                            + net.vocabSize());
        }
        WideBlend blend = BlendSection.read(hp, c.tensors());
        LinkedHashMap<String, long[]> expected = Params.shapes(net);
        Set<String> networkTensors = new LinkedHashSet<>(c.tensors().keySet());
        networkTensors.removeIf(BlendSection::isSectionTensor);
        if (!expected.keySet().equals(networkTensors)) {
            throw new BundleFormatException(
                    "incompatible: tensors "
                            + c.tensors().keySet()
                            + ", expected "
                            + expected.keySet());
        }
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            Tensor t = c.tensor(e.getKey());
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new BundleFormatException(
                        "incompatible: tensor "
                                + e.getKey()
                                + " has shape "
                                + Arrays.toString(t.shape())
                                + ", expected "
                                + Arrays.toString(e.getValue()));
            }
            for (float v : t.data()) {
                if (!Float.isFinite(v)) {
                    throw new BundleFormatException(
                            "corrupt: tensor " + e.getKey() + " holds a non-finite value");
                }
            }
            arrays.put(e.getKey(), Nd4j.createFromArray(t.data()).reshape(t.shape()));
        }
        int maxLength = required(hp, "maxLength").asInt();
        if (maxLength < 2) {
            throw new BundleFormatException("incompatible: maxLength " + maxLength);
        }
        double std = required(hp, "targetStd").asDouble();
        if (!(std > 0)) {
            throw new BundleFormatException("incompatible: targetStd " + std);
        }
        double noise = hp.has("noiseVariance") ? hp.get("noiseVariance").asDouble() : Double.NaN;
        return new SentimentModel(
                c.modelVersion(),
                net,
                new Params(arrays),
                vocab,
                tokenizer,
                maxLength,
                required(hp, "targetMean").asDouble(),
                std,
                noise,
                c.provenance(),
                UncertaintyJson.calibration(hp),
                UncertaintyJson.novelty(hp),
                blend);
    }

    private static JsonNode required(JsonNode hp, String field) throws BundleFormatException {
        JsonNode n = hp.get(field);
        if (n == null || n.isNull()) {
            throw new BundleFormatException(
                    "incompatible: hyper-parameter '" + field + "' is missing");
        }
        return n;
    }
}
