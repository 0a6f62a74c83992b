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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
