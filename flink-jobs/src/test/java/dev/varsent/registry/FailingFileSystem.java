package dev.varsent.registry;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.local.LocalFileSystem;

/**
 * The real local file system, except that creating a file whose name starts with a given prefix
 * fails as a full disk would: the way to make one chosen registry write fail.
 */
public final class FailingFileSystem extends LocalFileSystem {

    private final String failingPrefix;
    private final AtomicInteger failures = new AtomicInteger();

    /**
     * @param failingPrefix e.g. {@code "CHAMPION"}: its staging file ({@code
     *     CHAMPION-<random>.tmp}) cannot be written
     */
    public FailingFileSystem(String failingPrefix) {
        this.failingPrefix = failingPrefix;
    }

    @Override
    public FSDataOutputStream create(Path path, WriteMode overwrite) throws IOException {
        if (path.getName().startsWith(failingPrefix)) {
            failures.incrementAndGet();
            throw new IOException("No space left on device (injected): " + path);
        }
        return super.create(path, overwrite);
    }

    /** How many writes were refused. */
    public int failures() {
        return failures.get();
    }
}
