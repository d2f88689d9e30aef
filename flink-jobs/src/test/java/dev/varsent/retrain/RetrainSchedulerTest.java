package dev.varsent.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varsent.registry.HistoryEvent;
import dev.varsent.registry.ModelRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainSchedulerTest {

    private final AtomicLong labels = new AtomicLong();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> events = new ArrayList<>();
    private final Clock clock =
            new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return Instant.ofEpochMilli(now.get());
                }
            };

    private RetrainScheduler scheduler(RetrainSchedule schedule, RetrainScheduler.Retrain retrain) {
        return new RetrainScheduler(schedule, labels::get, retrain, listener(), clock, 10);
    }

    private RetrainScheduler.Listener listener() {
        return new RetrainScheduler.Listener() {
            @Override
            public void started(long newLabels) {
                events.add("started " + newLabels);
            }

            @Override
            public void finished(HistoryEvent.Retrained decision) {
                events.add("finished " + decision.promoted());
            }

            @Override
            public void failed(Exception e) {
                events.add("failed " + e.getMessage());
            }
        };
    }

    private static HistoryEvent.Retrained decision(boolean promoted) {
        return new HistoryEvent.Retrained(
                Instant.EPOCH, "v2", "v1", promoted, "test", Map.of(), Map.of());
    }

    @Test
    void retrainsAfterEnoughNewLabelsAndCountsFromThere() {
        RetrainScheduler s = scheduler(new RetrainSchedule(0, 5), () -> decision(true));
        labels.set(4);
        assertFalse(s.runIfDue());
        labels.set(5);
        assertTrue(s.runIfDue());
        labels.set(9);
        assertFalse(s.runIfDue());
        labels.set(10);
        assertTrue(s.runIfDue());
        assertEquals(List.of("started 5", "finished true", "started 5", "finished true"), events);
        assertEquals(2, s.retrains());
        assertEquals(2, s.promotions());
    }

    @Test
    void theIntervalNeedsAtLeastOneNewLabel() {
        RetrainScheduler s = scheduler(new RetrainSchedule(60_000, 0), () -> decision(false));
        now.addAndGet(120_000);
        assertFalse(s.runIfDue());
        labels.set(1);
        assertTrue(s.runIfDue());
        labels.set(2);
        now.addAndGet(30_000);
        assertFalse(s.runIfDue());
        now.addAndGet(30_000);
        assertTrue(s.runIfDue());
        assertEquals(0, s.promotions());
    }

    @Test
    void theLabelsOfAFailedRetrainCountTowardsTheNext() {
        boolean[] fail = {true};
        RetrainScheduler s =
                scheduler(
                        new RetrainSchedule(0, 3),
                        () -> {
                            if (fail[0]) {
                                throw new IllegalStateException("broker down");
                            }
                            return decision(true);
                        });
        labels.set(3);
        assertTrue(s.runIfDue());
        assertEquals(1, s.failures());
        fail[0] = false;
        assertTrue(s.runIfDue());
        assertEquals(
                List.of("started 3", "failed broker down", "started 3", "finished true"), events);
    }

    @Test
    void aRestartedSchedulerCountsOnlyTheLabelsSinceTheLastRecordedRetrain(@TempDir Path dir)
            throws Exception {
        ModelRegistry registry = ModelRegistry.at(dir.resolve("registry").toString());
        // The scheduler before the restart: 40 labels in the store, a retrain on them is recorded.
        registry.recordRetrain(
                new HistoryEvent.Retrained(
                        Instant.ofEpochMilli(now.get()),
                        "v2",
                        "v1",
                        true,
                        "test",
                        Map.of(),
                        Map.of("labelled", 40L, "base", 100L)));
        now.addAndGet(5_000);

        RetrainSchedule schedule = new RetrainSchedule(0, 5);
        RetrainScheduler restarted =
                new RetrainScheduler(
                        schedule,
                        labels::get,
                        () -> decision(true),
                        listener(),
                        clock,
                        10,
                        RetrainScheduler.Baseline.lastRetrainIn(registry, clock));
        // The counter replays the store from its start: 0, then 20, then the 43 records there are.
        for (long replayed : new long[] {0, 20, 43}) {
            labels.set(replayed);
            assertFalse(restarted.runIfDue(), "no retrain at " + replayed + " replayed labels");
        }
        labels.set(45);
        assertTrue(restarted.runIfDue());
        assertEquals(List.of("started 5", "finished true"), events);

        // Without the baseline, the whole store is new labels: what a restart used to do.
        events.clear();
        labels.set(43);
        assertTrue(scheduler(schedule, () -> decision(true)).runIfDue());
        assertEquals(List.of("started 43", "finished true"), events);
    }

    @Test
    void withoutARecordedRetrainEveryLabelInTheStoreIsNew(@TempDir Path dir) throws Exception {
        ModelRegistry registry = ModelRegistry.at(dir.resolve("empty").toString());
        RetrainScheduler.Baseline baseline =
                RetrainScheduler.Baseline.lastRetrainIn(registry, clock);
        assertEquals(new RetrainScheduler.Baseline(0, now.get()), baseline);
    }

    @Test
    void describesItsTriggers() {
        assertEquals("off", new RetrainSchedule(0, 0).describe());
        assertEquals(
                "after 200 new labels or every 600 s with new labels",
                new RetrainSchedule(600_000, 200).describe());
    }
}
