package dev.sweep.orchestrator.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.orchestrator.engine.RunListener;
import dev.sweep.orchestrator.engine.RunOptions;
import dev.sweep.orchestrator.engine.RunSummary;
import dev.sweep.orchestrator.engine.StopReason;
import dev.sweep.orchestrator.engine.SweepRunner;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.TrialRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6, worker kills: during a sweep the test SIGKILLs worker processes in the middle of trials (a seeded
 * random busy worker, a seeded random delay apart). Every kill must be seen as a lost worker, its trial retried
 * on a fresh worker, and at the end every trial COMPLETE exactly once with exactly the parameters, values and
 * curves of an uninterrupted run; attempts above 1 only for the trials that were killed.
 */
class WorkerKillTest {

    private static final int KILLS = Integer.getInteger(OrchestratorCrashTest.KILLS_PROPERTY, 4);
    private static final int STEPS = 5;

    @TempDir
    Path dir;

    @Test
    void workersKilledMidTrialAreReplacedAndEveryTrialCompletesOnceAsWithoutKills() throws Exception {
        Seeded.run("worker-kills", this::killWorkers);
    }

    private void killWorkers(SplittableRandom rng) throws Exception {
        SweepSpec reference = EngineRun.spec("worker-kills.yaml", dir, "worker-kills-uninterrupted");
        SweepSpec spec = EngineRun.spec("worker-kills.yaml", dir, null);
        RunOptions options = EngineRun.options(dir.resolve("runs"), Duration.ofSeconds(10)).build();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            RunSummary ref = new SweepRunner(Clock.systemUTC()).run(reference, store, options, RunListener.NONE);
            assertEquals(StopReason.COMPLETED, ref.reason(), ref.toString());
            StoredSweep baseline = StoredSweep.of(store, reference.name()).orElseThrow();

            EngineRun.Recorder rec = new EngineRun.Recorder();
            SweepRunner runner = new SweepRunner(Clock.systemUTC());
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.run(spec, store, options, rec);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            });
            List<EngineRun.Attempt> killed = new ArrayList<>();
            List<Instant> killedAt = new ArrayList<>();
            try {
                while (killed.size() < KILLS && !run.isDone()) {
                    Thread.sleep(100 + rng.nextInt(500));
                    EngineRun.Attempt victim = awaitVictim(rec, rng, run);
                    if (victim == null) {
                        break;
                    }
                    killedAt.add(Instant.now());
                    ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    killed.add(victim);
                    awaitNoticed(rec, killed.size(), run);
                }
                RunSummary summary = run.get(3, TimeUnit.MINUTES);
                assertEquals(StopReason.COMPLETED, summary.reason(), summary.toString());
            } finally {
                runner.requestHardStop();
                run.handle((s, e) -> s).get(1, TimeUnit.MINUTES);
            }

            StoredSweep end = StoredSweep.of(store, spec.name()).orElseThrow();
            String story = "kills: " + killed + "\nrequeued: " + rec.requeued + "\nlost: " + rec.lost + end.describe();
            end.assertIdenticalTo(baseline, story);
            assertTrue(killed.size() >= 3, "only " + killed.size() + " kills landed before the sweep ended; " + story);
            assertEquals(killed.size(), rec.lost.size(), "every kill, and nothing else, lost a worker; " + story);

            Map<Integer, Long> requeues = rec.requeued.stream()
                    .collect(Collectors.groupingBy(EngineRun.Ended::number, Collectors.counting()));
            for (TrialRecord t : end.trials()) {
                assertEquals(1 + requeues.getOrDefault(t.number(), 0L), t.attempt(),
                        "trial " + t.number() + ": one attempt per kill of it, plus the one that completed; " + story);
            }
            for (EngineRun.Attempt k : killed) {
                boolean retried = rec.requeued.stream().anyMatch(r -> r.number() == k.number()
                        && r.attempt() == k.attempt());
                boolean completedFirst = end.trials().get(k.number()).attempt() == k.attempt();
                assertTrue(retried || completedFirst, "the kill of " + k + " was neither retried nor too late; "
                        + story);
            }
            assertTrue(rec.requeued.size() >= killed.size() - 1, "most kills hit a running trial; " + story);

            List<ProcessHandle> left = WorkerProcesses.awaitGone(rec.allPids.stream().map(ProcessHandle::of)
                    .flatMap(java.util.Optional::stream).toList(), Duration.ofSeconds(20));
            WorkerProcesses.killAll(left);
            assertEquals(List.of(), left.stream().map(ProcessHandle::pid).toList(), "workers outlived the sweep");
            report(killed, killedAt, rec, end);
        }
    }

    /**
     * A seeded random choice among the workers that are in the middle of a trial (at least one step reported,
     * at least one to come); null when the run ended first.
     */
    private static EngineRun.Attempt awaitVictim(EngineRun.Recorder rec, SplittableRandom rng,
                                                 CompletableFuture<RunSummary> run) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!run.isDone() && System.nanoTime() < end) {
            List<EngineRun.Attempt> busy = rec.running.entrySet().stream()
                    .filter(e -> {
                        long step = rec.lastStep.getOrDefault(e.getKey(), 0L);
                        return step >= 1 && step <= STEPS - 2 && e.getValue().pid() > 0;
                    })
                    .map(Map.Entry::getValue).sorted(Comparator.comparing(EngineRun.Attempt::workerId)).toList();
            if (!busy.isEmpty()) {
                return busy.get(rng.nextInt(busy.size()));
            }
            Thread.sleep(5);
        }
        return null;
    }

    private static void awaitNoticed(EngineRun.Recorder rec, int kills, CompletableFuture<RunSummary> run)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (rec.lost.size() < kills && !run.isDone()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("kill #" + kills + " was not noticed within 30 s; lost: " + rec.lost);
            }
            Thread.sleep(5);
        }
    }

    private static void report(List<EngineRun.Attempt> killed, List<Instant> killedAt, EngineRun.Recorder rec,
                               StoredSweep end) {
        List<String> lost = new ArrayList<>();
        List<Long> noticed = new ArrayList<>();
        Function<EngineRun.Attempt, EngineRun.Ended> requeueOf = k -> rec.requeued.stream()
                .filter(r -> r.number() == k.number() && r.attempt() == k.attempt()).findFirst().orElse(null);
        for (int i = 0; i < killed.size(); i++) {
            lost.add(String.format(Locale.ROOT, "%.2f",
                    Duration.between(killed.get(i).at(), killedAt.get(i)).toMillis() / 1000.0));
            EngineRun.Ended r = requeueOf.apply(killed.get(i));
            if (r != null) {
                noticed.add(Duration.between(killedAt.get(i), r.at()).toMillis());
            }
        }
        System.out.printf(Locale.ROOT, "[faults] worker-kills: %d kills, %d requeues, %d trials COMPLETE once "
                        + "(%d attempts); trial-seconds lost per kill %s; kill to requeue %s ms%n",
                killed.size(), rec.requeued.size(), end.trials().size(),
                end.trials().stream().mapToInt(TrialRecord::attempt).sum(), lost, noticed);
    }
}
