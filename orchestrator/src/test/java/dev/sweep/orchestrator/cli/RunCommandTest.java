package dev.sweep.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep run} and {@code sweep resume} end to end: real worker processes, a real H2 store. */
class RunCommandTest {

    /** Small worker JVMs that start quickly on a busy 2-core machine. */
    static final String JVM_ARGS = "[-Xmx96m, -XX:+UseSerialGC, -XX:TieredStopAtLevel=1, -Xss512k, -XX:CICompilerCount=1]";

    @TempDir
    Path dir;

    static String grid(String name, int steps, int delayMs, int workers, String x1Values) {
        return """
                name: %s
                method: grid
                metric: {name: value, goal: minimize}
                resources: {workers: %d, jvm_args: %s}
                task: {type: synthetic, function: branin, steps: %d, delay_ms: %d}
                parameters:
                  x1: {values: %s}
                  x2: {values: [2.275, 7.5]}
                """.formatted(name, workers, JVM_ARGS, steps, delayMs, x1Values);
    }

    @Test
    void aSweepRunsToItsLeaderboardAndRunningItAgainResumesWithoutDuplicates() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Path file = cli.write("branin.yaml", grid("branin", 2, 0, 2, "[-3.14, 3.14]"));

        CliHarness.Result first = cli.run("run", file.toString());
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.out().contains("sweep branin FINISHED"), first.out());
        assertTrue(first.out().contains("sweep branin — value (minimize)"), first.out());
        assertTrue(first.out().contains("trials: 4 complete, 0 pruned, 0 failed"), first.out());
        String best = first.out().lines()
                .filter(l -> l.matches("\\s*1\\s+\\d+\\s+0\\.39\\d*\\s+3\\.14\\s+2\\.275\\s+COMPLETE.*"))
                .findFirst().orElse(null); // branin's minimum 0.397887 at (pi, 2.275)
        assertTrue(best != null, "rank 1 is (3.14, 2.275) in\n" + first.out());
        assertTrue(first.err().contains("starting sweep branin on 2 workers"), first.err());

        CliHarness.Result again = cli.run("run", file.toString(), "--workers", "1");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("sweep branin had already FINISHED"), again.out());
        try (ResultsStore store = cli.openStore()) {
            SweepRecord sweep = store.findSweep("branin").orElseThrow();
            List<TrialRecord> trials = store.trials(sweep.id());
            assertEquals(4, trials.size(), "no duplicate trials");
            assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE), trials.toString());
            assertEquals(SweepState.FINISHED, sweep.state());
        }

        Files.writeString(file, grid("branin", 2, 0, 2, "[-3.14, 3.14, 9.42]"));
        CliHarness.Result changed = cli.run("run", file.toString());
        assertEquals(2, changed.exit(), changed.toString());
        assertTrue(changed.err().contains("already exists with a different sweep file"), changed.err());
        assertTrue(changed.err().contains("--new-name"), changed.err());
        try (ResultsStore store = cli.openStore()) {
            assertEquals(4, store.trials(store.findSweep("branin").orElseThrow().id()).size(), "nothing added");
        }
    }

    @Test
    void runningAFinishedSweepAgainStartsNoWorkerAndPrintsItsLeaderboard() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Path file = cli.write("done.yaml", grid("done", 1, 0, 2, "[-3.14, 3.14]"));
        CliHarness.Result first = cli.run("run", file.toString(), "--no-progress");
        assertEquals(0, first.exit(), first.toString());
        Path workerLogs = dir.resolve("runs").resolve("done").resolve("workers");
        int launched = workerLaunches(workerLogs);
        assertTrue(launched >= 2, "the first run started its 2 workers: " + launched);
        SweepRecord finished;
        try (ResultsStore store = cli.openStore()) {
            finished = store.findSweep("done").orElseThrow();
        }
        assertEquals(SweepState.FINISHED, finished.state());

        for (String[] args : List.of(new String[] {"run", file.toString(), "--no-progress"},
                new String[] {"resume", "done"})) {
            CliHarness.Result again = cli.run(args);
            String how = String.join(" ", args) + "\n" + again;
            assertEquals(ExitCode.OK, again.exit(), how);
            assertEquals(launched, workerLaunches(workerLogs), "no worker process was started: " + how);
            assertTrue(again.out().startsWith("sweep done had already FINISHED: every trial has ended (4 complete); "
                    + "nothing to run, no worker started. Its leaderboard any time: sweep top done\n"), how);
            assertTrue(again.out().contains("sweep done — value (minimize)"), how);
            assertTrue(again.out().contains("trials: 4 complete, 0 pruned, 0 failed"), how);
            assertFalse(again.out().contains("resume it with"), how);
            assertFalse(again.err().contains("resuming sweep"), how);
            try (ResultsStore store = cli.openStore()) {
                assertEquals(finished, store.findSweep("done").orElseThrow(), "the stored sweep is left as it was");
                assertEquals(4, store.trials(finished.id()).size());
            }
        }
    }

    /** How many times the orchestrator started a worker process: the header it writes into a worker's log. */
    private static int workerLaunches(Path workerLogs) throws java.io.IOException {
        if (!Files.isDirectory(workerLogs)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> logs = Files.list(workerLogs)) {
            int n = 0;
            for (Path log : logs.toList()) {
                n += (int) Files.readAllLines(log).stream().filter(l -> l.matches("=== .* starting worker .*")).count();
            }
            return n;
        }
    }

    @Test
    void aSecondCtrlCStopsTheRunningTrialsAndTheRunSaysSo() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Path file = cli.write("hard.yaml", grid("hard", 100, 100, 1, "[-3.14, 3.14]")); // a trial takes 10 s
        CliHarness.Capture capture = new CliHarness.Capture();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute(capture, "run",
                file.toString(), "--no-progress"));

        await(() -> capture.err().contains("trial 0 started"), Duration.ofSeconds(40), capture);
        cli.presses.press();
        Thread.sleep(500); // a person's second press: the run has taken the first one on its own by then
        cli.presses.press();
        int exit = run.get(60, TimeUnit.SECONDS);
        assertEquals(ExitCode.INTERRUPTED, exit, capture.out() + capture.err());
        assertTrue(capture.err().contains(CtrlCPolicy.SECOND), capture.err());
        assertTrue(capture.out().contains(": stopped by Ctrl-C; the running trials went back to WAITING ("),
                capture.out());
        assertTrue(capture.out().contains("resume it with: sweep resume hard"), capture.out());
        try (ResultsStore store = cli.openStore()) {
            SweepRecord sweep = store.findSweep("hard").orElseThrow();
            assertEquals(SweepState.STOPPED, sweep.state());
            List<TrialRecord> trials = store.trials(sweep.id());
            assertEquals(1, trials.size(), trials.toString());
            assertEquals(TrialState.WAITING, trials.get(0).state(), "the running trial was stopped and put back");
            assertEquals(1, trials.get(0).attempt());
        }
    }

    @Test
    void ctrlCStopsLaunchingAndResumeFinishesTheRest() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Path file = cli.write("slow.yaml", grid("slow", 4, 150, 1, "[-3.14, 3.14]"));
        CliHarness.Capture capture = new CliHarness.Capture();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute(capture, "run",
                file.toString(), "--no-progress"));

        await(() -> capture.err().contains("trial 0 started"), Duration.ofSeconds(40), capture);
        cli.presses.press();
        int exit = run.get(60, TimeUnit.SECONDS);
        assertEquals(ExitCode.INTERRUPTED, exit, capture.out() + capture.err());
        assertTrue(capture.err().contains(CtrlCPolicy.FIRST), capture.err());
        assertTrue(capture.out().contains("sweep slow STOPPED"), capture.out());
        assertTrue(capture.out().contains("resume it with: sweep resume slow"), capture.out());
        assertFalse(cli.presses.installed(), "the Ctrl-C handler is removed after the run");
        try (ResultsStore store = cli.openStore()) {
            long id = store.findSweep("slow").orElseThrow().id();
            assertEquals(SweepState.STOPPED, store.findSweep(id).orElseThrow().state());
            assertTrue(store.countByState(id).getOrDefault(TrialState.COMPLETE, 0) >= 1, "the running trial finished");
            assertTrue(store.countByState(id).getOrDefault(TrialState.WAITING, 0) >= 1
                    || store.trials(id).size() < 4, "some trials were not launched");
        }

        CliHarness.Result resumed = cli.run("resume", "slow");
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(resumed.err().contains("resuming sweep slow on 1 worker"), resumed.err());
        try (ResultsStore store = cli.openStore()) {
            long id = store.findSweep("slow").orElseThrow().id();
            assertEquals(4, store.trials(id).size());
            assertEquals(4, store.countByState(id).get(TrialState.COMPLETE));
            assertEquals(SweepState.FINISHED, store.findSweep(id).orElseThrow().state());
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, CliHarness.Capture capture)
            throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out after " + timeout + "; out:\n" + capture.out() + "\nerr:\n"
                        + capture.err());
            }
            Thread.sleep(50);
        }
    }
}
