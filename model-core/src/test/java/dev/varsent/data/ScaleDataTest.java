package dev.varsent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleDataTest {

    /**
     * Digest of the published scale dataset v1.0; a change means different data or a changed digest
     * scheme.
     */
    private static final String SCALEDATA_V1_SHA256 =
            "e0f4f16a64f046b2bbbe146e9ff4ddb0d8b37db6835e96cd071b48418f6f6d68";

    @Test
    void loadsTheRealCorpus() {
        Path dir = ScaleData.defaultDir();
        List<Review> reviews = ScaleData.load(dir);

        assertEquals(5006, reviews.size());
        assertTrue(reviews.stream().allMatch(r -> r.rating() >= 0.0 && r.rating() <= 1.0));
        assertEquals(5006, reviews.stream().map(Review::id).distinct().count());

        Map<String, Long> perAuthor =
                reviews.stream()
                        .collect(
                                Collectors.groupingBy(
                                        r -> r.id().substring(0, r.id().indexOf('/')),
                                        Collectors.counting()));
        assertEquals(
                Map.of(
                        "Dennis+Schwartz",
                        1027L,
                        "James+Berardinelli",
                        1307L,
                        "Scott+Renshaw",
                        902L,
                        "Steve+Rhodes",
                        1770L),
                perAuthor);

        // Authors in folder-name order, lines in file order.
        Review first = reviews.get(0);
        assertEquals("Dennis+Schwartz/29420", first.id());
        assertEquals(0.1, first.rating());
        assertTrue(first.text().startsWith("in my opinion , a movie reviewer's"), first.text());

        Review rhodes = reviews.get(1027 + 1307 + 902);
        assertEquals("Steve+Rhodes/11790", rhodes.id());
        assertEquals(0.1, rhodes.rating());
        assertTrue(rhodes.text().startsWith("this bit of lame physical humor"), rhodes.text());
    }

    @Test
    void digestsTheRealCorpus() {
        assertEquals(SCALEDATA_V1_SHA256, ScaleData.sha256(ScaleData.defaultDir()));
    }

    @Test
    void findsSharedDataInAnyAncestor(@TempDir Path root) throws IOException {
        Path data = Files.createDirectories(root.resolve("shared/data/scaledata"));
        Path module = Files.createDirectories(root.resolve("wt/text/model-core"));
        Path mainModule = Files.createDirectories(root.resolve("main/model-core"));

        assertEquals(Optional.of(data), ScaleData.findUpwards(module));
        assertEquals(Optional.of(data), ScaleData.findUpwards(mainModule));
        assertEquals(Optional.of(data), ScaleData.findUpwards(root));
        assertEquals(Optional.empty(), ScaleData.findUpwards(root.resolve("elsewhere").getRoot()));
    }

    @Test
    void prefersTheNearestSharedFolder(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("shared/data/scaledata"));
        Path nearer = Files.createDirectories(root.resolve("wt/shared/data/scaledata"));
        Path module = Files.createDirectories(root.resolve("wt/text/model-core"));
        assertEquals(Optional.of(nearer), ScaleData.findUpwards(module));
    }

    @Test
    void systemPropertyOverridesTheSearch(@TempDir Path dir) {
        String saved = System.getProperty(ScaleData.DIR_PROPERTY);
        try {
            System.setProperty(ScaleData.DIR_PROPERTY, dir.toString());
            assertEquals(dir.toAbsolutePath().normalize(), ScaleData.defaultDir());
        } finally {
            if (saved == null) {
                System.clearProperty(ScaleData.DIR_PROPERTY);
            } else {
                System.setProperty(ScaleData.DIR_PROPERTY, saved);
            }
        }
    }

    @Test
    void loadsASmallCorpusInFolderOrder(@TempDir Path dir) throws IOException {
        author(dir, "Zed", "z one\nz two\n", "0.5\n1\n", "7\n8\n");
        author(dir, "Amy", "a one\n", "0\n", "3\n");
        Files.createDirectories(dir.resolve("notes"));
        Files.writeString(dir.resolve("README"), "ignored");

        List<Review> reviews = ScaleData.load(dir);
        assertEquals(
                List.of(
                        new Review("Amy/3", "a one", 0.0),
                        new Review("Zed/7", "z one", 0.5),
                        new Review("Zed/8", "z two", 1.0)),
                reviews);
    }

    @Test
    void rejectsMismatchedLineCounts(@TempDir Path dir) throws IOException {
        author(dir, "Amy", "one\ntwo\n", "0.5\n", "1\n2\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ScaleData.load(dir));
        assertTrue(
                e.getMessage().contains("subj.Amy has 2")
                        && e.getMessage().contains("rating.Amy has 1"),
                e.getMessage());
    }

    @Test
    void rejectsRatingsThatAreNotNumbersInRange(@TempDir Path dir) throws IOException {
        Path amy = author(dir, "Amy", "one\ntwo\n", "0.5\nhigh\n", "1\n2\n");
        IllegalArgumentException notNumber =
                assertThrows(IllegalArgumentException.class, () -> ScaleData.load(dir));
        assertEquals(
                amy.resolve("rating.Amy") + " line 2: rating 'high' is not a number",
                notNumber.getMessage());

        Files.writeString(amy.resolve("rating.Amy"), "1.5\n0.2\n");
        IllegalArgumentException outOfRange =
                assertThrows(IllegalArgumentException.class, () -> ScaleData.load(dir));
        assertEquals(
                amy.resolve("rating.Amy") + " line 1: rating 1.5 is outside [0,1]",
                outOfRange.getMessage());

        Files.writeString(amy.resolve("rating.Amy"), "0.1\nNaN\n");
        assertThrows(IllegalArgumentException.class, () -> ScaleData.load(dir));
    }

    @Test
    void rejectsRepeatedIds(@TempDir Path dir) throws IOException {
        author(dir, "Amy", "one\ntwo\n", "0.5\n0.6\n", "4\n4\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ScaleData.load(dir));
        assertTrue(
                e.getMessage().contains("id.Amy line 2") && e.getMessage().contains("line 1"),
                e.getMessage());
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) throws IOException {
        Path amy = author(dir, "Amy", "one\n", "0.5\n", "1\n");
        Files.delete(amy.resolve("id.Amy"));
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> ScaleData.load(dir));
        assertTrue(e.getMessage().contains(amy.resolve("id.Amy").toString()), e.getMessage());
    }

    @Test
    void rejectsADirectoryWithoutAuthors(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> ScaleData.load(dir));
        assertThrows(IllegalArgumentException.class, () -> ScaleData.load(dir.resolve("missing")));
    }

    @Test
    void digestIsStableAndSeesEveryByte(@TempDir Path dir) throws IOException {
        Path amy = author(dir, "Amy", "one\n", "0.5\n", "1\n");
        String digest = ScaleData.sha256(dir);
        assertTrue(digest.matches("[0-9a-f]{64}"), digest);
        assertEquals(digest, ScaleData.sha256(dir));

        Files.writeString(dir.resolve("README"), "not data");
        assertEquals(digest, ScaleData.sha256(dir));

        Set<String> digests = new HashSet<>(List.of(digest));
        Files.writeString(amy.resolve("rating.Amy"), "0.6\n");
        digests.add(ScaleData.sha256(dir));
        Files.writeString(amy.resolve("rating.Amy"), "0.5\n");
        assertEquals(digest, ScaleData.sha256(dir));
        Files.writeString(amy.resolve("subj.Amy"), "one \n");
        digests.add(ScaleData.sha256(dir));
        assertEquals(3, digests.size());
        assertNotEquals(digest, ScaleData.sha256(dir));
    }

    private static Path author(Path dir, String name, String subj, String ratings, String ids)
            throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("subj." + name), subj);
        Files.writeString(folder.resolve("rating." + name), ratings);
        Files.writeString(folder.resolve("id." + name), ids);
        return folder;
    }
}
