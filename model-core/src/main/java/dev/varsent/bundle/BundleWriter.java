package dev.varsent.bundle;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;

/** Serializes one {@link BundleContents} in the layout {@link BundleFile} describes. */
final class BundleWriter {

    private static final int CHUNK_BYTES = 1 << 20;

    private final List<Tensor> tensors;
    private final byte[] headerJson;

    /** Encodes the header up front, so a bundle that cannot be written fails before any byte is. */
    BundleWriter(BundleContents contents) {
        this.tensors = List.copyOf(contents.tensors().values());
        this.headerJson = BundleHeader.of(contents).toJson();
        if (headerJson.length > BundleFile.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "bundle "
                            + contents.modelVersion()
                            + " has a "
                            + headerJson.length
                            + "-byte header; the format allows at most "
                            + BundleFile.MAX_HEADER_BYTES);
        }
    }

    /** Writes the bundle and flushes {@code out}, without closing it. */
    void writeTo(OutputStream out) throws IOException {
        MessageDigest sha = Provenance.newSha256();
        DigestOutputStream digesting =
                new DigestOutputStream(new BufferedOutputStream(out, 1 << 16), sha);

        ByteBuffer prefix =
                ByteBuffer.allocate(BundleFile.PREFIX_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(BundleFile.MAGIC).putInt(BundleFile.FORMAT_VERSION).putLong(headerJson.length);
        digesting.write(prefix.array());
        digesting.write(headerJson);

        byte[] chunk = new byte[CHUNK_BYTES];
        FloatBuffer chunkFloats =
                ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (Tensor tensor : tensors) {
            float[] data = tensor.data();
            for (int done = 0; done < data.length; ) {
                int n = Math.min(data.length - done, chunkFloats.capacity());
                chunkFloats.clear();
                chunkFloats.put(data, done, n);
                digesting.write(chunk, 0, n * Float.BYTES);
                done += n;
            }
        }

        digesting.on(false);
        digesting.write(sha.digest());
        digesting.write(BundleFile.END_MAGIC);
        digesting.flush();
    }
}
