package dev.sweep.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.protocol.FailureKind;
import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.worker.RecordingContext;
import dev.sweep.worker.task.TaskOutcome;
import dev.sweep.worker.task.TrialFailedException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command task against real programs (bash, python3). */
class CommandTaskTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream passed = new ByteArrayOutputStream();
    private final CommandTask task = new CommandTask(Map.of("CUDA_VISIBLE_DEVICES", "3"),
            new PrintStream(passed, true, StandardCharsets.UTF_8));

    private TrialSpec trial(Map<String, Object> params, Map<String, Object> settings) {
        return new TrialSpec(77, 1, "cmd-sweep", 5, params, 99L, "command", settings);
    }

    private RecordingContext ctx() {
        return new RecordingContext(dir.resolve("trial"), Long.MAX_VALUE);
    }

    @Test
    void paramsBecomeArgsMetricLinesBecomeProgressAndTheLastValueIsTheResult() throws Exception {
        Path script = dir.resolve("train.py");
        Files.writeString(script, """
                import json, os, sys
                args = dict(a[2:].split("=", 1) for a in sys.argv[1:])
                lr, bs = float(args["learning_rate"]), int(args["batch_size"])
                print("starting", os.environ["SWEEP_TRIAL_ID"], os.environ["SWEEP_SEED"], os.environ["CUDA_VISIBLE_DEVICES"])
                for step in range(1, 4):
                    print(json.dumps({"step": step, "val_accuracy": 0.5 + step * lr, "batch": bs}), flush=True)
                print(json.dumps({"test_accuracy": 0.75}))
                print("params", os.environ["SWEEP_PARAMS"], os.environ["SWEEP_TRIAL_DIR"], file=sys.stderr)
                """);
        RecordingContext ctx = ctx();
        TaskOutcome out = task.run(trial(Map.of("learning_rate", 0.01, "batch_size", 32),
                Map.of("program", "train.py", "cwd", dir.toString())), ctx);
        assertEquals(List.of(1L, 2L, 3L, 4L), ctx.points().stream().map(RecordingContext.Point::step).toList());
        assertEquals(0.53, out.metrics().get("val_accuracy"), 1e-12);
        assertEquals(32.0, out.metrics().get("batch"));
        assertEquals(0.75, out.metrics().get("test_accuracy"));
        assertEquals(4L, out.lastStep());
        assertFalse(out.stopped());
        String log = passed.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("starting 77 99 3"), log);
        assertTrue(log.contains("{\"batch_size\":32,\"learning_rate\":0.01}"), log);
        assertTrue(log.contains(dir.resolve("trial").toString()), log);
    }

    @Test
    void placeholdersAreSubstituted() throws Exception {
        Map<String, Object> settings = Map.of("command", List.of("bash", "-c",
                "echo \"{\\\"step\\\": 1, \\\"n\\\": $#, \\\"lr\\\": $1, \\\"seed\\\": $2}\"", "cmd", "${lr}", "${seed}"));
        TaskOutcome out = task.run(trial(Map.of("lr", 0.25, "other", "x"), settings), ctx());
        assertEquals(2.0, out.metrics().get("n"), "with a ${param} placeholder no --args are appended");
        assertEquals(0.25, out.metrics().get("lr"));
        assertEquals(99.0, out.metrics().get("seed"));

        List<String> argv = CommandLine.argv(Map.of("command", "python3 t.py ${args} --tag=run${trial_number}"),
                Map.of("b", 2, "a", "adamw"), new CommandLine.Context("", 1, 4, 5, "/d"), OutputLines.lenientJson());
        assertEquals(List.of("python3", "t.py", "--a=adamw", "--b=2", "--tag=run4"), argv);
        assertEquals(List.of("./run", "--a=1"), CommandLine.argv(Map.of("command", List.of("./run")), Map.of("a", 1),
                new CommandLine.Context("", 1, 4, 5, "/d"), OutputLines.lenientJson()));
        assertEquals(List.of("x", "{\"a\":1}", "a=1"), CommandLine.argv(
                Map.of("command", List.of("x", "${args_json}", "${args_no_hyphens}")), Map.of("a", 1),
                new CommandLine.Context("", 1, 4, 5, "/d"), OutputLines.lenientJson()));
    }

    @Test
    void anUnknownPlaceholderFailsTheTrialNamingIt() {
        TrialFailedException e = assertThrows(TrialFailedException.class, () -> task.run(
                trial(Map.of("lr", 0.1), Map.of("command", List.of("echo", "${momentum}"))), ctx()));
        assertTrue(e.getMessage().contains("${momentum}") && e.getMessage().contains("lr"), e.getMessage());
    }

    @Test
    void aNonZeroExitFailsWithTheTailOfStderr() {
        String program = "for i in $(seq 1 100); do echo \"err line $i\" >&2; done; echo '{\"step\": 7, \"loss\": 1.5}'; exit 3";
        TrialFailedException e = assertThrows(TrialFailedException.class, () -> task.run(
                trial(Map.of(), Map.of("command", List.of("bash", "-c", program))), ctx()));
        assertEquals(FailureKind.ERROR, e.kind());
        assertTrue(e.getMessage().contains("code 3"), e.getMessage());
        assertEquals(7L, e.step());
        List<String> tail = e.detail().lines().toList();
        assertEquals(CommandTask.STDERR_TAIL_LINES, tail.size());
        assertEquals("err line 61", tail.get(0));
        assertEquals("err line 100", tail.get(tail.size() - 1));
    }

    @Test
    void aProgramThatCannotStartFailsClearly() {
        TrialFailedException e = assertThrows(TrialFailedException.class, () -> task.run(
                trial(Map.of(), Map.of("command", List.of("/no/such/program"))), ctx()));
        assertTrue(e.getMessage().contains("/no/such/program"), e.getMessage());
    }

    @Test
    void nanFromPythonIsRead() throws Exception {
        TaskOutcome out = task.run(trial(Map.of(), Map.of("command", List.of("python3", "-c",
                "import json; print(json.dumps({'step': 1, 'loss': float('nan')}))"))), ctx());
        assertTrue(Double.isNaN(out.metrics().get("loss")));
    }

    @Test
    void aStopEndsTheWholeProcessTreeAndCompletesAsStopped() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        String program = "sleep 300 & echo $! > " + pidFile + "; i=0; while true; do i=$((i+1)); "
                + "echo \"{\\\"step\\\": $i, \\\"loss\\\": 1}\"; sleep 0.05; done";
        RecordingContext ctx = new RecordingContext(dir.resolve("t"), 3);
        long t0 = System.nanoTime();
        TaskOutcome out = task.run(trial(Map.of(), Map.of("command", List.of("bash", "-c", program))), ctx);
        assertTrue(out.stopped());
        assertTrue(out.lastStep() >= 3);
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5, "SIGTERM ends bash at once");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> h = ProcessHandle.of(child);
        for (int i = 0; i < 50 && h.isPresent() && h.get().isAlive(); i++) {
            Thread.sleep(20);
        }
        String state = h.isPresent() && h.get().isAlive() ? stat(child) : "gone";
        assertFalse(h.isPresent() && h.get().isAlive() && !state.contains(") Z"),
                "the program's child (sleep) was ended too, but it is " + state);
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (java.io.IOException e) {
            return "gone";
        }
    }

    @Test
    void metricLinesAreParsedLeniently() {
        assertEquals(Optional.empty(), OutputLines.parse("epoch 3 done", OutputLines.lenientJson()));
        assertEquals(Optional.empty(), OutputLines.parse("{not json}", OutputLines.lenientJson()));
        OutputLines.MetricsLine m = OutputLines.parse(" {\"_step\": 4, \"acc\": 1, \"name\": \"x\", \"nested\": {}} ",
                OutputLines.lenientJson()).orElseThrow();
        assertEquals(4L, m.step());
        assertEquals(Map.of("acc", 1.0), m.metrics());
        assertNull(OutputLines.parse("{\"acc\": 0.5}", OutputLines.lenientJson()).orElseThrow().step());
    }
}
