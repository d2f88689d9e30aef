package dev.varsent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.data.DataNotFoundException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentChecksTest {

    private static Path author(Path root, String author, String subj, String rating, String ids)
            throws Exception {
        Path dir = Files.createDirectories(root.resolve(author));
        Files.writeString(dir.resolve("subj." + author), subj);
        Files.writeString(dir.resolve("rating." + author), rating);
        Files.writeString(dir.resolve("id." + author), ids);
        return dir;
    }

    @Test
    void javaSeventeenPassesAndElevenFails() {
        assertThat(EnvironmentChecks.javaVersion(Runtime.Version.parse("17.0.15")).status())
                .isEqualTo(Check.Status.OK);
        Check old = EnvironmentChecks.javaVersion(Runtime.Version.parse("11.0.2"));
        assertThat(old.status()).isEqualTo(Check.Status.FAIL);
        assertThat(old.hint()).contains("JDK 17");
    }

    @Test
    void theVectorModuleIsFoundWhenLoadedAndAWarningWithoutTheFlag() {
        // The test JVM runs with --add-modules jdk.incubator.vector, as varsent.jar must.
        assertThat(EnvironmentChecks.vectorModule(ModuleLayer.boot()).status())
                .isEqualTo(Check.Status.OK);
        Check without = EnvironmentChecks.vectorModule(ModuleLayer.empty());
        assertThat(without.status()).isEqualTo(Check.Status.WARN);
        assertThat(without.detail()).contains("slower");
        assertThat(without.hint()).contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void aSmallHeapIsAWarning() {
        assertThat(EnvironmentChecks.heap(6L << 30).status()).isEqualTo(Check.Status.OK);
        assertThat(EnvironmentChecks.heap(1L << 30).status()).isEqualTo(Check.Status.WARN);
    }

    @Test
    void scaleDataInItsLayoutIsCounted(@TempDir Path root) throws Exception {
        author(root, "alice", "a fine film\na dull one\n", "0.9\n0.2\n", "11\n12\n");
        author(root, "bob", "so so\n", "0.5\n", "7\n");
        Check check = EnvironmentChecks.scaleData(() -> root);
        assertThat(check.status()).isEqualTo(Check.Status.OK);
        assertThat(check.detail()).contains("3 reviews by 2 authors");
    }

    @Test
    void missingOrMisshapenDataFailsWithWhereToGetIt(@TempDir Path root) throws Exception {
        Check missing =
                EnvironmentChecks.scaleData(
                        () -> {
                            throw new DataNotFoundException(
                                    "scale dataset not found: set -Dvarsent.data.dir or VARSENT_DATA_DIR");
                        });
        assertThat(missing.status()).isEqualTo(Check.Status.FAIL);
        assertThat(missing.detail()).contains("not found");
        assertThat(missing.hint())
                .contains("scale_data.tar.gz", "VARSENT_DATA_DIR", "subj.<author>");

        author(root, "alice", "a fine film\na dull one\n", "0.9\n", "11\n12\n");
        Check misshapen = EnvironmentChecks.scaleData(() -> root);
        assertThat(misshapen.status()).isEqualTo(Check.Status.FAIL);
        assertThat(misshapen.detail()).contains("line counts differ");
    }

    @Test
    void aBusyPortIsAWarningThatNamesPortZero() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0));
            Check check =
                    EnvironmentChecks.portFree("dashboard", "dashboard.port", busy.getLocalPort());
            assertThat(check.status()).isEqualTo(Check.Status.WARN);
            assertThat(check.hint()).contains("--set dashboard.port=0");
        }
        assertThat(EnvironmentChecks.portFree("dashboard", "dashboard.port", 0).status())
                .isEqualTo(Check.Status.OK);
    }

    @Test
    void nd4jNativesLoad() {
        Check check = EnvironmentChecks.nd4jNatives();
        assertThat(check.status()).as(check.detail()).isEqualTo(Check.Status.OK);
        assertThat(check.detail()).contains("CpuBackend");
    }
}
