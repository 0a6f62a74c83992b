package dev.sweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.protocol.FailureKind;
import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.search.protocol.WorkerEvent;
import dev.sweep.search.protocol.WorkerMessage;
import dev.sweep.search.testfunctions.TestFunctions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real worker process, driven over its stdin/stdout as the orchestrator does. */
class WorkerProcessTest {

    @TempDir
    Path dir;

    private static TrialSpec synthetic(long id, int number, Map<String, Object> task) {
        return new TrialSpec(id, 1, "test-sweep", number, Map.of("x1", 1.0, "x2", 2.0), 7L, "synthetic", task);
    }

    @Test
    void readyThenTrialEventsThenShutdown() throws Exception {
        try (WorkerHarness w = new WorkerHarness(dir, 40)) {
            WorkerEvent.Ready ready = assertInstanceOf(WorkerEvent.Ready.class, w.next());
            assertEquals("test-worker", ready.workerId());
            assertTrue(ready.pid() > 0);
            assertEquals(Long.toString(ready.pid()), ready.info().get("pid"));
            assertEquals("cpu", ready.info().get("device"));
            assertNotNull(ready.info().get("java_version"));

            w.send(new WorkerMessage.Run(synthetic(11, 0, Map.of("steps", 4, "delay_ms", 60))));
            List<WorkerEvent> events = w.until(WorkerHarness::isFinal);
            WorkerEvent.Started started = assertInstanceOf(WorkerEvent.Started.class, events.get(0));
            assertEquals(11, started.trialId());
            assertEquals("synthetic", started.provenance().get("task_type"));
            assertEquals("test-worker", started.provenance().get("worker_id"));
            List<WorkerEvent.Progress> progress = events.stream()
                    .filter(WorkerEvent.Progress.class::isInstance).map(WorkerEvent.Progress.class::cast).toList();
            assertEquals(List.of(1L, 2L, 3L, 4L), progress.stream().map(WorkerEvent.Progress::step).toList());
            assertTrue(events.stream().anyMatch(WorkerEvent.Heartbeat.class::isInstance),
                    "heartbeats every 40 ms during a 240 ms trial: " + events);
            assertTrue(events.stream().anyMatch(e -> e instanceof WorkerEvent.Started s
                    && "branin".equals(s.provenance().get("function"))), "task provenance arrives as a Started");
            WorkerEvent.Completed done = assertInstanceOf(WorkerEvent.Completed.class, events.get(events.size() - 1));
            double f = TestFunctions.branin().value(new double[] {1.0, 2.0});
            assertEquals(f, done.metrics().get("value"), 1e-12);
            assertFalse(done.stopped());
            assertEquals(4L, done.step());

            w.send(new WorkerMessage.Shutdown());
            assertTrue(w.stdoutEnded(), "no heartbeat or other line after the final event");
            assertEquals(0, w.waitForExit());
        }
    }

    @Test
    void stopEndsTheTrialEarlyAsStopped() throws Exception {
        try (WorkerHarness w = new WorkerHarness(dir, 1000)) {
            w.next();
            w.send(new WorkerMessage.Run(synthetic(12, 0, Map.of("steps", 200, "delay_ms", 20))));
            w.until(e -> e instanceof WorkerEvent.Progress p && p.step() == 3);
            w.send(new WorkerMessage.Stop(99, 1, "not this one"));
            w.send(new WorkerMessage.Stop(12, 1, "pruned"));
            List<WorkerEvent> events = w.until(WorkerHarness::isFinal);
            WorkerEvent.Completed c = assertInstanceOf(WorkerEvent.Completed.class, events.get(events.size() - 1));
            assertTrue(c.stopped());
            assertTrue(c.step() >= 3 && c.step() < 200, "stopped at step " + c.step());
            double atStep = events.stream().filter(e -> e instanceof WorkerEvent.Progress p && p.step() == c.step())
                    .map(e -> ((WorkerEvent.Progress) e).metrics().get("value")).findFirst().orElseThrow();
            assertEquals(atStep, c.metrics().get("value"), "the result is the last step's value");
        }
    }

