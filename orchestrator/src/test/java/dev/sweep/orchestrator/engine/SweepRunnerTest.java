package dev.sweep.orchestrator.engine;

import static dev.sweep.orchestrator.engine.EngineFixtures.aSyntheticSweep;
import static dev.sweep.orchestrator.engine.EngineFixtures.describe;
import static dev.sweep.orchestrator.engine.EngineFixtures.quickOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs: real worker processes, a real H2 file, the synthetic task. */
class SweepRunnerTest {
    @TempDir
    Path dir;

    @Test
    void everyTrialCompletesExactlyOnceEvenWhenAWorkerIsKilledMidTrial() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("kill9").workers(2).runCap(12)
                .task("steps", 4).task("delay_ms", 100).build();
        RecordingListener listener = new RecordingListener();
        AtomicBoolean killed = new AtomicBoolean();
        long[] victim = new long[1];
        listener.onStarted = (trial, workerId) -> {
            if (trial.number() == 3 && killed.compareAndSet(false, true)) {
                victim[0] = trial.id();
                long pid = listener.pids.get(workerId);
                // kill -9 while the 400 ms trial runs (it cannot have ended: its Run was sent just now)
                Thread killer = new Thread(() -> {
                    sleep(150);
                    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                });
                killer.start();
            }
        };
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs")).lease(Duration.ofSeconds(5)).build(), listener);

