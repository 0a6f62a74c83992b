package dev.sweep.orchestrator.engine;

import static dev.sweep.orchestrator.engine.EngineFixtures.aSyntheticSweep;
import static dev.sweep.orchestrator.engine.EngineFixtures.quickOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.Finish;
import dev.sweep.results.store.NewSweep;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orchestration overhead and a soak, through the whole path (sweep runner, worker processes, protocol, H2 file).
 * Not tests: run with {@code mvn -o -q -pl orchestrator test -Dgroups=benchmark -DexcludedGroups=none
 * -Dtest=OrchestrationBenchmark} (see BENCHMARKS.md). Sizes: -Dsweep.bench.trials=1000,
 * -Dsweep.bench.soakTrials=10000.
 */
@Tag("benchmark")
class OrchestrationBenchmark {
    @TempDir
    Path dir;

    /** What one run measured. */
    record Figures(String label, int trials, Duration wall, Duration steady, double[] idleMs) {
        double trialsPerSecond() {
            return trials / seconds(steady);
        }

        /** Worker time per trial beyond the (no-op) task: slots × steady time / trials. */
        double overheadMs(int workers) {
            return workers * seconds(steady) * 1000 / trials;
        }
    }

    @Test
    void overheadOfAThousandNoOpTrials() throws Exception {
        int n = Integer.getInteger("sweep.bench.trials", 1000);
        int workers = 2;
        SweepSpec spec = aSyntheticSweep().named("overhead").workers(workers).runCap(n).build();
        double storeOnlyMs = storeOpsPerTrialMs(Math.min(n, 500));
        Figures memory = run("in-memory store", spec, InMemoryResultsStore::new, workers);
        Figures h2 = run("H2 file store", spec, () -> H2ResultsStore.open(dir.resolve("overhead-h2")), workers);
        System.out.printf("%n== orchestration overhead: %d no-op synthetic trials, %d workers, %d cores ==%n", n,
                workers, Runtime.getRuntime().availableProcessors());
        System.out.printf("baseline: the store calls of one trial alone (H2 file, same JVM): %.2f ms%n", storeOnlyMs);
        for (Figures f : List.of(memory, h2)) {
            Arrays.sort(f.idleMs());
            System.out.printf("%-16s wall %6.1f s (incl. worker start), steady %6.1f s: %7.1f trials/s, "
                            + "per-trial overhead %6.2f ms (%.1f× the store-only baseline); worker idle between trials "
                            + "p50 %.2f ms, p95 %.2f ms, mean %.2f ms%n", f.label(), seconds(f.wall()), seconds(f.steady()),
                    f.trialsPerSecond(), f.overheadMs(workers), f.overheadMs(workers) / storeOnlyMs,
                    pct(f.idleMs(), 50), pct(f.idleMs(), 95), Arrays.stream(f.idleMs()).average().orElse(Double.NaN));
        }
        System.out.printf("H2 / in-memory per-trial overhead: %.2f×%n", h2.overheadMs(workers) / memory.overheadMs(workers));
    }