    @Test
    void failuresAreReportedByKindAndTheWorkerCarriesOn() throws Exception {
        try (WorkerHarness w = new WorkerHarness(dir, 1000)) {
            w.next();
            w.send(new WorkerMessage.Run(synthetic(1, 0, Map.of("steps", 3, "fault", Map.of("kind", "nan", "at_step", 2)))));
            WorkerEvent.Failed diverged = lastFailed(w);
            assertEquals(FailureKind.DIVERGED, diverged.kind());
            assertEquals(2L, diverged.step());

            w.send(new WorkerMessage.Run(synthetic(2, 0, Map.of("steps", 3, "fault", Map.of("kind", "throw", "at_step", 2)))));
            WorkerEvent.Failed error = lastFailed(w);
            assertEquals(FailureKind.ERROR, error.kind());
            assertTrue(error.detail().contains("SyntheticTask"), error.detail());

            w.send(new WorkerMessage.Run(new TrialSpec(3, 1, "s", 2, Map.of(), 1L, "no-such-task", Map.of())));
            WorkerEvent.Failed unknown = lastFailed(w);
            assertTrue(unknown.message().contains("no-such-task") && unknown.message().contains("synthetic"),
                    unknown.message());

            w.send(new WorkerMessage.Run(synthetic(4, 3, Map.of("function", "hartmann6"))));
            WorkerEvent.Failed badParams = lastFailed(w);
            assertTrue(badParams.message().contains("x3"), badParams.message());

            w.send(new WorkerMessage.Run(synthetic(5, 4, Map.of())));
            List<WorkerEvent> ok = w.until(WorkerHarness::isFinal);
            assertInstanceOf(WorkerEvent.Completed.class, ok.get(ok.size() - 1));
        }
    }

    @Test
    void outOfMemoryIsReportedThenTheWorkerExitsNonZero() throws Exception {
        try (WorkerHarness w = new WorkerHarness(dir, 1000)) {
            w.next();
            w.send(new WorkerMessage.Run(synthetic(1, 0, Map.of("fault", Map.of("kind", "oom")))));
            assertEquals(FailureKind.OOM, lastFailed(w).kind());
            assertEquals(Worker.EXIT_UNHEALTHY, w.waitForExit());
        }
    }

    @Test
    void strayPrintsOfTaskCodeDoNotReachTheProtocolStream() throws Exception {
        try (WorkerHarness w = new WorkerHarness(dir, 1000)) {
            w.next();
            w.send(new WorkerMessage.Run(new TrialSpec(1, 1, "s", 0, Map.of(), 1L, "noisy", Map.of())));
            List<WorkerEvent> events = w.until(WorkerHarness::isFinal); // next() fails on any non-event line
            WorkerEvent.Completed c = assertInstanceOf(WorkerEvent.Completed.class, events.get(events.size() - 1));
            assertEquals(1.0, c.metrics().get("value"));
        }
    }

    @Test
    void endOfStdinStopsTheRunningTrialAndExits() throws Exception {
        try (WorkerHarness w = new WorkerHarness(dir, 1000)) {
            w.next();
            w.send(new WorkerMessage.Run(synthetic(1, 0, Map.of("steps", 10_000, "delay_ms", 10))));
            w.until(e -> e instanceof WorkerEvent.Progress);
            w.closeStdin();
            WorkerEvent last = w.until(WorkerHarness::isFinal).stream().reduce((a, b) -> b).orElseThrow();
            assertTrue(assertInstanceOf(WorkerEvent.Completed.class, last).stopped());
            assertEquals(0, w.waitForExit());
        }
    }

    @Test
    void eachTrialAttemptGetsItsOwnWorkDirUnderTheTrialsFolder() throws Exception {
        try (WorkerHarness w = new WorkerHarness(dir, 1000)) {
            w.next();
            Map<String, Object> touch = Map.of("command", List.of("bash", "-c", "touch \"$SWEEP_TRIAL_DIR/made-here\""));
            w.send(new WorkerMessage.Run(new TrialSpec(8, 2, "s", 5, Map.of(), 1L, "command", touch)));
            List<WorkerEvent> events = w.until(WorkerHarness::isFinal);
            assertInstanceOf(WorkerEvent.Completed.class, events.get(events.size() - 1));
            assertTrue(java.nio.file.Files.exists(dir.resolve("trial-5-attempt-2").resolve("made-here")));
        }
    }

    private static WorkerEvent.Failed lastFailed(WorkerHarness w) throws InterruptedException {
        List<WorkerEvent> events = w.until(WorkerHarness::isFinal);
        return assertInstanceOf(WorkerEvent.Failed.class, events.get(events.size() - 1));
    }
}
