package dev.sweep.orchestrator.engine;

import static dev.sweep.orchestrator.engine.EngineFixtures.aSyntheticSweep;
import static dev.sweep.orchestrator.engine.EngineFixtures.describe;
import static dev.sweep.orchestrator.engine.EngineFixtures.quickOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Study;
import dev.sweep.search.study.TrialProposal;
import dev.sweep.search.study.TrialState;
import dev.sweep.search.study.TrialView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping and resuming: what a resumed sweep runs is what an uninterrupted one would have run. */
class SweepResumeTest {
    @TempDir
    Path dir;

    @Test
    void aSweepResumedAfterItsOrchestratorStoppedRunsWhatAnUninterruptedOneWould() throws Exception {
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            SweepSpec reference = aSyntheticSweep().named("uninterrupted").runCap(10).build();
            RunSummary ref = new SweepRunner(Clock.systemUTC()).run(reference, store,
                    quickOptions(dir.resolve("runs")).build(), new RecordingListener());
            assertEquals(10, ref.counts().complete());

            SweepSpec spec = aSyntheticSweep().named("interrupted").runCap(10).build();
            RunSummary first = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs")).launchLimit(4).build(), new RecordingListener());
            assertEquals(StopReason.LAUNCH_LIMIT, first.reason());
            assertEquals(SweepState.STOPPED, store.findSweep("interrupted").orElseThrow().state());
            assertEquals(4, store.trials(first.sweepId()).size());
            assertFalse(first.resumed());

            // an orchestrator that died while it ran trial 4: asked, added and claimed, never finished
            claimTheNextTrialAsADeadOrchestratorWould(store, spec, first.sweepId());

            RecordingListener listener = new RecordingListener();
            RunSummary second = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs")).build(), listener);
            assertTrue(second.resumed());
            assertEquals(StopReason.COMPLETED, second.reason());
            assertEquals(SweepState.FINISHED, second.state());
            List<TrialRecord> trials = store.trials(second.sweepId());
            assertEquals(10, trials.size(), describe(trials));
            assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE), describe(trials));
            assertEquals(2, trials.get(4).attempt(), "the trial left running was run again");
            assertEquals(6, second.launched());
            assertEquals(paramsAndSeeds(store.trials(ref.sweepId())), paramsAndSeeds(trials),
                    "same proposals, same seeds, trial by trial");
            assertEquals(ref.best().orElseThrow().value(), second.best().orElseThrow().value());
        }
    }

    @Test
    void aSweepOfTheSameNameButAnotherFileIsRefused() throws Exception {
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            SweepSpec spec = aSyntheticSweep().named("taken").runCap(1).workers(1).build();
            new SweepRunner(Clock.systemUTC()).run(spec, store, quickOptions(dir.resolve("runs")).build(),
                    RunListener.NONE);
            SweepSpec edited = aSyntheticSweep().named("taken").runCap(2).workers(1).build();
            SweepConflictException e = assertThrows(SweepConflictException.class, () -> new SweepRunner(
                    Clock.systemUTC()).run(edited, store, quickOptions(dir.resolve("runs")).build(), RunListener.NONE));
            assertTrue(e.getMessage().contains("'taken'") && e.getMessage().contains("--new-name")
                    && e.getMessage().contains("sweep cancel"), e.getMessage());
            assertEquals(1, store.trials(store.findSweep("taken").orElseThrow().id()).size(), "nothing was run");
        }
    }

    @Test
    void aHardStopPutsRunningTrialsBackToWaitingAndAResumeRunsThem() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("hard-stop").workers(2).runCap(4).task("steps", 40)
                .task("delay_ms", 50).build();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            SweepRunner runner = new SweepRunner(Clock.systemUTC());
            RecordingListener listener = new RecordingListener();
            AtomicBoolean asked = new AtomicBoolean();
            listener.onProgress = (trial, step, metrics) -> {
                if (listener.started.size() == 2 && step >= 2 && asked.compareAndSet(false, true)) {
                    new Thread(runner::requestHardStop).start(); // as a second Ctrl-C would, from another thread
                }
            };
            Instant t0 = Instant.now();
            RunSummary stopped = runner.run(spec, store, quickOptions(dir.resolve("runs")).build(), listener);
            assertEquals(StopReason.HARD_STOP, stopped.reason());
            assertEquals(SweepState.STOPPED, stopped.state());
            assertTrue(Duration.between(t0, Instant.now()).compareTo(Duration.ofSeconds(60)) < 0);
            List<TrialRecord> afterStop = store.trials(stopped.sweepId());
            assertEquals(2, afterStop.size(), describe(afterStop));
            assertTrue(afterStop.stream().allMatch(t -> t.state() == TrialState.WAITING && t.attempt() == 1
                    && t.error().contains("stopped")), describe(afterStop));
            for (long pid : listener.allPids) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "killed: " + pid);
            }

            RunSummary resumed = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs")).build(), new RecordingListener());
            List<TrialRecord> trials = store.trials(resumed.sweepId());
            assertEquals(StopReason.COMPLETED, resumed.reason());
            assertEquals(4, trials.size());
            assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE), describe(trials));
            assertEquals(List.of(2, 2, 1, 1), trials.stream().map(TrialRecord::attempt).toList());
        }
    }

    @Test
    void aHardStopAfterAGracefulOneEndsTheRunAsAHardStop() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("graceful-then-hard").workers(1).runCap(2).task("steps", 60)
                .task("delay_ms", 100).build();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            SweepRunner runner = new SweepRunner(Clock.systemUTC());
            RecordingListener listener = new RecordingListener();
            // on the event loop's thread, as Ctrl-C presses some steps apart: the loop takes the first on its own
            listener.onProgress = (trial, step, metrics) -> {
                if (step == 2) {
                    runner.requestGracefulStop();
                } else if (step == 6) {
                    runner.requestHardStop();
                }
            };
            RunSummary stopped = runner.run(spec, store, quickOptions(dir.resolve("runs")).build(), listener);
            assertEquals(StopReason.HARD_STOP, stopped.reason());
            assertEquals(SweepState.STOPPED, stopped.state());
            List<TrialRecord> trials = store.trials(stopped.sweepId());
            assertEquals(1, trials.size(), describe(trials));
            assertTrue(trials.get(0).state() == TrialState.WAITING && trials.get(0).error().contains("stopped"),
                    "the running trial was put back " + describe(trials));
        }
    }

    @Test
    void afterTheLaunchDeadlineRunningTrialsFinishAndNoneStarts() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("deadline").workers(1).runCap(50).task("steps", 4)
                .task("delay_ms", 100).build();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            RecordingListener listener = new RecordingListener();
            JumpingClock clock = new JumpingClock();
            Instant deadline = clock.instant().plus(Duration.ofHours(7));
            AtomicBoolean once = new AtomicBoolean();
            listener.onStarted = (t, w) -> {
                if (once.compareAndSet(false, true)) {
                    new Thread(() -> {
                        SweepRunnerTest.sleep(900);
                        clock.jump(Duration.ofHours(8)); // the night is over while a trial runs
                    }).start();
                }
            };
            RunSummary summary = new SweepRunner(clock).run(spec, store, quickOptions(dir.resolve("runs"))
                    .stopLaunchingAt(deadline).lease(Duration.ofHours(9)).build(), listener); // no jump looks like a hang
            assertEquals(StopReason.DEADLINE, summary.reason());
            assertEquals(SweepState.STOPPED, summary.state());
            List<TrialRecord> trials = store.trials(summary.sweepId());
            assertTrue(trials.size() >= 1 && trials.size() < 50, describe(trials));
            assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE),
                    "the trial running at the deadline finished " + describe(trials));
        }
    }

    private static void claimTheNextTrialAsADeadOrchestratorWould(H2ResultsStore store, SweepSpec spec, long sweepId) {
        List<TrialView> history = store.trials(sweepId).stream().map(t -> new TrialView(t.number(), t.config(),
                t.repeat(), t.params(), t.state(), t.value(), new TreeMap<>())).toList();
        TrialProposal p = new Study(spec.studyConfig()).ask(history).orElseThrow();
        Instant now = Instant.now();
        store.addTrial(sweepId, new NewTrial(p.number(), p.config(), p.repeat(), p.params(), p.seed()), now);
        TrialRecord claimed = store.claimNext(sweepId, "w0", "cpu", now, Duration.ofMinutes(5)).orElseThrow();
        assertEquals(TrialState.RUNNING, claimed.state());
        SweepRecord s = store.findSweep(sweepId).orElseThrow();
        assertEquals(SweepState.STOPPED, s.state());
    }

    private static List<Map.Entry<Map<String, Object>, Long>> paramsAndSeeds(List<TrialRecord> trials) {
        return trials.stream().map(t -> Map.entry(t.params(), t.seed())).toList();
    }
}
