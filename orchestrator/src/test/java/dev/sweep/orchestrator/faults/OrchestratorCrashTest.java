package dev.sweep.orchestrator.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.study.TrialState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #6, orchestrator crashes: the real {@code sweep} CLI runs as its own JVM and is killed with SIGKILL at
 * seeded random points of one sweep (during start-up, or a random delay after its workers took a random number
 * of trials), then started again ({@code sweep run FILE} or {@code sweep resume NAME}, alternately), until a run
 * ends by itself. After every kill: the store holds a consistent prefix of the uninterrupted run (same numbers,
 * params, seeds; COMPLETE values and curves identical), and the workers it left exit on their own (their stdin
 * ends) within {@link #ORPHAN_GRACE} (checked while the next run starts). At the end: every planned trial COMPLETE
 * exactly once, nothing RUNNING, results identical to an uninterrupted run of the same file, no worker left.
 * {@code -Dsweep.faults.kills=N} kills more often for a longer soak.
 *
 * <p>Prints how long a restarted orchestrator takes to have every worker busy again, and how many trial-seconds
 * of work each kill threw away.
 */
class OrchestratorCrashTest {

    private static final Predicate<String> STARTED =
            Pattern.compile("^\\d\\d:\\d\\d:\\d\\d trial \\d+ started on ").asPredicate();
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(30);
    /** More kills per sweep for a longer soak: {@code -Dsweep.faults.kills=10}. */
    static final String KILLS_PROPERTY = "sweep.faults.kills";
    /** A kill comes after 1..this many trial starts of the current run. */
    private static final int MAX_STARTS_BEFORE_KILL = 3;

    @TempDir
    Path dir;

    /** One orchestrator process: how it ended, and what it measured. */
    private record Run(String how, boolean resumed, Duration toFirstTrial, Duration toFullSpeed, Double secondsLost,
                       int orphans, Long orphansGoneMillis) {
        Run withOrphansGone(long millis) {
            return new Run(how, resumed, toFirstTrial, toFullSpeed, secondsLost, orphans, millis);
        }
    }

    static Stream<Arguments> sweeps() {
        return Stream.of(Arguments.of("crash-grid", 2, 20, Integer.getInteger(KILLS_PROPERTY, 5)),
                Arguments.of("crash-tpe", 1, 14, Integer.getInteger(KILLS_PROPERTY, 3)));
    }

    @ParameterizedTest(name = "{0}: {1} workers, {2} trials, {3} kills")
    @MethodSource("sweeps")
    void aSweepKilledManyTimesEndsExactlyAsAnUninterruptedOne(String name, int workers, int planned, int kills)
            throws Exception {
        Seeded.run(name, rng -> {
            try {
                crashAndResume(name, workers, planned, kills, rng);
            } finally {
                // whatever happened, leave no worker behind (a failed check may have cut a wait short)
                WorkerProcesses.killAll(WorkerProcesses.of(dir.resolve("crashed").resolve(name)));
            }
        });
    }

    private void crashAndResume(String name, int workers, int planned, int kills, SplittableRandom rng)
            throws Exception {
        Path file = FaultFiles.copy(name + ".yaml", dir);
        Path baselineDb = dir.resolve("baseline").resolve("sweep");
        Instant t0 = Instant.now();
        InProcessCli.Result ref = new InProcessCli(dir).run("run", file.toString(), "--db", baselineDb.toString(),
                "--no-progress");
        Duration uninterrupted = Duration.between(t0, Instant.now());
        assertEquals(0, ref.exit(), "the uninterrupted run\n" + ref);
        StoredSweep baseline = StoredSweep.read(baselineDb, name).orElseThrow();
        assertEquals(planned, baseline.trials().size(), baseline.describe());
        assertEquals(planned, baseline.count(TrialState.COMPLETE), baseline.describe());

        Path db = dir.resolve("crashed").resolve("sweep");
        Path sweepRuns = db.getParent().resolve(name);
        List<Run> runs = new ArrayList<>();
        Duration freshStartup = null;
        int killed = 0;
        boolean stored = false;
        WorkerProcesses.Orphans orphans = null;
        String orphansOf = null;
        Instant began = Instant.now();
        while (true) {
            List<String> args = new ArrayList<>(killed % 2 == 1 && stored ? List.of("resume", name)
                    : List.of("run", file.toString()));
            args.addAll(List.of("--db", db.toString(), "--no-progress"));
            String label = "run #" + (runs.size() + 1) + " (sweep " + args.get(0) + ")";
            try (OrchestratorProcess p = OrchestratorProcess.start(dir, args)) {
                if (orphans != null) {
                    // the previous run's workers had this run's start-up to notice that their orchestrator is gone
                    long gone = orphans.assertAllGone(ORPHAN_GRACE, orphansOf);
                    runs.set(runs.size() - 1, runs.get(runs.size() - 1).withOrphansGone(gone));
                    orphans = null;
                }
                String how = killed < kills ? killPoint(p, rng, freshStartup) : null;
                if (how == null) {
                    int exit = p.awaitExit(RUN_LIMIT);
                    assertEquals(0, exit, label + " ended by itself\n" + p.transcript());
                    assertTrue(p.transcript().contains("sweep " + name + " FINISHED"), p.transcript());
                    runs.add(measure(p, "ran to the end", !runs.isEmpty(), workers, null, 0));
                    break;
                }
                OrchestratorProcess.Killed k = p.kill();
                killed++;
                if (freshStartup == null) {
                    freshStartup = firstTrial(p).orElse(null);
                }
                orphans = new WorkerProcesses.Orphans(k.at(),
                        WorkerProcesses.union(k.workers(), WorkerProcesses.of(sweepRuns)));
                orphansOf = label + " killed " + how;
                Optional<StoredSweep> now = StoredSweep.read(db, name);
                stored = now.isPresent();
                now.ifPresent(s -> s.assertConsistentWith(baseline, label + " killed " + how));
                runs.add(measure(p, "killed " + how, runs.size() > 0, workers,
                        now.map(s -> s.secondsLostAt(k.at(), p.launchedAt())).orElse(0.0), orphans.size()));
            }
        }
        Duration interrupted = Duration.between(began, Instant.now());
        StoredSweep end = StoredSweep.read(db, name).orElseThrow();
        end.assertIdenticalTo(baseline, "after " + killed + " kills and " + runs.size() + " runs " + runs);
        assertTrue(killed >= Math.min(kills, 3), "only " + killed + " kills landed before the sweep ended: " + runs);
        assertTrue(runs.stream().anyMatch(r -> r.orphans() > 0), "no kill left a worker behind to exit by itself: "
                + runs);
        List<ProcessHandle> afterEnd = WorkerProcesses.awaitGone(WorkerProcesses.of(sweepRuns), ORPHAN_GRACE);
        WorkerProcesses.killAll(afterEnd);
        assertEquals(List.of(), afterEnd.stream().map(ProcessHandle::pid).toList(), "workers outlived the sweep");
        report(name, workers, killed, runs, end, uninterrupted, interrupted);
    }

    /**
     * Waits for a random kill point: a random delay into start-up (once a fresh start's length is known), or a
     * random delay after the run's workers took 1..{@link #MAX_STARTS_BEFORE_KILL} trials. Null when the process
     * ended first.
     */
    private static String killPoint(OrchestratorProcess p, SplittableRandom rng, Duration freshStartup)
            throws InterruptedException {
        if (freshStartup != null && rng.nextInt(4) == 0) {
            long ms = 100 + rng.nextLong(Math.max(1, freshStartup.toMillis()));
            return p.exitsBefore(p.launchedAt().plusMillis(ms)) ? null : "during start-up at +" + ms + " ms";
        }
        int starts = 1 + rng.nextInt(MAX_STARTS_BEFORE_KILL);
        long ms = rng.nextLong(400);
        if (p.awaitLines(STARTED, starts, RUN_LIMIT).isEmpty()) {
            return null;
        }
        return p.exitsBefore(Instant.now().plusMillis(ms)) ? null
                : ms + " ms after trial start #" + starts;
    }

    private static Optional<Duration> firstTrial(OrchestratorProcess p) {
        return p.matching(STARTED).stream().findFirst().map(l -> Duration.between(p.launchedAt(), l.at()));
    }

    private static Run measure(OrchestratorProcess p, String how, boolean resumed, int workers, Double lost,
                               int orphans) {
        List<OrchestratorProcess.Line> starts = p.matching(STARTED);
        Duration full = starts.size() >= workers ? Duration.between(p.launchedAt(), starts.get(workers - 1).at())
                : null;
        return new Run(how, resumed, firstTrial(p).orElse(null), full, lost, orphans, null);
    }

    private static void report(String name, int workers, int killed, List<Run> runs, StoredSweep end,
                               Duration uninterrupted, Duration interrupted) {
        Duration fresh = runs.get(0).toFullSpeed();
        List<Double> resumes = runs.stream().filter(r -> r.resumed() && r.toFullSpeed() != null)
                .map(r -> r.toFullSpeed().toMillis() / 1000.0).sorted().toList();
        List<Double> lost = runs.stream().filter(r -> r.secondsLost() != null).map(Run::secondsLost).toList();
        long orphansGone = runs.stream().filter(r -> r.orphansGoneMillis() != null)
                .mapToLong(Run::orphansGoneMillis).max().orElse(0);
        int orphans = runs.stream().mapToInt(Run::orphans).sum();
        int attempts = end.trials().stream().mapToInt(t -> t.attempt()).sum();
        System.out.printf(Locale.ROOT, "[faults] %s: %d kills over %d runs; all %d trials COMPLETE once (%d attempts);"
                        + " every worker busy %s s after a fresh start, after %s s (median of %s) after a restart;"
                        + " work lost per kill %s trial-s (mean %.2f); %d orphaned workers all gone within %d ms;"
                        + " %.1f s of runs vs %.1f s uninterrupted%n",
                name, killed, runs.size(), end.trials().size(), attempts,
                fresh == null ? "?" : String.format(Locale.ROOT, "%.1f", fresh.toMillis() / 1000.0),
                resumes.isEmpty() ? "?" : String.format(Locale.ROOT, "%.1f", resumes.get(resumes.size() / 2)),
                resumes, lost.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList(),
                lost.stream().mapToDouble(Double::doubleValue).average().orElse(0), orphans, orphansGone,
                interrupted.toMillis() / 1000.0, uninterrupted.toMillis() / 1000.0);
        runs.forEach(r -> System.out.println("[faults]   " + r));
    }
}
