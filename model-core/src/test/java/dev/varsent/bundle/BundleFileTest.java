package dev.varsent.bundle;

import static dev.varsent.bundle.BundleFixtures.JSON;
import static dev.varsent.bundle.BundleFixtures.assemble;
import static dev.varsent.bundle.BundleFixtures.bytes;
import static dev.varsent.bundle.BundleFixtures.data;
import static dev.varsent.bundle.BundleFixtures.header;
import static dev.varsent.bundle.BundleFixtures.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleFileTest {

    @TempDir Path dir;

    @Test
    void roundTripPreservesEverything() throws IOException {
        BundleContents original = sample();
        Path file = dir.resolve("model.bundle");
        BundleFile.write(original, file);
        BundleContents read = BundleFile.read(file);

        assertEquals(original, read);
        assertEquals("imdb-2024-05-02T13:14:15Z", read.modelVersion());

        Provenance p = read.provenance();
        assertEquals("data/imdb/train.tsv", p.dataPath());
        assertEquals(original.provenance().dataSha256(), p.dataSha256());
        assertEquals(0x9E3779B97F4A7C15L, p.seed());
        assertEquals(12, p.epochs());
        assertEquals("0123456789abcdef0123456789abcdef01234567", p.gitCommit());
        assertEquals(original.provenance().createdAt(), p.createdAt());
        assertEquals(123456789, p.createdAt().getNano());
        assertEquals("varsent 0.1.0", p.trainer());
        assertEquals(
                List.of("val.rmse", "auc", "train.loss", "max.grad", "ece"),
                List.copyOf(p.metrics().keySet()));
        assertEquals(0.1 + 0.2, p.metrics().get("val.rmse"));
        assertTrue(p.metrics().get("train.loss").isNaN());
        assertEquals(Double.POSITIVE_INFINITY, p.metrics().get("max.grad"));
        assertEquals(1e-300, p.metrics().get("ece"));
        assertEquals(List.of("parent", "comment"), List.copyOf(p.notes().keySet()));
        assertEquals("warm start, \"quoted\" and ünïcödé", p.notes().get("comment"));

        JsonNode hyper = read.hyperParameters();
        assertEquals(0.25, hyper.at("/dropout/recurrent").doubleValue());
        assertEquals(0.2, hyper.at("/dropout/embeddingDropPerLayer/1").doubleValue());
        assertEquals(2, hyper.at("/dropout/schedule/warmupEpochs").intValue());
        assertTrue(hyper.at("/dropout/schedule/until").isNull());
        assertEquals(original.hyperParameters(), hyper);
        assertEquals(original.tokenizer(), read.tokenizer());

        assertEquals(List.of("<pad>", "<unk>", "the", "ünïcödé", "😀", ""), read.vocabulary());
        assertEquals(
                List.of("embedding", "lstm.W", "special", "empty", "bias"),
                List.copyOf(read.tensors().keySet()));
        assertArrayEquals(new long[] {4, 2, 3}, read.tensor("lstm.W").shape());
        assertArrayEquals(original.tensor("lstm.W").data(), read.tensor("lstm.W").data());
        float[] special = read.tensor("special").data();
        assertTrue(Float.isNaN(special[0]));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(special[1]));
        assertEquals(1e-40f, special[5]);
        assertArrayEquals(new long[] {}, read.tensor("bias").shape());
        assertEquals(0, read.tensor("empty").size());
    }

    @Test
    void streamsHoldTheSameBytesAsFiles() throws IOException {
        Path file = dir.resolve("model.bundle");
        BundleFile.write(sample(), file);
        byte[] streamed = bytes(sample());

        assertArrayEquals(
                Files.readAllBytes(file),
                streamed,
                "writing is deterministic and path-independent");
        assertEquals(sample(), BundleFile.read(new ByteArrayInputStream(streamed)));
    }

    @Test
    void layoutIsAsDocumented() throws Exception {
        byte[] bundle = bytes(sample());
        ByteBuffer buf = ByteBuffer.wrap(bundle).order(ByteOrder.LITTLE_ENDIAN);

        assertEquals("VARSENT\n", new String(bundle, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(BundleFile.FORMAT_VERSION, buf.getInt(8));
        assertEquals(1, buf.getInt(8));
        int headerLength = (int) buf.getLong(12);
        int dataStart = 20 + headerLength;

        JsonNode header =
                JSON.readTree(new String(bundle, 20, headerLength, StandardCharsets.UTF_8));
        JsonNode lstm = header.get("tensors").get(1);
        assertEquals("lstm.W", lstm.get("name").textValue());
        assertEquals("[4,2,3]", lstm.get("shape").toString());
        assertEquals("float32", lstm.get("dtype").textValue());
        assertEquals(15 * 4, lstm.get("offset").longValue());
        assertEquals(24 * 4, lstm.get("length").longValue());
        assertEquals(
                "2024-05-02T13:14:15.123456789Z", header.at("/provenance/createdAt").textValue());
        assertEquals("NaN", header.at("/provenance/metrics/train.loss").textValue());

        float[] w = sample().tensor("lstm.W").data();
        assertEquals(w[0], buf.getFloat(dataStart + 60));
        assertEquals(w[23], buf.getFloat(dataStart + 60 + 23 * 4));

        int dataLength = (15 + 24 + 6 + 0 + 1) * 4;
        int trailerStart = dataStart + dataLength;
        assertEquals(bundle.length, trailerStart + 32 + 12);
        byte[] sha =
                MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(bundle, trailerStart));
        assertArrayEquals(sha, Arrays.copyOfRange(bundle, trailerStart, trailerStart + 32));
        assertEquals(
                "VARSENT.END\n",
                new String(bundle, trailerStart + 32, 12, StandardCharsets.US_ASCII));
    }

    @Test
    void anyFlippedByteInTheDataSectionOrChecksumIsCorrupt() {
        byte[] bundle = bytes(sample());
        int dataStart = BundleFixtures.Sections.of(bundle).dataStart();
        int checksumEnd = bundle.length - 12;
        for (int i = dataStart; i < checksumEnd; i++) {
            byte[] damaged = bundle.clone();
            damaged[i] ^= 0x01;
            BundleFormatException e =
                    assertThrows(
                            BundleFormatException.class,
                            () -> BundleFile.read(new ByteArrayInputStream(damaged)),
                            "flip at byte " + i);
            assertEquals("corrupt: SHA-256 mismatch", e.getMessage(), "flip at byte " + i);
        }
    }

    @Test
    void anyFlippedByteAnywhereIsRefused() {
        byte[] bundle = bytes(sample());
        for (int i = 0; i < bundle.length; i++) {
            for (int mask : new int[] {0x01, 0x80}) {
                byte[] damaged = bundle.clone();
                damaged[i] ^= (byte) mask;
                try {
                    BundleFile.read(new ByteArrayInputStream(damaged));
                    fail("flipping byte " + i + " with mask " + mask + " went unnoticed");
                } catch (BundleFormatException expected) {
                    assertFalse(
                            expected.getMessage().contains("com.fasterxml"), expected.getMessage());
                } catch (IOException | RuntimeException other) {
                    fail("flipping byte " + i + " with mask " + mask + " threw " + other, other);
                }
            }
        }
    }

    @Test
    void everyTruncationIsRefusedAsTruncated() throws IOException {
        byte[] bundle = bytes(sample());
        for (int length = 0; length < bundle.length; length++) {
            byte[] cut = Arrays.copyOf(bundle, length);
            BundleFormatException e =
                    assertThrows(
                            BundleFormatException.class,
                            () -> BundleFile.read(new ByteArrayInputStream(cut)));
            assertTrue(e.getMessage().startsWith("truncated: "), length + ": " + e.getMessage());
        }

        // A file is checked against its size before its data is read, a different path than a
        // stream's.
        Path file = dir.resolve("cut.bundle");
        Files.write(file, bundle);
        try (FileChannel shrinking = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int length = bundle.length - 1; length >= 0; length--) {
                shrinking.truncate(length);
                BundleFormatException e =
                        assertThrows(BundleFormatException.class, () -> BundleFile.read(file));
                assertTrue(
                        e.getMessage().startsWith(file + ": truncated: "),
                        length + ": " + e.getMessage());
            }
        }
    }

    @Test
    void truncationMessageSaysWhere() {
        byte[] bundle = bytes(sample());
        int dataStart = BundleFixtures.Sections.of(bundle).dataStart();
        byte[] cut = Arrays.copyOf(bundle, dataStart + 70);
        BundleFormatException e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(cut)));
        assertEquals(
                "truncated: ends after " + (dataStart + 70) + " bytes, inside the tensor 'lstm.W'",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PK\u0003\u0004 a zip file", "{\"modelVersion\":\"x\"}", "VARSENT\r\n"})
    void wrongMagicIsNotABundle(String content) throws IOException {
        Path file = dir.resolve("other.bin");
        Files.write(file, content.getBytes(StandardCharsets.ISO_8859_1));
        BundleFormatException e =
                assertThrows(BundleFormatException.class, () -> BundleFile.read(file));
        assertTrue(e.getMessage().contains("not a varsent model bundle"), e.getMessage());
    }

    @Test
    void newerFormatVersionIsRefused() throws Exception {
        byte[] bundle = bytes(sample());
        byte[] newer =
                assemble(
                        7,
                        header(bundle).toString().getBytes(StandardCharsets.UTF_8),
                        data(bundle));
        BundleFormatException e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(newer)));
        assertEquals("format version 7 is newer than this build reads (1)", e.getMessage());

        byte[] zero =
                assemble(
                        0,
                        header(bundle).toString().getBytes(StandardCharsets.UTF_8),
                        data(bundle));
        e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(zero)));
        assertTrue(e.getMessage().startsWith("corrupt: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/modelVersion",
                "/hyperParameters",
                "/tokenizer",
                "/vocabulary",
                "/tensors",
                "/provenance",
                "/provenance/dataPath",
                "/provenance/dataSha256",
                "/provenance/seed",
                "/provenance/epochs",
                "/provenance/gitCommit",
                "/provenance/createdAt",
                "/provenance/trainer",
                "/provenance/metrics",
                "/provenance/notes",
                "/tensors/0/name",
                "/tensors/2/shape",
                "/tensors/1/dtype",
                "/tensors/1/offset",
                "/tensors/1/length"
            })
    void headerMissingARequiredFieldIsRefused(String pointer) throws Exception {
        byte[] bundle = bytes(sample());
        ObjectNode header = header(bundle);
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = header.at(pointer.substring(0, slash));
        ((ObjectNode) parent).remove(pointer.substring(slash + 1));
        byte[] damaged = assemble(header, data(bundle));

        BundleFormatException e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(damaged)));
        String field = pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.');
        assertEquals("header is missing required field '" + field + "'", e.getMessage());
    }

    @Test
    void headerFieldOfTheWrongTypeIsRefused() throws Exception {
        byte[] bundle = bytes(sample());
        ObjectNode header = header(bundle);
        ((ObjectNode) header.get("provenance")).put("seed", "forty-two");
        byte[] damaged = assemble(header, data(bundle));
        BundleFormatException e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(damaged)));
        assertEquals(
                "header field 'provenance.seed' must be a 64-bit integer, found \"forty-two\"",
                e.getMessage());

        header = header(bundle);
        ((ObjectNode) header.get("provenance")).put("createdAt", "yesterday");
        byte[] badInstant = assemble(header, data(bundle));
        e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(badInstant)));
        assertEquals(
                "header field 'provenance.createdAt' is not an ISO-8601 instant: yesterday",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"modelVersion\": ",
                "not json at all",
                "[1, 2, 3]",
                "{\"a\": 1} {\"b\": 2}",
                "{\"modelVersion\": \"a\", \"modelVersion\": \"b\"}",
                "   "
            })
    void malformedHeaderJsonIsRefused(String headerJson) throws Exception {
        byte[] damaged = assemble(1, headerJson.getBytes(StandardCharsets.UTF_8), new byte[0]);
        BundleFormatException e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(damaged)));
        assertTrue(e.getMessage().startsWith("header JSON malformed: "), e.getMessage());
        assertFalse(e.getMessage().contains("com.fasterxml"), e.getMessage());
    }

    @Test
    void tensorLengthDisagreeingWithItsShapeIsRefused() throws Exception {
        byte[] bundle = bytes(sample());
        ObjectNode header = header(bundle);
        ((ObjectNode) header.at("/tensors/0")).putArray("shape").add(5).add(4);
        byte[] damaged = assemble(header, data(bundle));
        BundleFormatException e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(damaged)));
        assertEquals(
                "tensor index inconsistent: tensor 'embedding' has length 60 bytes but shape [5, 4] needs 80",
                e.getMessage());
    }

    @Test
    void tensorsThatAreNotBackToBackAreRefused() throws Exception {
        byte[] bundle = bytes(sample());
        ObjectNode header = header(bundle);
        ((ObjectNode) header.at("/tensors/1")).put("offset", 64);
        byte[] damaged = assemble(header, data(bundle));
        BundleFormatException e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(damaged)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "tensor index inconsistent: tensor 'lstm.W' starts at offset 64, expected 60"),
                e.getMessage());
    }

    @Test
    void duplicateTensorNamesAndUnknownDtypesAreRefused() throws Exception {
        byte[] bundle = bytes(sample());
        ObjectNode header = header(bundle);
        ((ObjectNode) header.at("/tensors/1")).put("name", "embedding");
        byte[] duplicate = assemble(header, data(bundle));
        BundleFormatException e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(duplicate)));
        assertEquals(
                "tensor index inconsistent: duplicate tensor name 'embedding'", e.getMessage());

        header = header(bundle);
        ((ObjectNode) header.at("/tensors/1")).put("dtype", "float16");
        byte[] halfs = assemble(header, data(bundle));
        e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(halfs)));
        assertEquals(
                "tensor 'lstm.W' has dtype 'float16'; this build reads float32 only",
                e.getMessage());
    }

    @Test
    void indexDescribingLessDataThanStoredIsRefused() throws Exception {
        byte[] bundle = bytes(sample());
        ObjectNode header = header(bundle);
        ((ArrayNode) header.get("tensors")).remove(4);
        byte[] damaged = assemble(header, data(bundle));
        Path file = dir.resolve("short-index.bundle");
        Files.write(file, damaged);

        for (BundleFormatException e :
                List.of(
                        assertThrows(
                                BundleFormatException.class,
                                () -> BundleFile.read(new ByteArrayInputStream(damaged))),
                        assertThrows(BundleFormatException.class, () -> BundleFile.read(file)))) {
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "corrupt: no end marker where the tensor index says the data ends"),
                    e.getMessage());
        }
    }

    @Test
    void indexDescribingMoreDataThanStoredIsRefused() throws Exception {
        byte[] bundle = bytes(sample());
        byte[] data = data(bundle);
        byte[] damaged = assemble(header(bundle), Arrays.copyOf(data, data.length - 4));
        Path file = dir.resolve("long-index.bundle");
        Files.write(file, damaged);

        BundleFormatException fromFile =
                assertThrows(BundleFormatException.class, () -> BundleFile.read(file));
        assertTrue(
                fromFile.getMessage()
                        .contains(
                                "truncated: the file is "
                                        + damaged.length
                                        + " bytes but its tensor index puts "
                                        + data.length
                                        + " bytes of tensor data after the"),
                fromFile.getMessage());
        BundleFormatException fromStream =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(damaged)));
        assertTrue(fromStream.getMessage().startsWith("truncated: "), fromStream.getMessage());
    }

    @Test
    void trailingGarbageIsRefused() throws IOException {
        byte[] bundle = bytes(sample());
        byte[] longer = Arrays.copyOf(bundle, bundle.length + 3);
        BundleFormatException e =
                assertThrows(
                        BundleFormatException.class,
                        () -> BundleFile.read(new ByteArrayInputStream(longer)));
        assertEquals("trailing garbage after the end marker", e.getMessage());

        Path file = dir.resolve("garbage.bundle");
        Files.write(file, longer);
        e = assertThrows(BundleFormatException.class, () -> BundleFile.read(file));
        assertEquals(file + ": trailing garbage after the end marker (3 bytes)", e.getMessage());
    }

    @Test
    void unknownHeaderFieldsAreIgnored() throws Exception {
        byte[] bundle = bytes(sample());
        ObjectNode header = header(bundle);
        header.putObject("calibration").put("temperature", 1.5);
        ((ObjectNode) header.get("provenance")).put("host", "trainer-7");
        byte[] extended = assemble(header, data(bundle));
        assertEquals(sample(), BundleFile.read(new ByteArrayInputStream(extended)));
    }

    @Test
    void readingAStreamLeavesItOpen() throws IOException {
        var in =
                new ByteArrayInputStream(bytes(sample())) {
                    boolean closed;

                    @Override
                    public void close() {
                        closed = true;
                    }
                };
        BundleFile.read(in);
        assertFalse(in.closed);
    }

    @Test
    void writeLeavesNoTempFileAndReplacesTheOldBundle() throws IOException {
        Path file = dir.resolve("model.bundle");
        BundleFile.write(sample(), file);
        BundleContents second = withVersion(sample(), "second");
        BundleFile.write(second, file);

        assertEquals(second, BundleFile.read(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void aRejectedTensorLeavesTheOldBundleUntouched() throws IOException {
        Path file = dir.resolve("model.bundle");
        BundleFile.write(sample(), file);
        byte[] before = Files.readAllBytes(file);

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> {
                            LinkedHashMap<String, Tensor> tensors = sample().tensors();
                            tensors.put("bad", new Tensor(new long[] {2, 3}, new float[5]));
                            BundleFile.write(withTensors(sample(), tensors), file);
                        });
        assertEquals("shape [2, 3] holds 6 floats but data has 5", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void aWriteFailingHalfwayLeavesTheOldBundleAndNoTempFile() throws IOException {
        Path file = dir.resolve("model.bundle");
        BundleFile.write(sample(), file);
        byte[] before = Files.readAllBytes(file);

        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFileWriter.write(
                                        file,
                                        out -> {
                                            out.write(new byte[100_000]);
                                            throw new IOException("disk full");
                                        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void aFailedRenameLeavesNoTempFile() throws IOException {
        Path occupied = Files.createDirectory(dir.resolve("model.bundle"));
        Files.writeString(occupied.resolve("keep.txt"), "keep");

        assertThrows(IOException.class, () -> BundleFile.write(sample(), occupied));
        assertEquals(List.of(occupied), listDir());
        assertEquals("keep", Files.readString(occupied.resolve("keep.txt")));
    }

    @Test
    void theBundleGetsOrdinaryFilePermissionsNotTempFilePermissions() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        Path file = dir.resolve("model.bundle");
        BundleFile.write(sample(), file);
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(file));
    }

    /** Not an assertion on time: prints how long a bundle the size of the real model takes. */
    @Test
    void aModelSizedBundleRoundTrips() throws IOException {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("embedding", random(20_000, 128));
        tensors.put("lstm.0.W", random(4 * 256, 128 + 256));
        tensors.put("lstm.0.b", random(4 * 256));
        tensors.put("lstm.1.W", random(4 * 256, 256 + 256));
        tensors.put("lstm.1.b", random(4 * 256));
        tensors.put("head.W", random(256, 1));
        tensors.put("head.b", random(1));
        BundleContents big = withTensors(sample(), tensors);
        long floats = tensors.values().stream().mapToLong(Tensor::size).sum();
        Path file = dir.resolve("big.bundle");

        BundleContents read = null;
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            BundleFile.write(big, file);
            long t1 = System.nanoTime();
            read = BundleFile.read(file);
            long t2 = System.nanoTime();
            System.out.printf(
                    "bundle of %,d floats (%,d bytes), round %d: write %.1f ms, read %.1f ms%n",
                    floats, Files.size(file), round, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
        assertEquals(big, read);
    }

    private static Tensor random(long... shape) {
        java.util.Random random = new java.util.Random(Arrays.hashCode(shape));
        float[] data = new float[(int) Tensor.elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return new Tensor(shape, data);
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static BundleContents withVersion(BundleContents c, String version) {
        return new BundleContents(
                version,
                c.hyperParameters(),
                c.tokenizer(),
                c.provenance(),
                c.vocabulary(),
                c.tensors());
    }

    private static BundleContents withTensors(
            BundleContents c, LinkedHashMap<String, Tensor> tensors) {
        return c.withTensors(tensors);
    }
}
