package dev.varsent.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * One writer at a time: the registry's {@code LEASE} file names the writer holding it ({@code
 * owner}, a random {@code token}) and when the lease expires. Every change to the registry
 * (publish, promote, recording a retrain) takes it first and gives it back after, so two retrains
 * or two {@code promote} commands cannot interleave their rewrites of the history or the champion
 * pointer. A lease whose writer died is taken over once expired. On a local file system the file is
 * created atomically ({@code CREATE_NEW}); on an object store, where there is no atomic
 * create-if-absent, the check is best effort.
 */
final class RegistryLease implements AutoCloseable {

    static final Duration TTL = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;
    private final Path file;
    private final String token;

    private RegistryLease(FileSystem fs, Path file, String token) {
        this.fs = fs;
        this.file = file;
        this.token = token;
    }

    /**
     * Takes the lease of the registry at {@code root}, or refuses when another writer holds one
     * that has not expired.
     */
    static RegistryLease acquire(FileSystem fs, Path root, String owner, Clock clock)
            throws IOException {
        Path file = new Path(root, "LEASE");
        fs.mkdirs(root);
        String token = UUID.randomUUID().toString();
        ObjectNode json = JSON.createObjectNode();
        json.put("owner", owner);
        json.put("token", token);
        json.put("expires_at", clock.instant().plus(TTL).toString());
        byte[] content = json.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 2; attempt++) {
            if (createExclusive(fs, file, content)) {
                return new RegistryLease(fs, file, token);
            }
            JsonNode held = read(fs, file);
            Instant expires =
                    held == null
                            ? Instant.EPOCH
                            : Instant.parse(
                                    held.path("expires_at").asText(Instant.EPOCH.toString()));
            if (clock.instant().isBefore(expires)) {
                throw new RegistryLeasedException(
                        "the registry "
                                + root
                                + " is being changed by "
                                + held.path("owner").asText("?")
                                + " (its lease expires at "
                                + expires
                                + "); retry later, or delete "
                                + file
                                + " if that writer is gone");
            }
            fs.delete(file, false);
        }
        throw new RegistryLeasedException(
                "could not take the lease " + file + ": another writer took it first");
    }

    private static boolean createExclusive(FileSystem fs, Path file, byte[] content)
            throws IOException {
        if ("file".equals(file.toUri().getScheme())) {
            try {
                Files.write(
                        java.nio.file.Path.of(file.toUri()),
                        content,
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        if (fs.exists(file)) {
            return false;
        }
        try (FSDataOutputStream out = fs.create(file, FileSystem.WriteMode.NO_OVERWRITE)) {
            out.write(content);
        }
        return true;
    }

    private static JsonNode read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return JSON.readTree(in.readAllBytes());
        } catch (FileNotFoundException e) {
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** Gives the lease back, unless it expired and another writer took it over meanwhile. */
    @Override
    public void close() throws IOException {
        JsonNode held = read(fs, file);
        if (held != null && token.equals(held.path("token").asText())) {
            fs.delete(file, false);
        }
    }

    /** Another writer holds the registry's lease. */
    static final class RegistryLeasedException extends IOException {
        private static final long serialVersionUID = 1L;

        RegistryLeasedException(String message) {
            super(message);
        }
    }
}
