package dev.varsent.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample bundles, and raw bundle bytes taken apart and put back together with a valid checksum. */
final class BundleFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private BundleFixtures() {}

    static BundleContents sample() {
        ObjectNode hyper = JSON.createObjectNode();
        hyper.put("cell", "lstm");
        hyper.put("hiddenSize", 8);
        hyper.put("learningRate", 0.001);
        hyper.put("weightDecay", 1e-6);
        ObjectNode dropout = hyper.putObject("dropout");
        dropout.put("input", 0.25);
        dropout.put("recurrent", 0.25);
        dropout.putArray("embeddingDropPerLayer").add(0.1).add(0.2);
        dropout.putObject("schedule").put("warmupEpochs", 2).putNull("until");
        hyper.put("bidirectional", false);

        ObjectNode tokenizer = JSON.createObjectNode();
        tokenizer.put("type", "word");
        tokenizer.put("lowercase", true);
        tokenizer.put("maxLength", 400);
        tokenizer.putArray("specials").add("<pad>").add("<unk>");

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val.rmse", 0.1 + 0.2);
        metrics.put("auc", 0.93);
        metrics.put("train.loss", Double.NaN);
        metrics.put("max.grad", Double.POSITIVE_INFINITY);
        metrics.put("ece", 1e-300);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("parent", "imdb-2024-05-01T10:00:00Z");
        notes.put("comment", "warm start, \"quoted\" and ünïcödé");

        Provenance provenance =
                new Provenance(
                        "data/imdb/train.tsv",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        0x9E3779B97F4A7C15L,
                        12,
                        "0123456789abcdef0123456789abcdef01234567",
                        Instant.parse("2024-05-02T13:14:15.123456789Z"),
                        "varsent 0.1.0",
                        metrics,
                        notes);

        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("embedding", new Tensor(new long[] {5, 3}, sequence(15, 1f)));
        tensors.put("lstm.W", new Tensor(new long[] {4, 2, 3}, sequence(24, -0.5f)));
        tensors.put(
                "special",
                new Tensor(
                        new long[] {6},
                        new float[] {
                            Float.NaN,
                            -0.0f,
                            Float.MIN_VALUE,
                            Float.MAX_VALUE,
                            Float.NEGATIVE_INFINITY,
                            1e-40f
                        }));
        tensors.put("empty", new Tensor(new long[] {0, 3}, new float[0]));
        tensors.put("bias", new Tensor(new long[] {}, new float[] {0.5f}));

        return new BundleContents(
                "imdb-2024-05-02T13:14:15Z",
                hyper,
                tokenizer,
                provenance,
                List.of("<pad>", "<unk>", "the", "ünïcödé", "😀", ""),
                tensors);
    }

    static float[] sequence(int n, float scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = scale * (i + 1) / 7f;
        }
        return values;
    }

    static byte[] bytes(BundleContents contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BundleFile.write(contents, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Where the sections of a well-formed bundle start. */
    record Sections(int headerStart, int dataStart, int trailerStart) {
        static Sections of(byte[] bundle) {
            long headerLength =
                    ByteBuffer.wrap(bundle, 12, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            int dataStart = 20 + (int) headerLength;
            return new Sections(20, dataStart, bundle.length - 44);
        }
    }

    static ObjectNode header(byte[] bundle) throws IOException {
        Sections s = Sections.of(bundle);
        return (ObjectNode)
                JSON.readTree(Arrays.copyOfRange(bundle, s.headerStart(), s.dataStart()));
    }

    static byte[] data(byte[] bundle) {
        Sections s = Sections.of(bundle);
        return Arrays.copyOfRange(bundle, s.dataStart(), s.trailerStart());
    }

    /** A bundle with a correct checksum around whatever header and data it is given. */
    static byte[] assemble(int formatVersion, byte[] header, byte[] data) throws Exception {
        ByteBuffer body =
                ByteBuffer.allocate(20 + header.length + data.length)
                        .order(ByteOrder.LITTLE_ENDIAN);
        body.put("VARSENT\n".getBytes("US-ASCII"))
                .putInt(formatVersion)
                .putLong(header.length)
                .put(header)
                .put(data);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(body.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body.array());
        out.write(sha);
        out.write("VARSENT.END\n".getBytes("US-ASCII"));
        return out.toByteArray();
    }

    static byte[] assemble(ObjectNode header, byte[] data) throws Exception {
        return assemble(1, JSON.writeValueAsBytes(header), data);
    }
}
