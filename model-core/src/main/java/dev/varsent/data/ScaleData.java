package dev.varsent.data;

import dev.varsent.bundle.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Pang &amp; Lee (2005) scale dataset v1.0: one folder per author holding {@code subj.<author>}
 * (one review per line, already lower-cased and tokenized), {@code rating.<author>} (a rating in
 * [0,1] per line) and {@code id.<author>} (the source id per line).
 */
public final class ScaleData {

    /** System property naming the dataset directory. */
    public static final String DIR_PROPERTY = "varsent.data.dir";

    /** Environment variable naming the dataset directory, used when the property is not set. */
    public static final String DIR_ENV = "VARSENT_DATA_DIR";

    /** Where the dataset sits relative to the folder that holds the repository checkout. */
    static final Path SHARED_RELATIVE = Path.of("shared", "data", "scaledata");

    private static final String SUBJ = "subj.";
    private static final String RATING = "rating.";
    private static final String ID = "id.";

    private ScaleData() {}

    /**
     * Reads every author folder of {@code dir} that holds a {@code subj.*} file, in folder-name
     * order, keeping the line order of each author's files. Review ids are {@code author + "/" +
     * idLine}.
     *
     * @throws IllegalArgumentException if the files of an author disagree in line count, a rating
     *     is not a number in [0,1], an id is blank or repeated, or no author folder is found
     * @throws UncheckedIOException if a file cannot be read
     */
    public static List<Review> load(Path dir) {
        List<Review> reviews = new ArrayList<>();
        Map<String, String> idOrigins = new HashMap<>();
        for (Path authorDir : authorDirs(dir)) {
            String author = authorOf(authorDir);
            Path subjFile = authorDir.resolve(SUBJ + author);
            Path ratingFile = authorDir.resolve(RATING + author);
            Path idFile = authorDir.resolve(ID + author);
            List<String> texts = readLines(subjFile);
            List<String> ratings = readLines(ratingFile);
            List<String> ids = readLines(idFile);
            if (ratings.size() != texts.size() || ids.size() != texts.size()) {
                throw new IllegalArgumentException(
                        "line counts differ in "
                                + authorDir
                                + ": "
                                + subjFile.getFileName()
                                + " has "
                                + texts.size()
                                + ", "
                                + ratingFile.getFileName()
                                + " has "
                                + ratings.size()
                                + ", "
                                + idFile.getFileName()
                                + " has "
                                + ids.size());
            }
            for (int i = 0; i < texts.size(); i++) {
                String sourceId = ids.get(i).strip();
                if (sourceId.isEmpty()) {
                    throw new IllegalArgumentException(idFile + " line " + (i + 1) + ": empty id");
                }
                String id = author + "/" + sourceId;
                String where = idFile + " line " + (i + 1);
                String earlier = idOrigins.putIfAbsent(id, where);
                if (earlier != null) {
                    throw new IllegalArgumentException(
                            where + ": id " + id + " already used at " + earlier);
                }
                reviews.add(
                        new Review(
                                id, texts.get(i), parseRating(ratings.get(i), ratingFile, i + 1)));
            }
        }
        return reviews;
    }

    /**
     * The dataset directory: the system property {@value #DIR_PROPERTY} if set, else the
     * environment variable {@value #DIR_ENV}, else the first {@code shared/data/scaledata} found in
     * the working directory or any of its ancestors. The team layout keeps {@code shared/} beside
     * the checkout, so from {@code <checkout>/model-core} the search reaches it through the
     * checkout's parent, and from a worktree nested deeper (e.g. {@code /work/wt/text}) through an
     * ancestor further up.
     *
     * @throws DataNotFoundException if nothing is configured and the search finds nothing
     */
    public static Path defaultDir() {
        String property = System.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property.strip()).toAbsolutePath().normalize();
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env.strip()).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return findUpwards(cwd)
                .orElseThrow(
                        () ->
                                new DataNotFoundException(
                                        "scale dataset not found: set -D"
                                                + DIR_PROPERTY
                                                + " or "
                                                + DIR_ENV
                                                + ", or place it at <ancestor>/"
                                                + SHARED_RELATIVE
                                                + " (searched upwards from "
                                                + cwd
                                                + ")"));
    }

    /**
     * The first {@code start/shared/data/scaledata}, {@code start/../shared/data/scaledata}, ...
     * that is a directory.
     */
    static Optional<Path> findUpwards(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SHARED_RELATIVE);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * SHA-256, as lower-case hex, of the files {@link #load} reads, for model provenance. The files
     * are taken in order of their relative path (with {@code /} separators); each contributes its
     * path in UTF-8, a zero byte, its length as 8 big-endian bytes, and its content.
     */
    public static String sha256(Path dir) {
        MessageDigest digest = Provenance.newSha256();
        List<String> relativePaths = new ArrayList<>();
        for (Path authorDir : authorDirs(dir)) {
            String author = authorOf(authorDir);
            for (String prefix : List.of(ID, RATING, SUBJ)) {
                relativePaths.add(authorDir.getFileName() + "/" + prefix + author);
            }
        }
        relativePaths.sort(null);
        byte[] buffer = new byte[1 << 16];
        for (String relative : relativePaths) {
            Path file = dir.resolve(relative);
            try (InputStream in = Files.newInputStream(file)) {
                digest.update(relative.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                long size = Files.size(file);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    digest.update((byte) (size >>> shift));
                }
                int read;
                while ((read = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, read);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return Provenance.hex(digest.digest());
    }

    /**
     * The author folders: subdirectories holding exactly one {@code subj.*} file, sorted by name.
     */
    private static List<Path> authorDirs(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("scale dataset directory does not exist: " + dir);
        }
        List<Path> authorDirs = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                if (!subjFiles(child).isEmpty()) {
                    authorDirs.add(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (authorDirs.isEmpty()) {
            throw new IllegalArgumentException("no author folder with a subj.* file in " + dir);
        }
        authorDirs.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return authorDirs;
    }

    private static String authorOf(Path authorDir) {
        List<Path> subj = subjFiles(authorDir);
        if (subj.size() != 1) {
            throw new IllegalArgumentException(
                    "expected one subj.* file in " + authorDir + ", found " + subj.size());
        }
        return subj.get(0).getFileName().toString().substring(SUBJ.length());
    }

    private static List<Path> subjFiles(Path authorDir) {
        try (Stream<Path> files = Files.list(authorDir)) {
            return files.filter(
                            f -> {
                                String name = f.getFileName().toString();
                                return name.startsWith(SUBJ)
                                        && name.length() > SUBJ.length()
                                        && Files.isRegularFile(f);
                            })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + authorDir, e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    private static double parseRating(String line, Path file, int lineNumber) {
        double rating;
        try {
            rating = Double.parseDouble(line.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    file + " line " + lineNumber + ": rating '" + line + "' is not a number");
        }
        if (!(rating >= 0.0 && rating <= 1.0)) {
            throw new IllegalArgumentException(
                    file
                            + " line "
                            + lineNumber
                            + ": rating "
                            + line.strip()
                            + " is outside [0,1]");
        }
        return rating;
    }
}
