package dev.varsent.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.varsent.events.ScoredReview;
import dev.varsent.events.TestEvents;
import dev.varsent.predict.Prediction;
import dev.varsent.predict.Predictor;
import dev.varsent.registry.ModelUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap in the scoring operator, on Flink's operator harness with two really trained models: the
 * factory serves v1, updates announce v2 (another training run, other weights). Scoring with K = 1
 * (the deterministic dropout approximation) lets each prediction be matched to the model that made
 * it.
 */
class ModelHotSwapTest {

    private static final BatchSettings BATCHES_OF_TWO = new BatchSettings(2, 60_000, 1, 50);
    private static final List<String> TEXTS =
            List.of(
                    "a wonderful film with brilliant acting and a moving story",
                    "dull, slow and far too long; the plot makes no sense",
                    "not bad at all, some scenes are great but the ending is weak",
                    "the worst movie i have seen this year",
                    "charming and funny from start to finish",
                    "an average thriller with a few good moments");

    private static Path v1;
    private static Path v2;
    private static String v1Version;
    private static String v2Version;

    /** Text -> the score each model gives it on its own. */
    private static Map<String, Double> v1Scores;

    private static Map<String, Double> v2Scores;

    @TempDir Path dir;

    @BeforeAll
    static void trainModels() throws Exception {
        v1 = TestModels.trainedBundle();
        v2 = TestModels.secondTrainedBundle();
        v1Version = SwapFixtures.version(v1);
        v2Version = SwapFixtures.version(v2);
        v1Scores = scores(new BundlePredictorFactory(v1.toString()).create());
        v2Scores = scores(new BundlePredictorFactory(v2.toString()).create());
        assertThat(v1Version).isNotEqualTo(v2Version);
        for (String text : TEXTS) {
            assertThat(Math.abs(v1Scores.get(text) - v2Scores.get(text)))
                    .as("the two models tell apart '%s'", text)
                    .isGreaterThan(1e-3);
        }
    }

    private static Map<String, Double> scores(Predictor predictor) {
        Map<String, Double> scores = new HashMap<>();
        for (String text : TEXTS) {
            scores.put(text, predictor.predict(List.of(text), 1).get(0).score());
        }
        return scores;
    }

    private static ScoringHarness harness() throws Exception {
        ScoringHarness h =
                new ScoringHarness(BATCHES_OF_TWO, new BundlePredictorFactory(v1.toString()));
        h.open();
        return h;
    }

    private static String text(int i) {
        return TEXTS.get(i % TEXTS.size());
    }

    private static void review(ScoringHarness h, int i) throws Exception {
        h.processReview(TestEvents.review("r" + i, text(i)));
    }

    /** Every output matches the model its version names. */
    private static void assertScoredByTheirVersion(List<ScoredReview> outputs) {
        for (ScoredReview s : outputs) {
            Map<String, Double> expected = s.modelVersion().equals(v1Version) ? v1Scores : v2Scores;
            assertThat(s.modelVersion()).isIn(v1Version, v2Version);
            Prediction p = s.prediction();
            assertThat(p.score())
                    .as("%s scored by %s", s.review().id(), s.modelVersion())
                    .isCloseTo(expected.get(s.review().text()), within(1e-4));
        }
    }

    private static Map<String, String> versionById(ScoringHarness h) {
        Map<String, String> versions = new HashMap<>();
        for (ScoredReview s : h.extractOutputValues()) {
            assertThat(versions.put(s.review().id(), s.modelVersion()))
                    .as("%s scored once", s.review().id())
                    .isNull();
        }
        return versions;
    }

    @Test
    void theSwitchComesBetweenTwoBatchesAndEveryPredictionCarriesTheVersionThatMadeIt()
            throws Exception {
        try (ScoringHarness h = harness()) {
            review(h, 0);
            h.processUpdate(SwapFixtures.announce(v2, 1_000));
            // v2 loads in the background; scoring goes on with v1 meanwhile.
            review(h, 1);
            review(h, 2);
            assertThat(versionById(h)).containsOnlyKeys("r0", "r1").containsValues(v1Version);

            h.runNextMail();
            assertThat(h.scorer().modelSwapCount()).isEqualTo(1);
            // r2 was buffered before the switch; its batch is scored after it, by v2 alone.
            review(h, 3);
            review(h, 4);
            h.endReviews();

            Map<String, String> versions = versionById(h);
            assertThat(versions).containsOnlyKeys("r0", "r1", "r2", "r3", "r4");
            assertThat(versions)
                    .containsEntry("r0", v1Version)
                    .containsEntry("r1", v1Version)
                    .containsEntry("r2", v2Version)
                    .containsEntry("r3", v2Version)
                    .containsEntry("r4", v2Version);
            assertScoredByTheirVersion(h.extractOutputValues());
            assertThat(h.scorer().modelUpdatesRefusedCount()).isZero();
        }
    }

