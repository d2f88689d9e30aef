package dev.varsent.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes model bundles: one self-describing, checksummed binary file per model version.
 *
 * <p>Layout, all integers little-endian:
 *
 * <pre>
 *   8 bytes   magic "VARSENT\n"
 *   int32     format version ({@link #FORMAT_VERSION})
 *   int64     header length H in bytes
 *   H bytes   header, UTF-8 JSON: modelVersion, provenance, hyperParameters, tokenizer,
 *             tensors = [{name, shape, dtype: "float32", offset, length}], vocabulary
 *   ...       tensor data: each tensor's float32 values, row-major, back to back in index order;
 *             offset and length are in bytes from the start of this section
 *   32 bytes  SHA-256 of every byte before it
 *   12 bytes  end marker "VARSENT.END\n"
 * </pre>
 *
 * Nothing may follow the end marker.
 */
public final class BundleFile {

    /** The newest layout this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    static final byte[] MAGIC = "VARSENT\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END_MAGIC = "VARSENT.END\n".getBytes(StandardCharsets.US_ASCII);

    /** Magic, format version and header length. */
    static final int PREFIX_LENGTH = 8 + Integer.BYTES + Long.BYTES;

    /** SHA-256 and end marker. */
    static final int TRAILER_LENGTH = 32 + 12;

    static final int MAX_HEADER_BYTES = 256 << 20;

    private BundleFile() {}

    /**
     * Writes {@code contents} to {@code file}, replacing any existing file atomically: readers see
     * the old bundle or the new one, and a failed write leaves the old file untouched.
     */
    public static void write(BundleContents contents, Path file) throws IOException {
        BundleWriter writer = new BundleWriter(contents);
        AtomicFileWriter.write(file, writer::writeTo);
    }

    /** Writes {@code contents} to {@code out} and flushes it; {@code out} stays open. */
    public static void write(BundleContents contents, OutputStream out) throws IOException {
        new BundleWriter(contents).writeTo(out);
    }

    /**
     * Reads and verifies the bundle in {@code file}.
     *
     * @throws BundleFormatException if the file is not a complete, intact bundle of a format this
     *     build reads; its message starts with the file name
     */
    public static BundleContents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new BundleReader(Channels.newInputStream(channel), channel.size()).read();
        } catch (BundleFormatException e) {
            throw new BundleFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and verifies a bundle from {@code in}, which must end right after the bundle. Does not
     * close {@code in}.
     *
     * @throws BundleFormatException if the stream is not a complete, intact bundle of a format this
     *     build reads
     */
    public static BundleContents read(InputStream in) throws IOException {
        return new BundleReader(in, -1).read();
    }
}
