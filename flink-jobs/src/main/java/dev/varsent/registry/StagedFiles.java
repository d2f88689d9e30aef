package dev.varsent.registry;

import dev.varsent.bundle.Provenance;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Whole-file writes on a Flink {@link FileSystem} that readers see complete or not at all: the
 * bytes go to a uniquely named file under the staging directory, are synced, then renamed into
 * place.
 *
 * <p>What the rename guarantees depends on the file system:
 *
 * <ul>
 *   <li>{@code file://}: {@code rename(2)} within one file system, atomic, and it replaces the
 *       target. Done with {@code Files.move(ATOMIC_MOVE)} rather than Flink's {@code
 *       LocalFileSystem.rename}, which moves with {@code REPLACE_EXISTING}: on Unix the JDK then
 *       deletes the target before renaming, and a reader in between finds no file at all.
 *   <li>{@code hdfs://}: atomic, but it does not replace an existing target; that target is deleted
 *       first, so a reader can briefly find it missing (never partial).
 *   <li>{@code s3://}: a server-side copy, then a delete. The target object appears whole (a single
 *       object is replaced atomically) but copy and delete are not one step: a crash in between
 *       leaves a file in the staging directory, which is safe to delete.
 * </ul>
 */
final class StagedFiles {

    /**
     * A file written completely under the staging directory, with the SHA-256 and length of its
     * bytes.
     */
    record Staged(Path path, String sha256, long sizeBytes) {}

    /** Writes the content; it must not close {@code out}. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final FileSystem fs;
    private final Path stagingDir;

    StagedFiles(FileSystem fs, Path stagingDir) {
        this.fs = fs;
        this.stagingDir = stagingDir;
    }

    /** Writes {@code body} to a new staging file; on failure nothing is left behind. */
    Staged stage(String prefix, Body body) throws IOException {
        fs.mkdirs(stagingDir);
        Path path =
                new Path(
                        stagingDir,
                        prefix
                                + "-"
                                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                                + ".tmp");
        MessageDigest sha = Provenance.newSha256();
        CountingDigestStream counted;
        try {
            try (FSDataOutputStream out = fs.create(path, FileSystem.WriteMode.NO_OVERWRITE)) {
                counted = new CountingDigestStream(out, sha);
                body.writeTo(counted);
                counted.flush();
                out.sync();
            }
        } catch (IOException | RuntimeException | Error e) {
            discardAfter(path, e);
            throw e;
        }
        return new Staged(path, Provenance.hex(sha.digest()), counted.count);
    }

    /**
     * Renames a staged file to {@code target}. With {@code replace}, an existing target is replaced
     * (deleted first where the file system's rename will not overwrite). On failure the staged file
     * is deleted.
     */
    void moveIntoPlace(Path staged, Path target, boolean replace) throws IOException {
        try {
            fs.mkdirs(target.getParent());
            if (isLocal(target)) {
                moveLocally(staged, target, replace);
                return;
            }
            if (fs.rename(staged, target)) {
                return;
            }
            if (replace
                    && fs.exists(target)
                    && fs.delete(target, false)
                    && fs.rename(staged, target)) {
                return;
            }
            throw new IOException("cannot rename " + staged + " to " + target);
        } catch (IOException | RuntimeException | Error e) {
            discardAfter(staged, e);
            throw e;
        }
    }

    private static boolean isLocal(Path path) {
        return "file".equals(path.toUri().getScheme());
    }

    private static void moveLocally(Path staged, Path target, boolean replace) throws IOException {
        java.nio.file.Path from = java.nio.file.Path.of(staged.toUri());
        java.nio.file.Path to = java.nio.file.Path.of(target.toUri());
        if (replace) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } else {
            // Without options the JDK refuses an existing target, then renames.
            Files.move(from, to);
        }
        syncDirectory(to.getParent());
    }

    /**
     * Makes the rename itself survive a power cut, where the platform lets a directory be opened.
     */
    private static void syncDirectory(java.nio.file.Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // The file is in place and readable; only the durability of the rename is in doubt.
        }
    }

    /** Replaces {@code target} with {@code content} all at once. */
    void replace(Path target, byte[] content) throws IOException {
        Staged staged = stage(target.getName(), out -> out.write(content));
        moveIntoPlace(staged.path(), target, true);
    }

    /** Deletes a staged file that is no longer needed. */
    void discard(Path staged) throws IOException {
        if (fs.exists(staged)) {
            fs.delete(staged, false);
        }
    }

    /**
     * Deletes a staged file after {@code failure}; a failure to delete it is added to {@code
     * failure}.
     */
    void discardAfter(Path staged, Throwable failure) {
        try {
            discard(staged);
        } catch (IOException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /** Hashes and counts what passes through; closing it does not close the file stream. */
    private static final class CountingDigestStream extends FilterOutputStream {
        private final MessageDigest sha;
        private long count;

        CountingDigestStream(OutputStream out, MessageDigest sha) {
            super(out);
            this.sha = sha;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha.update(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