    private void assertRefused(ModelUpdate update) throws Exception {
        try (ScoringHarness h = harness()) {
            h.processUpdate(update);
            h.runNextMail();
            review(h, 0);
            review(h, 1);
            assertThat(h.scorer().modelUpdatesRefusedCount()).isEqualTo(1);
            assertThat(h.scorer().modelSwapCount()).isZero();
            assertThat(versionById(h)).containsOnlyKeys("r0", "r1").containsValues(v1Version);
            assertScoredByTheirVersion(h.extractOutputValues());
        }
    }

    @Test
    void aBundleWhoseSha256DiffersFromTheAnnouncementIsRefused() throws Exception {
        assertRefused(
                SwapFixtures.announce(
                        v2, v2Version, SwapFixtures.sha256(v1), SwapFixtures.size(v2), 1_000));
    }

    @Test
    void aBundleWhoseSizeDiffersFromTheAnnouncementIsRefused() throws Exception {
        assertRefused(
                SwapFixtures.announce(
                        v2, v2Version, SwapFixtures.sha256(v2), SwapFixtures.size(v2) + 1, 1_000));
    }

    @Test
    void aCorruptBundleIsRefusedEvenWhenTheAnnouncementMatchesItsBytes() throws Exception {
        assertRefused(
                SwapFixtures.announce(
                        SwapFixtures.flippedByte(v2, dir),
                        v2Version,
                        SwapFixtures.sha256(SwapFixtures.flippedByte(v2, dir)),
                        SwapFixtures.size(v2),
                        1_000));
    }

    @Test
    void aTruncatedBundleIsRefused() throws Exception {
        Path truncated = SwapFixtures.truncated(v2, dir, 100);
        assertRefused(
                SwapFixtures.announce(
                        truncated,
                        v2Version,
                        SwapFixtures.sha256(truncated),
                        SwapFixtures.size(truncated),
                        1_000));
    }

    @Test
    void aBundleWithAnotherHeadIsRefused() throws Exception {
        assertRefused(SwapFixtures.announce(SwapFixtures.classifier(v1, dir), 1_000));
    }

    @Test
    void aMissingBundleIsRefused() throws Exception {
        assertRefused(
                SwapFixtures.announce(
                        dir.resolve("gone.bundle"),
                        v2Version,
                        SwapFixtures.sha256(v2),
                        SwapFixtures.size(v2),
                        1_000));
    }

    @Test
    void staleUpdatesAreSkippedAndNeverServed() throws Exception {
        Path v1Again = SwapFixtures.renamed(v1, dir, "v1-again");
        try (ScoringHarness h = harness()) {
            // The announcement of the version already served (what a fresh job reads first) is a
            // no-op.
            h.processUpdate(SwapFixtures.announce(v1, 500));
            assertThat(h.hasMail()).isFalse();
            assertThat(h.scorer().modelUpdatesSkippedCount()).isEqualTo(1);

            h.processUpdate(SwapFixtures.announce(v2, 2_000));
            h.runNextMail();
            assertThat(h.scorer().modelSwapCount()).isEqualTo(1);

            // Promoted before the served v2: stale, even though it is another version. Staleness is
            // known
            // once the gate has given its promotion sequence, so it is admitted and loaded, then
            // skipped.
            h.processUpdate(SwapFixtures.announce(v1Again, 1_500));
            h.runNextMail();
            // v2 announced again: the version being served.
            h.processUpdate(SwapFixtures.announce(v2, 2_000));
            assertThat(h.scorer().modelUpdatesSkippedCount()).isEqualTo(3);
            review(h, 0);
            review(h, 1);
            assertThat(h.hasMail()).isFalse();
            assertThat(versionById(h)).containsOnlyKeys("r0", "r1").containsValues(v2Version);
            assertThat(h.scorer().modelSwapCount()).isEqualTo(1);
        }
    }

