package dev.varsent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer at a time: every change takes the registry's lease. */
class RegistryLeaseTest {

    @TempDir Path dir;

    private static void lease(Path root, String owner, Instant expiresAt) throws IOException {
        Files.createDirectories(root);
        Files.writeString(
                root.resolve("LEASE"),
                "{\"owner\":\""
                        + owner
                        + "\",\"token\":\"t\",\"expires_at\":\""
                        + expiresAt
                        + "\"}",
                StandardCharsets.UTF_8);
    }

    @Test
    void aChangeWhileAnotherWriterHoldsTheLeaseIsRefusedAndChangesNothing() throws Exception {
        Path root = dir.resolve("registry");
        ModelRegistry registry = ModelRegistry.at(root.toString());
        BundleInfo v1 = registry.publish(RegistryFixtures.bundle(dir, "v1", Map.of("rmse", 0.3)));
        assertThat(root.resolve("LEASE")).doesNotExist();
        List<HistoryEvent> before = registry.history();

        lease(root, "retrain@other-host", Instant.now().plusSeconds(60));
        assertThatThrownBy(() -> registry.promote(v1.version(), Map.of("rmse", 0.3), "by hand"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is being changed by retrain@other-host");
        assertThat(registry.champion()).isEmpty();
        assertThat(registry.history()).isEqualTo(before);

        // The writer died: once its lease expired, the next change takes it over.
        lease(root, "retrain@other-host", Instant.now().minusSeconds(1));
        assertThat(registry.promote(v1.version(), Map.of("rmse", 0.3), "by hand").sequence())
                .isEqualTo(1);
        assertThat(root.resolve("LEASE")).doesNotExist();
    }

    @Test
    void concurrentPromotionsNeverInterleaveTheHistory() throws Exception {
        Path root = dir.resolve("registry");
        ModelRegistry registry = ModelRegistry.at(root.toString());
        BundleInfo a = registry.publish(RegistryFixtures.bundle(dir, "a", Map.of("rmse", 0.3)));
        BundleInfo b = registry.publish(RegistryFixtures.bundle(dir, "b", Map.of("rmse", 0.3)));
        int each = 8;
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> refusals = new ArrayList<>();
            for (BundleInfo bundle : List.of(a, b)) {
                refusals.add(
                        writers.submit(
                                () -> {
                                    ModelRegistry own = ModelRegistry.at(root.toString());
                                    int refused = 0;
                                    for (int done = 0; done < each; ) {
                                        try {
                                            own.promote(
                                                    bundle.version(), Map.of("rmse", 0.3), "race");
                                            done++;
                                        } catch (IOException e) {
                                            assertThat(e)
                                                    .hasMessageContaining("is being changed by");
                                            refused++;
                                            Thread.sleep(5);
                                        }
                                    }
                                    return refused;
                                }));
            }
            for (Future<Integer> f : refusals) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }
        List<Champion> promotions = registry.promotions();
        assertThat(promotions).hasSize(2 * each);
        for (int i = 0; i < promotions.size(); i++) {
            assertThat(promotions.get(i).sequence()).isEqualTo(i + 1);
        }
        assertThat(registry.champion().orElseThrow().sequence()).isEqualTo(2 * each);
    }
}
