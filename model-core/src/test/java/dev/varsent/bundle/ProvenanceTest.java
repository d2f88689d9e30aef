package dev.varsent.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    @TempDir Path dir;

    @Test
    void gitCommitOfARepositoryIsItsHead() throws Exception {
        Path repo = Files.createDirectory(dir.resolve("repo"));
        assumeTrue(git(repo, "init", "-q") == 0, "git is not installed");
        assertEquals(
                0,
                git(
                        repo,
                        "-c",
                        "user.name=t",
                        "-c",
                        "user.email=t@example.com",
                        "commit",
                        "-q",
                        "--allow-empty",
                        "-m",
                        "first"));
        String head =
                new String(
                                new ProcessBuilder("git", "rev-parse", "HEAD")
                                        .directory(repo.toFile())
                                        .start()
                                        .getInputStream()
                                        .readAllBytes(),
                                StandardCharsets.UTF_8)
                        .trim();

        String commit = Provenance.gitCommit(repo);
        assertTrue(commit.matches("[0-9a-f]{40}([0-9a-f]{24})?"), commit);
        assertEquals(head, commit);
    }

    @Test
    void gitCommitOutsideARepositoryIsUnknown() {
        assumeTrue(!insideGitCheckout(dir), "the temp directory lies inside a git checkout");
        assertEquals("unknown", Provenance.gitCommit(dir));
    }

    @Test
    void gitCommitOfAMissingDirectoryIsUnknown() {
        assertEquals("unknown", Provenance.gitCommit(dir.resolve("does-not-exist")));
    }

    @Test
    void metricsAndNotesKeepInsertionOrderAndCannotBeChanged() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("zeta", 1.0);
        metrics.put("alpha", 2.0);
        metrics.put("mid", 3.0);
        Provenance p = provenance(metrics, Map.of("parent", "v1"));
        metrics.put("late", 4.0);

        assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(p.metrics().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> p.metrics().put("x", 0.0));
        assertThrows(UnsupportedOperationException.class, () -> p.notes().put("x", "y"));
    }

    @Test
    void nullMetricValuesAndNegativeEpochsAreRejected() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("auc", null);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> provenance(metrics, Map.of()));
        assertEquals("metrics must not hold null keys or values, found auc=null", e.getMessage());

        assertThrows(
                IllegalArgumentException.class,
                () -> new Provenance("d", "s", 1, -1, "c", Instant.EPOCH, "t", Map.of(), Map.of()));
    }

    @Test
    void withNotesAddsToTheNotesInOrderAndKeepsTheRest() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("parent", "v1");
        notes.put("split", "old");
        Provenance before = provenance(Map.of("rmse", 1.5), notes);
        Map<String, String> more = new LinkedHashMap<>();
        more.put("split", "new");
        more.put("calibration_examples", "40");

        Provenance after = before.withNotes(more);

        assertEquals(
                List.of("parent", "split", "calibration_examples"),
                new ArrayList<>(after.notes().keySet()));
        assertEquals("new", after.notes().get("split"));
        assertEquals(provenance(Map.of("rmse", 1.5), after.notes()), after);
        assertEquals("old", before.notes().get("split"));
    }

    @Test
    void sha256OfAFile() throws IOException {
        Path file = Files.write(dir.resolve("abc.txt"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Provenance.sha256(file));
    }

    private static Provenance provenance(Map<String, Double> metrics, Map<String, String> notes) {
        return new Provenance(
                "data.tsv", "00", 7, 1, "unknown", Instant.EPOCH, "varsent 0.1.0", metrics, notes);
    }

    private static boolean insideGitCheckout(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    private static int git(Path dir, String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (IOException notInstalled) {
            return -1;
        }
    }
}