    @Test
    void anUpdateArrivingWhileALoadRunsIsLoadedNextAndTheNewestWins() throws Exception {
        Path v3 = SwapFixtures.renamed(v1, dir, "v3");
        Path v4 = SwapFixtures.renamed(v1, dir, "v4");
        try (ScoringHarness h = harness()) {
            h.processUpdate(SwapFixtures.announce(v2, 1_000));
            h.processUpdate(SwapFixtures.announce(v4, 3_000));
            h.processUpdate(SwapFixtures.announce(v3, 2_000));
            // v2's load completes and is newer than the served model: served. The two that arrived
            // meanwhile
            // are loaded in turn: v4 is served, v3 (promoted before v4) is stale.
            h.runNextMail();
            assertThat(h.scorer().modelSwapCount()).isEqualTo(1);
            h.runNextMail();
            assertThat(h.scorer().modelSwapCount()).isEqualTo(2);
            h.runNextMail();
            assertThat(h.scorer().modelSwapCount()).isEqualTo(2);
            assertThat(h.scorer().modelUpdatesSkippedCount()).isEqualTo(1);
            review(h, 0);
            review(h, 1);
            assertThat(versionById(h)).containsOnlyKeys("r0", "r1").containsValues("v4");
        }
    }

    @Test
    void afterARestoreTheVersionServedAtTheCheckpointServesAgain() throws Exception {
        OperatorSubtaskState snapshot;
        try (ScoringHarness h = harness()) {
            h.processUpdate(SwapFixtures.announce(v2, 1_000));
            h.runNextMail();
            review(h, 0);
            snapshot = h.snapshot(1L, 1L);
        }
        try (ScoringHarness restored =
                new ScoringHarness(BATCHES_OF_TWO, new BundlePredictorFactory(v1.toString()))) {
            restored.initializeState(snapshot);
            restored.open();
            review(restored, 1);
            assertThat(restored.hasMail()).isFalse();
            Map<String, String> versions = versionById(restored);
            assertThat(versions).containsOnlyKeys("r0", "r1").containsValues(v2Version);
            assertScoredByTheirVersion(restored.extractOutputValues());
            assertThat(restored.scorer().modelUpdatesRefusedCount()).isZero();
        }
    }

    @Test
    void anUpdateStillLoadingAtTheCheckpointIsLoadedAfterTheRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (ScoringHarness h = harness()) {
            h.processUpdate(SwapFixtures.announce(v2, 1_000));
            // The checkpoint comes before the load completes; the update's record is behind the
            // source's offset.
            snapshot = h.snapshot(1L, 1L);
        }
        try (ScoringHarness restored =
                new ScoringHarness(BATCHES_OF_TWO, new BundlePredictorFactory(v1.toString()))) {
            restored.initializeState(snapshot);
            restored.open();
            review(restored, 0);
            review(restored, 1);
            restored.runNextMail();
            review(restored, 2);
            review(restored, 3);
            assertThat(versionById(restored))
                    .containsEntry("r0", v1Version)
                    .containsEntry("r1", v1Version)
                    .containsEntry("r2", v2Version)
                    .containsEntry("r3", v2Version);
            assertThat(restored.scorer().modelSwapCount()).isEqualTo(1);
        }
    }

    @Test
    void whenTheServedVersionCannotBeLoadedAfterARestoreTheFactorysModelServes() throws Exception {
        Path copy = Files.copy(v2, dir.resolve("v2.bundle"));
        OperatorSubtaskState snapshot;
        try (ScoringHarness h = harness()) {
            h.processUpdate(SwapFixtures.announce(copy, 1_000));
            h.runNextMail();
            assertThat(h.scorer().modelSwapCount()).isEqualTo(1);
            snapshot = h.snapshot(1L, 1L);
        }
        Files.delete(copy);
        try (ScoringHarness restored =
                new ScoringHarness(BATCHES_OF_TWO, new BundlePredictorFactory(v1.toString()))) {
            restored.initializeState(snapshot);
            restored.open();
            assertThat(restored.scorer().modelUpdatesRefusedCount()).isEqualTo(1);
            review(restored, 0);
            review(restored, 1);
            assertThat(versionById(restored))
                    .containsOnlyKeys("r0", "r1")
                    .containsValues(v1Version);
        }
    }

    @Test
    void anUpdateSurvivesTheSerializerItTravelsAndIsStoredWith() throws Exception {
        ModelUpdate update = SwapFixtures.announce(v2, 1_234);
        DataOutputSerializer out = new DataOutputSerializer(256);
        ModelUpdateSerializer.INSTANCE.serialize(update, out);
        ModelUpdate back =
                ModelUpdateSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(update);
    }
}
