package dev.sweep.results.store;

import static dev.sweep.results.store.StoreFixtures.LEASE;
import static dev.sweep.results.store.StoreFixtures.T0;
import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aDivergedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;
import static dev.sweep.results.store.StoreFixtures.aTrial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ResultsStore} promises, run against each implementation (subclass and give
 * {@link #newStore()}). Exported in the test-jar so other modules can run it against their own stores.
 */
public abstract class ResultsStoreContract {

    protected ResultsStore store;

    /** A new, empty store. */
    protected abstract ResultsStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private TrialRecord claim(SweepRecord sweep, Instant at) {
        return store.claimNext(sweep.id(), "w1", "cuda:0", at, LEASE).orElseThrow();
    }

    // ---- sweeps ----

    @Test
    void aCreatedSweepIsFoundByNameAndIdWithEveryField() {
        NewSweep spec = aSweep().named("sst2-raster").maximizing("val_accuracy").withMethod("grid").withSeed(42)
                .from("sweeps/sst2.yaml").withSpec("name: sst2-raster\nmethod: grid\n").build();
        SweepRecord created = store.createSweep(spec);

        assertTrue(created.id() > 0);
        assertEquals(created, store.findSweep("sst2-raster").orElseThrow());
        assertEquals(created, store.findSweep(created.id()).orElseThrow());
        assertEquals("name: sst2-raster\nmethod: grid\n", created.specText());
        assertEquals(spec.specHash(), created.specHash());
        assertEquals("sweeps/sst2.yaml", created.sourcePath());
        assertEquals("val_accuracy", created.metricName());
        assertEquals("maximize", created.goal());
        assertEquals(42, created.seed());
        assertEquals(SweepState.CREATED, created.state());
        assertEquals(T0, created.createdAt());
        assertTrue(store.findSweep("other").isEmpty());
        assertTrue(store.findSweep(created.id() + 1000).isEmpty());
    }

    @Test
    void aDuplicateSweepNameIsRefusedAndNothingIsAdded() {
        aSweep().named("x").createdIn(store);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> aSweep().named("x").minimizing("loss").createdIn(store));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertEquals(1, store.listSweeps().size());
    }

    @Test
    void goalsAreNormalisedAndUnknownGoalsRefused() {
        assertEquals("minimize", aSweep().named("a").withGoal("MINIMIZE").createdIn(store).goal());
        assertThrows(IllegalArgumentException.class, () -> aSweep().named("b").withGoal("sideways").createdIn(store));
        assertEquals(1, store.listSweeps().size());
    }

    @Test
    void sweepsAreListedInCreationOrderAndTheirStateChanges() {
        SweepRecord a = aSweep().named("a").createdIn(store);
        SweepRecord b = aSweep().named("b").createdIn(store);
        store.setSweepState(b.id(), SweepState.STOPPED, "interrupted at 07:00", T0.plusSeconds(60));

        assertEquals(List.of("a", "b"), store.listSweeps().stream().map(SweepRecord::name).toList());
        SweepRecord stopped = store.findSweep(b.id()).orElseThrow();
        assertEquals(SweepState.STOPPED, stopped.state());
        assertEquals("interrupted at 07:00", stopped.message());
        assertEquals(T0.plusSeconds(60), stopped.updatedAt());
        assertEquals(SweepState.CREATED, store.findSweep(a.id()).orElseThrow().state());
        assertThrows(IllegalArgumentException.class,
                () -> store.setSweepState(b.id() + 99, SweepState.RUNNING, null, T0));
    }

    // ---- trials ----

    @Test
    void anAddedTrialWaitsWithNormalisedParams() {
        SweepRecord sweep = aSweep().createdIn(store);
        TrialRecord t = store.addTrial(sweep.id(), new NewTrial(3, 1, 2, Map.of("learning_rate", 1.0e-5,
                "batch_size", 32, "optimizer", "adamw", "freeze_encoder", true), 99L), T0);

        assertEquals(TrialState.WAITING, t.state());
        assertEquals(0, t.attempt());
        assertEquals(3, t.number());
        assertEquals(1, t.config());
        assertEquals(2, t.repeat());
        assertEquals(99L, t.seed());
        assertEquals(T0, t.createdAt());
        assertEquals(Map.of("learning_rate", 1.0e-5, "batch_size", 32L, "optimizer", "adamw",
                "freeze_encoder", true), t.params());
        assertNull(t.value());
        assertNull(t.startedAt());
        assertEquals(t, store.trial(t.id()).orElseThrow());
        assertEquals(t, store.trial(sweep.id(), 3).orElseThrow());
    }

    @Test
    void aTakenTrialNumberIsRefusedAndAnUnknownSweepToo() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().number(1).withParam("x", 1.0).addTo(store, sweep);
        assertThrows(IllegalStateException.class, () -> aTrial().number(1).withParam("x", 2.0).addTo(store, sweep));
        assertEquals(1.0, store.trial(sweep.id(), 1).orElseThrow().params().get("x"));
        assertEquals(1, store.trials(sweep.id()).size());
        assertThrows(IllegalArgumentException.class,
                () -> store.addTrial(sweep.id() + 50, aTrial().build(), T0));
    }

    @Test
    void addTrialsAddsAllOrNone() {
        SweepRecord sweep = aSweep().createdIn(store);
        List<TrialRecord> added = store.addTrials(sweep.id(),
                List.of(aTrial().number(1).build(), aTrial().number(2).build()), T0);
        assertEquals(List.of(1, 2), added.stream().map(TrialRecord::number).toList());

        assertThrows(IllegalStateException.class, () -> store.addTrials(sweep.id(),
                List.of(aTrial().number(3).build(), aTrial().number(2).build()), T0));
        assertEquals(List.of(1, 2), store.trials(sweep.id()).stream().map(TrialRecord::number).toList());
    }

    @Test
    void claimsTakeTheLowestWaitingNumberOfTheirSweepOnly() {
        SweepRecord sweep = aSweep().named("a").createdIn(store);
        SweepRecord other = aSweep().named("b").createdIn(store);
        for (int n : new int[] {3, 1, 2}) {
            aTrial().number(n).addTo(store, sweep);
        }
        aTrial().number(0).addTo(store, other);

        Instant at = T0.plusSeconds(5);
        TrialRecord first = store.claimNext(sweep.id(), "w7", "cuda:1", at, Duration.ofSeconds(90)).orElseThrow();
        assertEquals(1, first.number());
        assertEquals(TrialState.RUNNING, first.state());
        assertEquals(1, first.attempt());
        assertEquals("w7", first.workerId());
        assertEquals("cuda:1", first.device());
        assertEquals(at, first.startedAt());
        assertEquals(at.plusSeconds(90), first.leaseUntil());
        assertEquals(2, claim(sweep, at).number());
        assertEquals(3, claim(sweep, at).number());
        assertTrue(store.claimNext(sweep.id(), "w1", "cpu", at, LEASE).isEmpty());
        assertEquals(TrialState.WAITING, store.trial(other.id(), 0).orElseThrow().state());
    }

    @Test
    void heartbeatsExtendTheLeaseOfTheAttemptThatHoldsIt() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().addTo(store, sweep);
        TrialRecord t = claim(sweep, T0);

        assertTrue(store.heartbeat(t.id(), 1, T0.plusSeconds(20), LEASE));
        assertEquals(T0.plusSeconds(50), store.trial(t.id()).orElseThrow().leaseUntil());
        assertFalse(store.heartbeat(t.id(), 2, T0.plusSeconds(25), LEASE));
        assertFalse(store.heartbeat(t.id() + 99, 1, T0.plusSeconds(25), LEASE));
        assertEquals(T0.plusSeconds(50), store.trial(t.id()).orElseThrow().leaseUntil());
        assertTrue(store.expireLeases(sweep.id(), T0.plusSeconds(49), 2, "lost").isEmpty());
    }

    @Test
    void anExpiredLeaseSendsTheTrialBackToWaitingThenFailedAfterMaxRetries() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().addTo(store, sweep);
        int maxRetries = 2;
        Instant at = T0;
        for (int attempt = 1; attempt <= maxRetries; attempt++) {
            TrialRecord t = claim(sweep, at);
            assertEquals(attempt, t.attempt());
            assertTrue(store.expireLeases(sweep.id(), t.leaseUntil(), maxRetries, "x").isEmpty(),
                    "a lease that ends exactly now has not expired yet");
            at = t.leaseUntil().plusMillis(1);
            List<TrialRecord> expired = store.expireLeases(sweep.id(), at, maxRetries, "worker lost its lease");
            assertEquals(1, expired.size());
            TrialRecord back = expired.get(0);
            assertEquals(TrialState.WAITING, back.state());
            assertEquals("worker lost its lease", back.error());
            assertNull(back.workerId());
            assertNull(back.leaseUntil());
            assertEquals(back, store.trial(t.id()).orElseThrow());
        }
        TrialRecord last = claim(sweep, at);
        assertEquals(3, last.attempt());
        TrialRecord failed = store.expireLeases(sweep.id(), last.leaseUntil().plusSeconds(1), maxRetries, "gone")
                .get(0);
        assertEquals(TrialState.FAILED, failed.state());
        assertEquals("gone", failed.error());
        assertEquals(last.leaseUntil().plusSeconds(1), failed.finishedAt());
        assertTrue(store.claimNext(sweep.id(), "w1", "cpu", at, LEASE).isEmpty());
    }

    @Test
    void lateProgressAndFinishFromALostLeaseAreRejected() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().addTo(store, sweep);
        TrialRecord first = claim(sweep, T0);
        store.expireLeases(sweep.id(), T0.plusSeconds(31), 3, "lost");
        TrialRecord second = claim(sweep, T0.plusSeconds(32));

        assertFalse(store.recordProgress(first.id(), 1, 1, Map.of("loss", 0.5), T0.plusSeconds(33)));
        assertFalse(store.finish(first.id(), 1, new Finish(TrialState.COMPLETE, 0.1, Map.of(), null, null,
                T0.plusSeconds(34))));
        assertTrue(store.metrics(first.id()).isEmpty());
        assertEquals(TrialState.RUNNING, store.trial(first.id()).orElseThrow().state());

        assertTrue(store.recordProgress(second.id(), 2, 1, Map.of("loss", 0.4), T0.plusSeconds(35)));
        assertTrue(store.finish(second.id(), 2, new Finish(TrialState.COMPLETE, 0.2, Map.of("loss", 0.2), null,
                null, T0.plusSeconds(36))));
        assertEquals(0.2, store.trial(first.id()).orElseThrow().value());
        assertEquals(1, store.metrics(first.id()).size());
    }

    @Test
    void aFinishedTrialIsNeverModified() {
        SweepRecord sweep = aSweep().createdIn(store);
        TrialRecord done = aCompletedTrial().withValue(0.3).withMetric("loss", 0.3).withCurve("loss", 0.9, 0.3)
                .runIn(store, sweep);
        Instant later = T0.plusSeconds(3600);
        int attempt = done.attempt();

        assertFalse(store.finish(done.id(), attempt, new Finish(TrialState.FAILED, null, Map.of(), null, "x", later)));
        assertFalse(store.recordProgress(done.id(), attempt, 9, Map.of("loss", 0.0), later));
        assertFalse(store.heartbeat(done.id(), attempt, later, LEASE));
        assertFalse(store.release(done.id(), attempt, 5, "x", later));
        assertTrue(store.expireLeases(sweep.id(), later, 5, "x").isEmpty());
        assertTrue(store.requeueRunning(sweep.id(), later, 5, "x").isEmpty());
        assertEquals(0, store.cancelWaiting(sweep.id(), later));
        assertEquals(done, store.trial(done.id()).orElseThrow());
        assertEquals(2, store.metrics(done.id()).size());
    }

    @Test
    void finishingRecordsValueMetricsStopStepErrorAndTime() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().addTo(store, sweep);
        TrialRecord t = claim(sweep, T0);
        Instant end = T0.plusMillis(61_234);
        assertTrue(store.finish(t.id(), 1, new Finish(TrialState.PRUNED, 0.61, Map.of("val_accuracy", 0.61,
                "train_loss", 0.7), 3L, null, end)));

        TrialRecord pruned = store.trial(t.id()).orElseThrow();
        assertEquals(TrialState.PRUNED, pruned.state());
        assertEquals(0.61, pruned.value());
        assertEquals(Map.of("val_accuracy", 0.61, "train_loss", 0.7), pruned.metrics());
        assertEquals(3L, pruned.stoppedStep());
        assertEquals(end, pruned.finishedAt());
        assertNull(pruned.leaseUntil());
        assertNull(pruned.error());
        assertEquals("w1", pruned.workerId());
    }

    @Test
    void nanAndInfinityValuesSurviveTheRoundTrip() {
        SweepRecord sweep = aSweep().createdIn(store);
        TrialRecord t = aDivergedTrial().withMetric("train_loss", Double.POSITIVE_INFINITY)
                .withCurve("train_loss", 1.0, Double.NaN).runIn(store, sweep);
        assertTrue(t.value().isNaN());
        assertEquals(Double.POSITIVE_INFINITY, t.metrics().get("train_loss"));
        assertTrue(Double.isNaN(store.metrics(t.id()).get(1).value()));
    }

    @Test
    void aLongErrorIsKeptClipped() {
        SweepRecord sweep = aSweep().createdIn(store);
        String trace = "x".repeat(ValueCodec.MAX_TEXT * 2);
        TrialRecord t = StoreFixtures.aFailedTrial().failingWith(trace).runIn(store, sweep);
        assertEquals(ValueCodec.MAX_TEXT, t.error().length());
        assertTrue(t.error().endsWith("[truncated]"));
    }

    @Test
    void requeueRunningSendsEveryRunningTrialBackOrFailsItPastMaxRetries() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().number(1).addTo(store, sweep);
        aTrial().number(2).addTo(store, sweep);
        aTrial().number(3).addTo(store, sweep);
        TrialRecord one = claim(sweep, T0);
        store.release(one.id(), 1, 5, "worker restarted", T0.plusSeconds(1));
        TrialRecord oneAgain = claim(sweep, T0.plusSeconds(2));
        TrialRecord two = claim(sweep, T0.plusSeconds(2));
        assertEquals(1, oneAgain.number());
        assertEquals(2, oneAgain.attempt());

        List<TrialRecord> changed = store.requeueRunning(sweep.id(), T0.plusSeconds(3), 1, "orchestrator restart");
        assertEquals(List.of(1, 2), changed.stream().map(TrialRecord::number).toList());
        assertEquals(TrialState.FAILED, changed.get(0).state());
        assertEquals(TrialState.WAITING, changed.get(1).state());
        assertEquals("orchestrator restart", store.trial(two.id()).orElseThrow().error());
        assertEquals(TrialState.WAITING, store.trial(sweep.id(), 3).orElseThrow().state());
    }

    @Test
    void releaseIsGuardedByTheAttemptAndCountsRetries() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().addTo(store, sweep);
        TrialRecord t = claim(sweep, T0);
        assertFalse(store.release(t.id(), 2, 0, "wrong attempt", T0));
        assertTrue(store.release(t.id(), 1, 1, "oom on device, retry", T0.plusSeconds(1)));
        assertEquals(TrialState.WAITING, store.trial(t.id()).orElseThrow().state());
        TrialRecord again = claim(sweep, T0.plusSeconds(2));
        assertTrue(store.release(again.id(), 2, 1, "again", T0.plusSeconds(3)));
        TrialRecord failed = store.trial(t.id()).orElseThrow();
        assertEquals(TrialState.FAILED, failed.state());
        assertEquals(T0.plusSeconds(3), failed.finishedAt());
    }

    @Test
    void cancelWaitingCancelsOnlyWaitingTrials() {
        SweepRecord sweep = aSweep().createdIn(store);
        for (int n = 1; n <= 4; n++) {
            aTrial().number(n).addTo(store, sweep);
        }
        TrialRecord running = claim(sweep, T0);
        assertEquals(3, store.cancelWaiting(sweep.id(), T0.plusSeconds(9)));
        assertEquals(0, store.cancelWaiting(sweep.id(), T0.plusSeconds(10)));
        assertEquals(TrialState.RUNNING, store.trial(running.id()).orElseThrow().state());
        TrialRecord cancelled = store.trial(sweep.id(), 4).orElseThrow();
        assertEquals(TrialState.CANCELLED, cancelled.state());
        assertEquals(T0.plusSeconds(9), cancelled.finishedAt());
    }

    @Test
    void countByStateNamesEveryState() {
        SweepRecord sweep = aSweep().createdIn(store);
        aCompletedTrial().number(1).withValue(1).runIn(store, sweep);
        StoreFixtures.aPrunedTrial().number(2).withValue(2).runIn(store, sweep);
        aTrial().number(3).addTo(store, sweep);
        aTrial().number(4).addTo(store, sweep);
        claim(sweep, T0);

        Map<TrialState, Integer> counts = store.countByState(sweep.id());
        assertEquals(TrialState.values().length, counts.size());
        assertEquals(1, counts.get(TrialState.COMPLETE));
        assertEquals(1, counts.get(TrialState.PRUNED));
        assertEquals(1, counts.get(TrialState.RUNNING));
        assertEquals(1, counts.get(TrialState.WAITING));
        assertEquals(0, counts.get(TrialState.FAILED));
        assertEquals(0, store.countByState(sweep.id() + 9).get(TrialState.COMPLETE));
    }

    @Test
    void metricsAreOrderedByStepThenNameAndARepeatedPointReplacesTheOldOne() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().number(2).addTo(store, sweep);
        aTrial().number(1).addTo(store, sweep);
        TrialRecord one = claim(sweep, T0);
        TrialRecord two = claim(sweep, T0);
        store.recordProgress(two.id(), 1, 20, Map.of("val_loss", 0.5, "train_loss", 0.6), T0.plusSeconds(2));
        store.recordProgress(two.id(), 1, 10, Map.of("val_loss", 0.7), T0.plusSeconds(1));
        store.recordProgress(two.id(), 1, 20, Map.of("val_loss", 0.45), T0.plusSeconds(3));
        store.recordProgress(one.id(), 1, 5, Map.of("val_loss", 0.9), T0.plusSeconds(1));

        List<MetricPoint> points = store.metrics(two.id());
        assertEquals(List.of("10/val_loss", "20/train_loss", "20/val_loss"),
                points.stream().map(p -> p.step() + "/" + p.name()).toList());
        assertEquals(0.45, points.get(2).value());
        assertEquals(T0.plusSeconds(3), points.get(2).recordedAt());
        assertEquals(two.id(), points.get(0).trialId());

        List<MetricPoint> all = store.sweepMetrics(sweep.id());
        assertEquals(4, all.size());
        assertEquals(one.id(), all.get(0).trialId(), "trial number 1 comes first");
        assertEquals(points, all.subList(1, 4));
        assertTrue(store.sweepMetrics(sweep.id() + 5).isEmpty());
    }

    @Test
    void progressWithAMissingValueIsRefused() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().addTo(store, sweep);
        TrialRecord t = claim(sweep, T0);
        Map<String, Double> bad = new java.util.HashMap<>();
        bad.put("loss", null);
        assertThrows(IllegalArgumentException.class, () -> store.recordProgress(t.id(), 1, 1, bad, T0));
        assertTrue(store.metrics(t.id()).isEmpty());
    }

    @Test
    void provenanceIsMergedPerKeyAndSortedByKey() {
        SweepRecord sweep = aSweep().createdIn(store);
        TrialRecord t = aTrial().addTo(store, sweep);
        store.putProvenance(t.id(), Map.of("seed", "7", "model", "all-minilm-l6-v2"));
        store.putProvenance(t.id(), Map.of("model", "bge-small-en-v1.5", "nd4j", "1.0.0-M2.1"));

        Map<String, String> p = store.provenance(t.id());
        assertEquals(List.of("model", "nd4j", "seed"), new ArrayList<>(p.keySet()));
        assertEquals("bge-small-en-v1.5", p.get("model"));
        assertTrue(store.provenance(t.id() + 1).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.putProvenance(t.id() + 1, Map.of("a", "b")));
    }

    @Test
    void concurrentClaimsNeverHandOutATrialTwice() throws Exception {
        SweepRecord sweep = aSweep().createdIn(store);
        int trials = 120;
        store.addTrials(sweep.id(), IntStream.rangeClosed(1, trials).mapToObj(n -> aTrial().number(n).build())
                .toList(), T0);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<Long>>> claimers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                String worker = "w" + w;
                claimers.add(() -> {
                    List<Long> mine = new ArrayList<>();
                    while (true) {
                        var t = store.claimNext(sweep.id(), worker, "cpu", T0, LEASE);
                        if (t.isEmpty()) {
                            return mine;
                        }
                        mine.add(t.get().id());
                    }
                });
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : pool.invokeAll(claimers)) {
                all.addAll(f.get());
            }
            Set<Long> distinct = new HashSet<>(all);
            assertEquals(trials, all.size());
            assertEquals(trials, distinct.size());
            assertTrue(store.trials(sweep.id()).stream().allMatch(t -> t.state() == TrialState.RUNNING
                    && t.attempt() == 1));
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTransactionThatThrowsLeavesNothingAndAFailedInnerCallOnlyUndoesItself() {
        SweepRecord kept = aSweep().named("kept").createdIn(store);
        assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
            SweepRecord s = aSweep().named("gone").createdIn(store);
            aTrial().number(1).addTo(store, s);
            throw new IllegalStateException("boom");
        }));
        assertTrue(store.findSweep("gone").isEmpty());

        int added = store.inTransaction(() -> {
            aTrial().number(1).addTo(store, kept);
            try {
                store.inTransaction(() -> {
                    aTrial().number(2).addTo(store, kept);
                    return aTrial().number(1).addTo(store, kept); // refused: number taken
                });
            } catch (IllegalStateException expected) {
                // the inner unit is undone, the outer goes on
            }
            assertThrows(IllegalStateException.class, () -> aTrial().number(1).addTo(store, kept));
            aTrial().number(3).addTo(store, kept);
            return store.trials(kept.id()).size();
        });
        assertEquals(2, added);
        assertEquals(List.of(1, 3), store.trials(kept.id()).stream().map(TrialRecord::number).toList());
    }

    @Test
    void trialsAreListedByNumberWithTheirTimes() {
        SweepRecord sweep = aSweep().createdIn(store);
        TrialRecord b = aCompletedTrial().number(1).withValue(0.5).startedAt(T0.plusSeconds(100)).tookSeconds(12.5)
                .runIn(store, sweep);
        aTrial().number(7).addTo(store, sweep);
        List<TrialRecord> all = store.trials(sweep.id());
        assertEquals(List.of(1, 7), all.stream().map(TrialRecord::number).toList());
        assertEquals(T0.plusSeconds(100), b.startedAt());
        assertEquals(T0.plusMillis(112_500), b.finishedAt());
        assertNotNull(all.get(1).createdAt());
        assertEquals(Collections.emptyList(), store.trials(sweep.id() + 3));
    }
}
