package dev.varsent.registry;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Where a registry's files are on its file system (the layout in {@link ModelRegistry}), the
 * staging writer every change goes through, the clock that dates its events, and its single-writer
 * lease.
 */
record RegistryFiles(FileSystem fs, Path root, StagedFiles staged, Clock clock) {

    static final String BUNDLE_SUFFIX = ".bundle";

    static RegistryFiles of(FileSystem fs, Path root, Clock clock) {
        return new RegistryFiles(fs, root, new StagedFiles(fs, new Path(root, "staging")), clock);
    }

    Path versionsDir() {
        return new Path(root, "versions");
    }

    Path historyFile() {
        return new Path(root, "history.jsonl");
    }

    Path championFile() {
        return new Path(root, "CHAMPION");
    }

    Path bundlePath(String version) {
        return new Path(root, RegistryJson.bundleFile(version));
    }

    /**
     * Milliseconds: the precision of the model-updates events, so a champion and its announcement
     * agree.
     */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The registry's single-writer lease ({@link RegistryLease}), for one change. */
    RegistryLease lease() throws IOException {
        return RegistryLease.acquire(
                fs, root, ManagementFactory.getRuntimeMXBean().getName(), clock);
    }

    FileNotFoundException unknown(String version) {
        return new FileNotFoundException(
                "the registry at " + root + " has no version '" + version + "'");
    }
}
