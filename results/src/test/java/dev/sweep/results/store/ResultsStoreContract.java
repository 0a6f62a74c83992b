package dev.sweep.results.store;

import static dev.sweep.results.store.StoreFixtures.LEASE;
import static dev.sweep.results.store.StoreFixtures.T0;
import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;
import static dev.sweep.results.store.StoreFixtures.aTrial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;

/**
 * What every {@link ResultsStore} promises, run against each implementation: subclass it and give
 * {@link #newStore()}. This half holds claims, leases, retries and the guards that keep a finished trial and a lost
 * lease's late results out; {@link SweepsAndTrialsContract} the rest. Exported in the test-jar, with
 * {@link StoreFixtures}, so other modules can run it against their own stores.
 */
public abstract class ResultsStoreContract extends SweepsAndTrialsContract {

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
    void aRetriedTrialStartsANewCurve() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().addTo(store, sweep);
        TrialRecord first = claim(sweep, T0);
        store.recordProgress(first.id(), 1, 1, Map.of("loss", 0.9), T0.plusSeconds(1));
        store.recordProgress(first.id(), 1, 2, Map.of("loss", 0.8), T0.plusSeconds(2));
        store.release(first.id(), 1, 3, "worker died", T0.plusSeconds(3));
        assertEquals(2, store.metrics(first.id()).size(), "released, not yet retried: the points stay");

        TrialRecord second = claim(sweep, T0.plusSeconds(4));
        assertTrue(store.metrics(second.id()).isEmpty());
        store.recordProgress(second.id(), 2, 1, Map.of("loss", 0.7), T0.plusSeconds(5));
        assertEquals(List.of(0.7), store.metrics(second.id()).stream().map(MetricPoint::value).toList());
    }
}
