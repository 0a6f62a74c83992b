package dev.sweep.orchestrator.engine;

import static dev.sweep.orchestrator.engine.EngineFixtures.aSyntheticSweep;
import static dev.sweep.orchestrator.engine.EngineFixtures.describe;
import static dev.sweep.orchestrator.engine.EngineFixtures.quickOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.orchestrator.config.OomPolicy;
import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code on_oom}: a trial that runs out of memory ends OOM, or runs again with half the micro-batch. */
class OnOomTest {
    /** Trial 0 runs out of memory at step 1 of its first attempt only. */
    private static final Map<String, Object> OOM_ON_FIRST_ATTEMPT = Map.of("kind", "oom", "at_step", 1,
            "trials", List.of(0), "attempts", List.of(1));

    @TempDir
    Path dir;

    @Test
    void withAccumulateAnOomTrialIsRetriedWithHalfTheMicroBatchWithoutUsingARetry() throws Exception {
        double unfaulted = trialZero(run("plain", aSyntheticSweep().named("plain").workers(1).runCap(1).build(),
                new RecordingListener())).value();
        SweepSpec spec = aSyntheticSweep().named("accumulate").workers(1).runCap(2).maxRetries(0)
                .onOom(OomPolicy.ACCUMULATE).task("fault", OOM_ON_FIRST_ATTEMPT).build();
        RecordingListener listener = new RecordingListener();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("accumulate-results"))) {
            RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("accumulate-runs")).build(), listener);
            List<TrialRecord> trials = store.trials(summary.sweepId());
            TrialRecord t0 = trialZero(trials);
            assertEquals(TrialState.COMPLETE, t0.state(), describe(trials));
            assertEquals(2, t0.attempt(), "the OOM retry runs as attempt 2, though max_retries is 0");
            assertEquals(unfaulted, t0.value(), "the same configuration gives the same value as an unfaulted run");
            assertEquals("1024", store.provenance(t0.id()).get("micro_batch_tokens"),
                    "the retry received half the default 2048 tokens");
            TrialRecord t1 = trials.stream().filter(t -> t.number() == 1).findFirst().orElseThrow();
            assertEquals(TrialState.COMPLETE, t1.state(), describe(trials));
            assertFalse(store.provenance(t1.id()).containsKey("micro_batch_tokens"),
                    "a trial that never ran out of memory keeps the task's micro-batch");
            assertEquals(1, listener.requeued.size(), listener.requeued.toString());
            // a raw OutOfMemoryError carries no step (the BERT trainer's OOM does: "OOM at step N: ...")
            assertEquals("OOM: retrying with micro_batch_tokens=1024 (effective batch preserved)",
                    listener.requeued.get(0).reason());
            assertEquals(listener.requeued.get(0).reason(), listener.requeued.get(0).trial().error(),
                    "the store holds the reason while the trial waits for its retry");
            assertEquals(StopReason.COMPLETED, summary.reason());
        }
    }

    @Test
    void aRestartedOrchestratorGoesOnHalvingFromWhereTheLastOneLeftTheTrial() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("restarted").workers(1).runCap(1).maxRetries(0)
                .onOom(OomPolicy.ACCUMULATE).task("fault", oomOnAttempts(1, 2)).build();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("restarted-results"))) {
            TrialRecord waiting = runOutOfMemoryOnceAndStop(spec, store);

            // a new orchestrator, with nothing of the first one in memory: attempt 2 gets 1024 tokens, runs out of
            // memory again, and attempt 3 gets 512 (from the task's 2048 again, it would get 1024)
            RecordingListener listener = new RecordingListener();
            RunSummary resumed = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("restarted-runs")).build(), listener);
            List<TrialRecord> trials = store.trials(resumed.sweepId());
            TrialRecord t0 = trialZero(trials);
            assertEquals(StopReason.COMPLETED, resumed.reason());
            assertEquals(TrialState.COMPLETE, t0.state(), describe(trials));
            assertEquals(3, t0.attempt(), describe(trials));
            assertEquals(List.of("OOM: retrying with micro_batch_tokens=512 (effective batch preserved)"),
                    listener.requeued.stream().map(RecordingListener.Requeued::reason).toList());
            assertEquals("512", store.provenance(waiting.id()).get("micro_batch_tokens"),
                    "attempt 3 received 1024 halved (the worker echoes what it received)");
            assertEquals("512", store.provenance(waiting.id()).get(OomRetries.PROVENANCE_KEY));
        }
    }

    @Test
    void aTrialLeftRunningByAKilledOrchestratorKeepsItsHalvedMicroBatch() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("killed").workers(1).runCap(1).maxRetries(0)
                .onOom(OomPolicy.ACCUMULATE).task("fault", oomOnAttempts(1, 3)).build();
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("killed-results"))) {
            TrialRecord waiting = runOutOfMemoryOnceAndStop(spec, store);
            // an orchestrator that claimed attempt 2 (with 1024 tokens) and was killed while it ran
            TrialRecord claimed = store.claimNext(waiting.sweepId(), "w0", "cpu", Instant.now(), Duration.ofMinutes(5))
                    .orElseThrow();
            assertEquals(2, claimed.attempt());

            RecordingListener listener = new RecordingListener();
            RunSummary resumed = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("killed-runs")).build(), listener);
            List<TrialRecord> trials = store.trials(resumed.sweepId());
            TrialRecord t0 = trialZero(trials);
            assertEquals(TrialState.COMPLETE, t0.state(), describe(trials));
            assertEquals(4, t0.attempt(), "attempt 2 was put back, 3 ran out of memory, 4 completed" + describe(trials));
            assertEquals(List.of("OOM: retrying with micro_batch_tokens=512 (effective batch preserved)"),
                    listener.requeued.stream().map(RecordingListener.Requeued::reason).toList(),
                    "attempt 3 ran with 1024 tokens, not the task's 2048");
            assertEquals("512", store.provenance(t0.id()).get("micro_batch_tokens"));
        }
    }

    /**
     * Runs {@code spec} with a launch limit of one: trial 0 runs out of memory on its first attempt, and the run
     * stops with the trial WAITING for its retry. Returns that trial.
     */
    private TrialRecord runOutOfMemoryOnceAndStop(SweepSpec spec, H2ResultsStore store) throws Exception {
        RunSummary first = new SweepRunner(Clock.systemUTC()).run(spec, store,
                quickOptions(dir.resolve(spec.name() + "-runs")).launchLimit(1).build(), new RecordingListener());
        assertEquals(StopReason.LAUNCH_LIMIT, first.reason());
        List<TrialRecord> trials = store.trials(first.sweepId());
        TrialRecord t0 = trialZero(trials);
        assertEquals(TrialState.WAITING, t0.state(), describe(trials));
        assertEquals(1, t0.attempt(), describe(trials));
        assertEquals("1024", store.provenance(t0.id()).get(OomRetries.PROVENANCE_KEY),
                "the halved micro-batch is stored with the trial");
        return t0;
    }

    /** Trial 0 runs out of memory at step 1 of these attempts. */
    private static Map<String, Object> oomOnAttempts(Integer... attempts) {
        return Map.of("kind", "oom", "at_step", 1, "trials", List.of(0), "attempts", List.of(attempts));
    }

    @Test
    void withFailTheOomTrialEnds() throws Exception {
        SweepSpec spec = aSyntheticSweep().named("fail").workers(1).runCap(2)
                .task("fault", OOM_ON_FIRST_ATTEMPT).build();
        RecordingListener listener = new RecordingListener();
        List<TrialRecord> trials = run("fail", spec, listener);
        TrialRecord t0 = trialZero(trials);
        assertEquals(TrialState.OOM, t0.state(), describe(trials));
        assertEquals(1, t0.attempt());
        assertTrue(t0.error().contains("out of memory"), t0.error());
        assertTrue(listener.requeued.isEmpty(), listener.requeued.toString());
    }

    private List<TrialRecord> run(String name, SweepSpec spec, RecordingListener listener) throws Exception {
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve(name + "-results"))) {
            RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve(name + "-runs")).build(), listener);
            return store.trials(summary.sweepId());
        }
    }

    private static TrialRecord trialZero(List<TrialRecord> trials) {
        return trials.stream().filter(t -> t.number() == 0).findFirst().orElseThrow(() ->
                new AssertionError("no trial 0 in" + describe(trials)));
    }
}
