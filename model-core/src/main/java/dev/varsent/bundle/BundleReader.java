package dev.varsent.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * Reads one bundle in a single pass, hashing as it goes, and refuses anything that is not exactly a
 * bundle this build understands. Not thread-safe; one instance reads one stream once.
 */
final class BundleReader {

    private static final int CHUNK_BYTES = 1 << 20;
    private static final int SHA256_BYTES = 32;

    private final MessageDigest sha = Provenance.newSha256();
    private final DigestInputStream in;

    /** Total bytes available, or -1 for a stream of unknown length. */
    private final long size;

    private long position;

    BundleReader(InputStream source, long size) {
        this.in = new DigestInputStream(new BufferedInputStream(source, 1 << 16), sha);
        this.size = size;
    }

    BundleContents read() throws IOException {
        readMagic();
        ByteBuffer numbers =
                ByteBuffer.wrap(
                                readFully(
                                        Integer.BYTES + Long.BYTES,
                                        "format version and header length"))
                        .order(ByteOrder.LITTLE_ENDIAN);
        int version = numbers.getInt();
        if (version > BundleFile.FORMAT_VERSION) {
            throw new BundleFormatException(
                    "format version "
                            + version
                            + " is newer than this build reads ("
                            + BundleFile.FORMAT_VERSION
                            + ")");
        }
        if (version < 1) {
            throw new BundleFormatException(
                    "corrupt: format version " + version + " does not exist");
        }
        long headerLength = numbers.getLong();
        if (headerLength <= 0 || headerLength > BundleFile.MAX_HEADER_BYTES) {
            throw new BundleFormatException(
                    "corrupt: header length "
                            + headerLength
                            + " is outside 1.."
                            + BundleFile.MAX_HEADER_BYTES);
        }
        if (size >= 0
                && BundleFile.PREFIX_LENGTH + headerLength + BundleFile.TRAILER_LENGTH > size) {
            throw new BundleFormatException(
                    "truncated: the file is "
                            + size
                            + " bytes, too short for its "
                            + headerLength
                            + "-byte header");
        }

        BundleHeader header = BundleHeader.parse(readHeader((int) headerLength));
        if (size >= 0 && position + header.dataLength() + BundleFile.TRAILER_LENGTH > size) {
            throw new BundleFormatException(
                    "truncated: the file is "
                            + size
                            + " bytes but its tensor index puts "
                            + header.dataLength()
                            + " bytes of tensor data after the "
                            + position
                            + "-byte header");
        }
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        for (TensorEntry entry : header.index()) {
            tensors.put(entry.name(), new Tensor(entry.shape(), readFloats(entry)));
        }

        in.on(false);
        byte[] actualSha = sha.digest();
        byte[] trailer = readFully(BundleFile.TRAILER_LENGTH, "trailer");
        if (!Arrays.equals(
                trailer,
                SHA256_BYTES,
                trailer.length,
                BundleFile.END_MAGIC,
                0,
                BundleFile.END_MAGIC.length)) {
            throw new BundleFormatException(
                    "corrupt: no end marker where the tensor index says the data ends"
                            + " (the file is damaged, or its tensor index is inconsistent with the data length)");
        }
        if (!MessageDigest.isEqual(Arrays.copyOf(trailer, SHA256_BYTES), actualSha)) {
            throw new BundleFormatException("corrupt: SHA-256 mismatch");
        }
        if (in.read() != -1) {
            throw new BundleFormatException(
                    "trailing garbage after the end marker"
                            + (size >= 0 ? " (" + (size - position) + " bytes)" : ""));
        }
        try {
            return new BundleContents(
                    header.modelVersion(),
                    header.hyperParameters(),
                    header.tokenizer(),
                    header.provenance(),
                    header.vocabulary(),
                    tensors);
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException("invalid header: " + e.getMessage(), e);
        }
    }

    private void readMagic() throws IOException {
        byte[] magic = in.readNBytes(BundleFile.MAGIC.length);
        position += magic.length;
        boolean prefixMatches =
                Arrays.equals(magic, 0, magic.length, BundleFile.MAGIC, 0, magic.length);
        if (!prefixMatches) {
            throw new BundleFormatException(
                    "not a varsent model bundle (it does not start with \"VARSENT\\n\")");
        }
        if (magic.length < BundleFile.MAGIC.length) {
            throw new BundleFormatException(
                    magic.length == 0
                            ? "truncated: empty"
                            : "truncated: ends after "
                                    + magic.length
                                    + " bytes, inside the magic number");
        }
    }

    /**
     * Reads the header without trusting its length for one big allocation before the bytes arrive.
     */
    private byte[] readHeader(int length) throws IOException {
        byte[] header = in.readNBytes(length);
        position += header.length;
        if (header.length < length) {
            throw truncated("header");
        }
        return header;
    }

    private float[] readFloats(TensorEntry entry) throws IOException {
        float[] data = new float[entry.elementCount()];
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, entry.length())];
        FloatBuffer chunkFloats =
                ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int done = 0; done < data.length; ) {
            int n = Math.min(data.length - done, chunkFloats.capacity());
            readFully(chunk, n * Float.BYTES, "tensor '" + entry.name() + "'");
            chunkFloats.clear();
            chunkFloats.get(data, done, n);
            done += n;
        }
        return data;
    }

    private byte[] readFully(int length, String what) throws IOException {
        byte[] bytes = new byte[length];
        readFully(bytes, length, what);
        return bytes;
    }

    private void readFully(byte[] into, int length, String what) throws IOException {
        for (int off = 0; off < length; ) {
            int n = in.read(into, off, length - off);
            if (n < 0) {
                throw truncated(what);
            }
            off += n;
            position += n;
        }
    }

    private BundleFormatException truncated(String what) {
        return new BundleFormatException(
                "truncated: ends after " + position + " bytes, inside the " + what);
    }
}
