package dev.varsent.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Where a model came from: its training data, the code that trained it, how, and how well it did.
 *
 * <p>{@code metrics} keep their insertion order (the order a training run reported them in) and
 * {@code notes} hold free-form facts such as the parent model version of a warm start. Both maps
 * are copied and unmodifiable. Note that record equality compares maps by content, not order.
 */
public record Provenance(
        String dataPath,
        String dataSha256,
        long seed,
        int epochs,
        String gitCommit,
        Instant createdAt,
        String trainer,
        Map<String, Double> metrics,
        Map<String, String> notes) {

    /** What {@link #gitCommit(Path)} returns when the commit cannot be determined. */
    public static final String UNKNOWN_COMMIT = "unknown";

    private static final long GIT_TIMEOUT_MILLIS = 2_000;
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    public Provenance {
        Objects.requireNonNull(dataPath, "dataPath");
        Objects.requireNonNull(dataSha256, "dataSha256");
        Objects.requireNonNull(gitCommit, "gitCommit");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(notes, "notes");
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must not be negative, was " + epochs);
        }
        metrics = orderedCopy(metrics, "metrics");
        notes = orderedCopy(notes, "notes");
    }

    /** The same provenance with {@code more} notes added; a note of the same name is replaced. */
    public Provenance withNotes(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(notes);
        merged.putAll(more);
        return new Provenance(
                dataPath, dataSha256, seed, epochs, gitCommit, createdAt, trainer, metrics, merged);
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> source, String what) {
        Map<String, V> copy = new LinkedHashMap<>();
        source.forEach(
                (key, value) -> {
                    if (key == null || value == null) {
                        throw new IllegalArgumentException(
                                what
                                        + " must not hold null keys or values, found "
                                        + key
                                        + "="
                                        + value);
                    }
                    copy.put(key, value);
                });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The commit checked out in {@code repoDirOrNull} (the working directory when null), by {@code
     * git rev-parse HEAD} with a 2 second timeout. Returns {@link #UNKNOWN_COMMIT} when git is not
     * installed, the directory is not in a repository, or git fails or hangs; never throws.
     */
    public static String gitCommit(Path repoDirOrNull) {
        Process git = null;
        try {
            ProcessBuilder builder =
                    new ProcessBuilder("git", "rev-parse", "HEAD")
                            .redirectError(ProcessBuilder.Redirect.DISCARD);
            if (repoDirOrNull != null) {
                builder.directory(repoDirOrNull.toAbsolutePath().toFile());
            }
            git = builder.start();
            // rev-parse prints one short line, which fits the pipe buffer, so reading after exit
            // cannot block.
            if (!git.waitFor(GIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || git.exitValue() != 0) {
                return UNKNOWN_COMMIT;
            }
            String out =
                    new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return COMMIT_ID.matcher(out).matches() ? out : UNKNOWN_COMMIT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN_COMMIT;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN_COMMIT;
        } finally {
            if (git != null) {
                git.destroyForcibly();
            }
        }
    }

    /** Lower-case hex SHA-256 of a file's bytes, for {@link #dataSha256}. */
    public static String sha256(Path file) throws IOException {
        MessageDigest sha = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return hex(sha.digest());
    }

    /** Lower-case hex SHA-256 of {@code lines}, each UTF-8 encoded and followed by a newline. */
    public static String sha256Lines(Iterable<String> lines) {
        MessageDigest sha = newSha256();
        for (String line : lines) {
            sha.update(line.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return hex(sha.digest());
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return hex(newSha256().digest(bytes));
    }

    /** A digest as lower-case hex, the one form the project writes SHA-256 sums in. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** The one SHA-256 digest factory of the project. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