            List<TrialRecord> trials = store.trials(summary.sweepId());
            assertTrue(killed.get(), "the worker was killed");
            assertEquals(12, trials.size(), describe(trials));
            assertEquals(Set.of(TrialState.COMPLETE), trials.stream().map(TrialRecord::state).collect(Collectors.toSet()),
                    describe(trials));
            assertEquals(12, trials.stream().map(TrialRecord::number).distinct().count());
            TrialRecord retried = store.trial(victim[0]).orElseThrow();
            assertEquals(2, retried.attempt(), "the killed trial ran again");
            assertEquals(1, trials.stream().filter(t -> t.attempt() > 1).count(), describe(trials));
            assertEquals("2", store.provenance(victim[0]).get("attempt"));
            assertEquals(4, store.metrics(victim[0]).stream().filter(m -> m.name().equals("value")).count(),
                    "one point per step, the retry's overwriting the first attempt's");
            assertEquals(1, listener.requeued.size());
            assertTrue(listener.requeued.get(0).reason().contains("exited with code 137"),
                    listener.requeued.get(0).reason());
            assertEquals(3, listener.allPids.size(), "two workers, one restart");
            assertEquals(StopReason.COMPLETED, summary.reason());
            assertEquals(SweepState.FINISHED, summary.state());
            assertEquals(SweepState.FINISHED, store.findSweep("kill9").orElseThrow().state());
            assertEquals(13, summary.launched());
            assertEquals(12, summary.counts().complete());
            double best = trials.stream().mapToDouble(TrialRecord::value).min().orElseThrow();
            assertEquals(best, summary.best().orElseThrow().value());
            assertEquals(Integer.valueOf(12), summary.counts().planned());
            for (long pid : listener.allPids) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " ended");
            }
            if (new ProcessGroups().setsid().isPresent()) {
                assertEquals(listener.allPids, listener.groups, "each worker leads its own process group");
            }
        }
    }

    @Test
    void aHungWorkerIsDetectedWithinTheLeaseKilledAndItsTrialRetried() throws Exception {
        Duration lease = Duration.ofSeconds(2);
        SweepSpec spec = aSyntheticSweep().named("hang").workers(1).runCap(3).task("steps", 4).task("delay_ms", 50)
                .task("fault", Map.of("kind", "hang", "at_step", 2, "trials", List.of(1), "attempts", List.of(1)))
                .build();
        RecordingListener listener = new RecordingListener();
        Instant[] firstStep = new Instant[1];
        listener.onProgress = (trial, step, metrics) -> {
            if (trial.number() == 1 && trial.attempt() == 1 && step == 1) {
                firstStep[0] = Instant.now();
            }
        };
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs")).lease(lease).heartbeatInterval(Duration.ofMillis(200)).build(),
                    listener);
            List<TrialRecord> trials = store.trials(summary.sweepId());
            assertEquals(List.of(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.COMPLETE),
                    trials.stream().map(TrialRecord::state).toList(), describe(trials));
            assertEquals(2, trials.get(1).attempt());
            assertEquals(1, listener.requeued.size());
            RecordingListener.Requeued r = listener.requeued.get(0);
            assertTrue(r.reason().contains("no heartbeat for 2 s"), r.reason());
            Duration detected = Duration.between(firstStep[0], r.at());
            assertTrue(detected.compareTo(lease.minusMillis(500)) >= 0 && detected.compareTo(lease.plusSeconds(4)) < 0,
                    "taken back one lease after the hang, but after " + detected);
            long hungPid = listener.allPids.get(0);
            assertFalse(ProcessHandle.of(hungPid).map(ProcessHandle::isAlive).orElse(false), "the hung worker was killed");
            assertEquals(2, listener.allPids.size());
            assertEquals(StopReason.COMPLETED, summary.reason());
        }
    }

    @Test
    void aTrialWhoseWorkerKeepsDyingFailsAfterMaxRetriesWithTheReason() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("retries").workers(1).runCap(3).maxRetries(2)
                .task("fault", Map.of("kind", "exit", "exit_code", 7, "trials", List.of(1), "attempts", List.of(1, 2, 3)))
                .build();
        RecordingListener listener = new RecordingListener();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs")).build(), listener);
            List<TrialRecord> trials = store.trials(summary.sweepId());
            assertEquals(List.of(TrialState.COMPLETE, TrialState.FAILED, TrialState.COMPLETE),
                    trials.stream().map(TrialRecord::state).toList(), describe(trials));
            TrialRecord failed = trials.get(1);
            assertEquals(3, failed.attempt(), "one run and max_retries = 2 retries");
            assertTrue(failed.error().startsWith("worker w0 exited with code 7"), failed.error());
            assertEquals(2, listener.requeued.size());
            assertEquals(StopReason.COMPLETED, summary.reason());
            assertEquals(1, summary.counts().failed());
            assertTrue(Files.readString(dir.resolve("runs/retries/workers/w0.log")).contains("launch #4"),
                    "the worker's log keeps every launch");
        }
    }

    @Test
    void aWorkerThatDiesOverAndOverStopsTheSweepInsteadOfFlapping() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("flapping").workers(1).runCap(5).maxRetries(20)
                .task("fault", Map.of("kind", "exit", "exit_code", 9, "attempts", List.of(1, 2, 3, 4, 5, 6)))
                .build();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs")).maxRestartsPerMinute(2).build(), new RecordingListener());
            assertEquals(StopReason.WORKERS_FAILING, summary.reason());
            assertEquals(SweepState.STOPPED, summary.state());
            assertTrue(summary.message().contains("worker w0 died 3 times within a minute")
                    && summary.message().contains("exited with code 9") && summary.message().contains("w0.log"),
                    summary.message());
            assertEquals(SweepState.STOPPED, store.findSweep("flapping").orElseThrow().state());
            List<TrialRecord> trials = store.trials(summary.sweepId());
            assertEquals(List.of(TrialState.WAITING), trials.stream().map(TrialRecord::state).distinct().toList(),
                    "nothing is lost: the trial waits for a resume " + describe(trials));
        }
    }

    @Test
    void workersThatCannotStartStopTheSweepWithTheirOwnWords() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("bad-classpath").workers(1).runCap(3).build();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store, quickOptions(dir.resolve("runs"))
                    .classpath(dir.resolve("no-such.jar").toString()).maxRestartsPerMinute(2).build(),
                    new RecordingListener());
            assertEquals(StopReason.WORKERS_FAILING, summary.reason());
            assertTrue(summary.message().contains("exited with code 1")
                    && summary.message().contains("Could not find or load main class dev.sweep.worker.WorkerMain"),
                    summary.message());
            assertEquals(0, summary.launched());
            assertEquals(SweepState.STOPPED, store.findSweep("bad-classpath").orElseThrow().state());
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
