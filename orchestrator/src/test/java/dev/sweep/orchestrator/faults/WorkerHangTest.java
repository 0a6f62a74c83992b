package dev.sweep.orchestrator.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.orchestrator.engine.RunOptions;
import dev.sweep.orchestrator.engine.RunSummary;
import dev.sweep.orchestrator.engine.StopReason;
import dev.sweep.orchestrator.engine.SweepRunner;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6, worker hangs: the synthetic task's {@code fault: {kind: hang}} freezes the whole worker process
 * (SIGSTOP, heartbeat thread included) at step 2. The orchestrator must take the trial back within its lease
 * (not before: the last heartbeat is at most one interval older than the last progress), kill the frozen
 * process, and retry the trial on a fresh worker, or mark it FAILED with the reason once max_retries is used up.
 * The two sweeps run side by side, each with its own store, so their lease waits overlap.
 */
class WorkerHangTest {

    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final Duration HEARTBEAT = Duration.ofMillis(250);
    /** How late after the lease a hang may be noticed on a loaded machine (loop tick, kill, event delivery). */
    private static final Duration SLACK = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private record Outcome(RunSummary summary, StoredSweep sweep, EngineRun.Recorder rec) {
    }

    @Test
    void aHungTrialIsTakenBackWithinItsLeaseItsWorkerKilledAndItIsRetriedOrFailedWithTheReason() throws Exception {
        CompletableFuture<Outcome> retried = CompletableFuture.supplyAsync(() -> run("hang-retried.yaml"));
        CompletableFuture<Outcome> failed = CompletableFuture.supplyAsync(() -> run("hang-failed.yaml"));
        Outcome r = retried.get(4, TimeUnit.MINUTES);
        Outcome f = failed.get(4, TimeUnit.MINUTES);

        // hang-retried: trial 1 froze on attempt 1, was taken back, and its second attempt completed
        String story = r.rec().requeued + r.sweep().describe();
        assertEquals(StopReason.COMPLETED, r.summary().reason(), story);
        assertEquals(List.of(1), r.rec().requeued.stream().map(EngineRun.Ended::number).toList(), story);
        for (TrialRecord t : r.sweep().trials()) {
            assertEquals(TrialState.COMPLETE, t.state(), story);
            assertEquals(t.number() == 1 ? 2 : 1, t.attempt(), "trial " + t.number() + ": " + story);
        }
        Duration retriedAfter = assertTakenBack(r.rec(), 1, 1);

        // hang-failed: trial 0 froze on both attempts it was allowed; FAILED with the reason, the others ran on
        story = f.rec().requeued + f.sweep().describe();
        assertEquals(StopReason.COMPLETED, f.summary().reason(), story);
        TrialRecord hung = f.sweep().trials().get(0);
        assertEquals(TrialState.FAILED, hung.state(), story);
        assertEquals(2, hung.attempt(), "max_retries 1: two attempts; " + story);
        assertTrue(hung.error().contains("sent no heartbeat for 4 s") && hung.error().contains("hung"),
                hung.error());
        assertEquals(2, f.sweep().count(TrialState.COMPLETE), story);
        Duration firstHang = assertTakenBack(f.rec(), 0, 1);
        Duration secondHang = assertTakenBack(f.rec(), 0, 2);

        System.out.printf(Locale.ROOT, "[faults] worker-hangs: lease %.1f s; hangs taken back %.2f s, %.2f s, %.2f s "
                        + "after the trial's last progress%n", LEASE.toMillis() / 1000.0,
                retriedAfter.toMillis() / 1000.0, firstHang.toMillis() / 1000.0, secondHang.toMillis() / 1000.0);
    }

    private Outcome run(String file) {
        try {
            Path sweepDir = dir.resolve(file.replace(".yaml", ""));
            java.nio.file.Files.createDirectories(sweepDir);
            SweepSpec spec = EngineRun.spec(file, sweepDir, null);
            RunOptions options = EngineRun.options(sweepDir.resolve("runs"), LEASE).heartbeatInterval(HEARTBEAT)
                    .build();
            EngineRun.Recorder rec = new EngineRun.Recorder();
            try (H2ResultsStore store = H2ResultsStore.open(sweepDir.resolve("results"))) {
                RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store, options, rec);
                List<ProcessHandle> left = WorkerProcesses.awaitGone(
                        WorkerProcesses.of(sweepDir.resolve("runs").resolve(spec.name())), Duration.ofSeconds(20));
                WorkerProcesses.killAll(left);
                assertEquals(List.of(), left.stream().map(ProcessHandle::pid).toList(), "workers outlived the sweep");
                return new Outcome(summary, StoredSweep.of(store, spec.name()).orElseThrow(), rec);
            }
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /**
     * The attempt was taken back (requeued, or finished as FAILED) no sooner than its lease allows and no later
     * than the lease plus slack after its last progress, and the frozen worker process is gone; returns how long
     * after the last progress it was taken back.
     */
    private static Duration assertTakenBack(EngineRun.Recorder rec, int number, int attempt) {
        Instant last = rec.lastProgress(number, attempt);
        Instant back = rec.requeued.stream().filter(e -> e.number() == number && e.attempt() == attempt)
                .map(EngineRun.Ended::at).findFirst()
                .or(() -> rec.finished.stream().filter(e -> e.number() == number && e.attempt() == attempt
                        && e.state().equals("FAILED")).map(EngineRun.Ended::at).findFirst())
                .orElseThrow(() -> new AssertionError("trial " + number + " attempt " + attempt
                        + " was never taken back: " + rec.requeued + " " + rec.finished));
        Duration after = Duration.between(last, back);
        String what = "trial " + number + " attempt " + attempt + " taken back " + after + " after its last progress";
        assertTrue(after.compareTo(LEASE.minus(HEARTBEAT.multipliedBy(2)).minusMillis(300)) >= 0,
                what + ": before its lease ran out");
        assertTrue(after.compareTo(LEASE.plus(SLACK)) <= 0, what + ": later than lease + " + SLACK);
        EngineRun.Attempt ran = rec.started.stream().filter(a -> a.number() == number && a.attempt() == attempt)
                .findFirst().orElseThrow();
        assertTrue(ran.pid() > 0, "the worker of " + ran + " was known");
        assertFalse(ProcessHandle.of(ran.pid()).map(ProcessHandle::isAlive).orElse(false),
                "the frozen worker " + ran.pid() + " of trial " + number + " is gone");
        assertTrue(rec.lost.stream().anyMatch(l -> l.contains("trial " + number + " (hung; killed)")), rec.lost.toString());
        return after;
    }
}
