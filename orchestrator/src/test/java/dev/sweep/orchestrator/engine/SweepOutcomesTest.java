package dev.sweep.orchestrator.engine;

import static dev.sweep.orchestrator.engine.EngineFixtures.aSyntheticSweep;
import static dev.sweep.orchestrator.engine.EngineFixtures.describe;
import static dev.sweep.orchestrator.engine.EngineFixtures.quickOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.PrunerSpec;
import dev.sweep.search.study.TrialState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How trials end, as recorded: failed commands, pruned curves, and a store that fails under the run. */
class SweepOutcomesTest {
    @TempDir
    Path dir;

    @Test
    void aCommandThatExitsNonZeroEndsFailedWithItsStderrTailAndIsNotRetried() throws Exception {
        String program = "echo '{\"step\": 1, \"loss\": 0.5}'; for i in $(seq 1 60); do echo \"noise $i\" >&2; done; "
                + "echo 'ValueError: learning rate must be positive' >&2; exit 3";
        SweepSpec spec = aSyntheticSweep().named("cmd-fails").workers(1).runCap(2).metric("loss")
                .commandTask(List.of("bash", "-c", program)).build();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs")).build(), new RecordingListener());
            List<TrialRecord> trials = store.trials(summary.sweepId());
            assertEquals(2, trials.size(), describe(trials));
            for (TrialRecord t : trials) {
                assertEquals(TrialState.FAILED, t.state(), describe(trials));
                assertEquals(1, t.attempt(), "a failing program is not a dying worker: no retry");
                assertTrue(t.error().startsWith("command exited with code 3"), t.error());
                assertTrue(t.error().endsWith("ValueError: learning rate must be positive"), t.error());
                assertFalse(t.error().contains("noise 20\n"), "only the tail of stderr: " + t.error());
                assertEquals(1L, t.stoppedStep());
                assertEquals(List.of(0.5), store.metrics(t.id()).stream().map(MetricPoint::value).toList());
            }
            assertEquals(StopReason.COMPLETED, summary.reason());
            assertEquals(2, summary.counts().failed());
        }
    }

    @Test
    void prunedTrialsAreRecordedWithTheStepTheyStoppedAt() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("pruning").workers(1).runCap(8).task("steps", 8).task("delay_ms", 25)
                .pruner(new PrunerSpec("median", 2, 3, null, 2)).build();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("results"))) {
            RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs")).build(), new RecordingListener());
            List<TrialRecord> trials = store.trials(summary.sweepId());
            List<TrialRecord> pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).toList();
            assertFalse(pruned.isEmpty(), "the median rule stops the worse curves " + describe(trials));
            for (TrialRecord t : pruned) {
                long lastStep = store.metrics(t.id()).stream().mapToLong(MetricPoint::step).max().orElseThrow();
                assertTrue(t.stoppedStep() >= 2 && t.stoppedStep() < 8, "stopped between min_iter and the end: "
                        + t.stoppedStep());
                assertEquals(lastStep, t.stoppedStep(), "the stop step is the last step it reported");
                double atStop = store.metrics(t.id()).stream().filter(m -> m.step() == lastStep).findFirst()
                        .orElseThrow().value();
                assertEquals(atStop, t.value(), "a pruned trial's value is its last intermediate value");
            }
            assertTrue(trials.stream().filter(t -> t.state() == TrialState.COMPLETE).allMatch(t -> t.stoppedStep() == null
                    && store.metrics(t.id()).size() == 8), describe(trials));
            assertEquals(8, trials.size());
            assertEquals(pruned.size(), summary.counts().pruned());
        }
    }

    @Test
    void aStoreThatFailsMidRunStopsLaunchingKeepsWhatWasRecordedAndSaysWhy() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("db-fails").workers(1).runCap(10).task("steps", 2)
                .task("delay_ms", 30).build();
        Path db = dir.resolve("results");
        H2ResultsStore store = H2ResultsStore.open(db);
        RecordingListener listener = new RecordingListener();
        AtomicInteger finished = new AtomicInteger();
        listener.onFinished = t -> {
            if (finished.incrementAndGet() == 2) {
                store.close(); // as if the disk went away
            }
        };
        RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                quickOptions(dir.resolve("runs")).build(), listener);
        assertEquals(StopReason.DATABASE_ERROR, summary.reason());
        assertEquals(SweepState.STOPPED, summary.state());
        assertTrue(summary.message().contains("results store failed"), summary.message());
        assertTrue(summary.launched() <= 3, "nothing launched after the failure: " + summary.launched());
        try (H2ResultsStore reopened = H2ResultsStore.open(db)) {
            List<TrialRecord> trials = reopened.trials(summary.sweepId());
            assertEquals(2, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count(), describe(trials));
        }
    }
}
