package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.events.TestEvents;
import dev.varsent.registry.BundleInfo;
import dev.varsent.registry.Champion;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.registry.ModelUpdate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between moving {@code CHAMPION} and announcing: v2 was promoted but only v1's
 * announcement is on the topic. A job starting without state serves the registry's champion (v2),
 * records it as served with its promotion sequence, and so skips the replayed, older announcement
 * of v1.
 */
class ChampionReconcileTest {

    @TempDir Path dir;

    @Test
    void aJobStartingWithoutStateServesTheChampionAndOlderAnnouncementsAreStale() throws Exception {
        String location = dir.resolve("registry").toString();
        ModelRegistry registry = ModelRegistry.at(location);
        BundleInfo first = registry.publish(TestModels.trainedBundle());
        BundleInfo second = registry.publish(TestModels.secondTrainedBundle());
        Champion one = registry.promote(first.version(), Map.of("rmse", 0.3), "first");
        ModelUpdate announcedOne = ModelUpdate.of(SwapFixtures.MODEL, one, first);
        Champion two =
                registry.promote(second.version(), Map.of("rmse", 0.2), "second, never announced");

        try (ScoringHarness h =
                new ScoringHarness(
                        new BatchSettings(1, 60_000, 1, 50),
                        new ChampionPredictorFactory(
                                location,
                                dir.resolve("no-fallback.bundle").toString(),
                                ScoringSettings.DEFAULTS),
                        new RegistryGate(location))) {
            h.open();
            h.processReview(TestEvents.review("r0", "a fine film"));
            h.processUpdate(announcedOne);
            h.runNextMail();
            h.processReview(TestEvents.review("r1", "a dull film"));
            assertThat(h.scorer().modelSwapCount()).isZero();
            assertThat(h.scorer().modelUpdatesSkippedCount()).isEqualTo(1);
            assertThat(h.extractOutputValues())
                    .hasSize(2)
                    .allSatisfy(s -> assertThat(s.modelVersion()).isEqualTo(second.version()));

            // The late announcement of the champion itself is a re-announcement of the served
            // version.
            h.processUpdate(ModelUpdate.of(SwapFixtures.MODEL, two, second));
            assertThat(h.hasMail()).isFalse();
            assertThat(h.scorer().modelUpdatesSkippedCount()).isEqualTo(2);
        }
    }
}