    @Test
    void soakOfTenThousandShortTrials() throws Exception {
        int n = Integer.getInteger("sweep.bench.soakTrials", 10_000);
        int workers = 4;
        SweepSpec spec = aSyntheticSweep().named("soak").workers(workers).runCap(n).build();
        // {elapsed ms, done, heap used, heap after GC, rss, heap committed}
        List<long[]> samples = new CopyOnWriteArrayList<>();
        RecordingCounts counts = new RecordingCounts();
        Instant start = Instant.now();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                samples.add(new long[] {Duration.between(start, Instant.now()).toMillis(), counts.done,
                        heapUsed(), heapAfterLastGc(), rss(),
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted()});
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "soak-sampler");
        sampler.setDaemon(true);
        sampler.start();
        RunSummary summary;
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("soak-h2"))) {
            summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs")).lease(Duration.ofSeconds(60)).heartbeatInterval(Duration.ofSeconds(5))
                            .build(), counts);
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        assertEquals(n, summary.counts().complete());
        System.out.printf("%n== soak: %d short trials, %d workers: %.1f s, %.1f trials/s ==%n", n, workers,
                seconds(summary.elapsed()), n / seconds(summary.elapsed()));
        System.out.printf("(max heap %.0f MB)%n", Runtime.getRuntime().maxMemory() / 1e6);
        System.out.println("elapsed_s  done  heap_used_MB  heap_after_gc_MB  heap_committed_MB  rss_MB");
        int step = Math.max(1, samples.size() / 12);
        for (int i = 0; i < samples.size(); i += step) {
            long[] s = samples.get(i);
            System.out.printf("%8.0f %6d %12.1f %16.1f %18.1f %8.1f%n", s[0] / 1000.0, s[1], s[2] / 1e6, s[3] / 1e6,
                    s[5] / 1e6, s[4] / 1e6);
        }
        // live heap (after GC) and RSS, second quarter against last quarter of the run (by trials done)
        double liveEarly = maxOf(samples, n / 4, n / 2, 3);
        double liveLate = maxOf(samples, 3 * n / 4, n + 1, 3);
        double rssEarly = maxOf(samples, n / 4, n / 2, 4);
        double rssLate = maxOf(samples, 3 * n / 4, n + 1, 4);
        System.out.printf("live heap (max after-GC use): %.1f MB in the 2nd quarter, %.1f MB in the 4th (%+.1f KB per"
                        + " 1000 trials); RSS %.0f MB → %.0f MB%n", liveEarly / 1e6, liveLate / 1e6,
                (liveLate - liveEarly) / 1e3 / (n / 2.0 / 1000), rssEarly / 1e6, rssLate / 1e6);
    }

    private Figures run(String label, SweepSpec spec, Supplier<ResultsStore> stores, int workers)
            throws InterruptedException {
        List<Instant> starts = new CopyOnWriteArrayList<>();
        List<Instant> ends = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void trialStarted(TrialRecord trial, String workerId) {
                starts.add(Instant.now());
            }

            @Override
            public void trialFinished(TrialRecord trial) {
                ends.add(Instant.now());
            }
        };
        try (ResultsStore store = stores.get()) {
            Instant t0 = Instant.now();
            RunSummary summary = new SweepRunner(Clock.systemUTC()).run(spec, store,
                    quickOptions(dir.resolve("runs-" + label.replace(' ', '-'))).lease(Duration.ofSeconds(60))
                            .heartbeatInterval(Duration.ofSeconds(5)).build(), listener);
            Duration wall = Duration.between(t0, Instant.now());
            assertEquals(spec.runCap(), summary.counts().complete());
            List<Double> idle = new ArrayList<>();
            for (TrialRecord t : store.trials(summary.sweepId())) {
                String ms = store.provenance(t.id()).get("worker_idle_ms");
                if (ms != null) {
                    idle.add(Double.parseDouble(ms));
                }
            }
            // steady state: from the moment all workers had their first trial to the last finish
            Instant steadyFrom = starts.get(Math.min(workers, starts.size()) - 1);
            int trialsAfter = (int) ends.stream().filter(e -> e.isAfter(steadyFrom)).count();
            return new Figures(label, trialsAfter, wall, Duration.between(steadyFrom, ends.get(ends.size() - 1)),
                    idle.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** The store calls one trial costs the orchestrator, timed alone on a fresh H2 file. */
    private double storeOpsPerTrialMs(int n) throws IOException {
        Path db = Files.createDirectories(dir.resolve("store-only")).resolve("db");
        try (H2ResultsStore store = H2ResultsStore.open(db)) {
            Instant at = Instant.now();
            long sweep = store.createSweep(new NewSweep("b", "t", "h", null, "random", "value", "minimize", 1, at)).id();
            long t0 = 0;
            for (int i = 0; i < n; i++) {
                if (i == n / 5) {
                    t0 = System.nanoTime(); // after a warm-up fifth
                }
                store.addTrial(sweep, new NewTrial(i, i, 0, Map.of("x1", 1.0, "x2", 2.0), i), at);
                TrialRecord t = store.claimNext(sweep, "w0", "cpu", at, Duration.ofMinutes(1)).orElseThrow();
                store.putProvenance(t.id(), Map.of("worker_id", "w0", "java_version", "17", "device", "cpu"));
                store.putProvenance(t.id(), Map.of("function", "branin"));
                store.finish(t.id(), t.attempt(), new Finish(TrialState.COMPLETE, 1.0, Map.of("value", 1.0), null, null, at));
                store.trial(t.id());
            }
            return (System.nanoTime() - t0) / 1e6 / (n - n / 5);
        }
    }

    /** Counts finished trials for the sampler. */
    static final class RecordingCounts implements RunListener {
        volatile int done;

        @Override
        public void countsChanged(RunCounts counts) {
            done = counts.done();
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Heap in use right after the last collection, summed over pools: the live set, not garbage. */
    private static long heapAfterLastGc() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                sum += p.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The largest value of column {@code col} among samples taken while {@code from <= done < to}. */
    private static double maxOf(List<long[]> samples, int from, int to, int col) {
        return samples.stream().filter(s -> s[1] >= from && s[1] < to).mapToLong(s -> s[col]).max().orElse(-1);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double pct(double[] sorted, int p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
