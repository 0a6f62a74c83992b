package dev.sweep.results.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.fixtures.SyntheticSweeps;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times the leaderboards on a generated sweep in an H2 file (default 10,000 trials × 20 evaluations, 4 metrics
 * each). Not a test: run with
 * {@code mvn -o -q -pl results test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=LeaderboardBenchmark}
 * (sizes: {@code -Dbench.trials=… -Dbench.evals=…}; {@code -Dbench.file=…/bench.mv.db} keeps the generated database
 * and reuses it on the next run). Each operation runs once to warm up, then 7 times: the table gives the fastest and
 * the median run, and the fastest as a ratio to the baseline measured in the same process, reading the sweep's
 * trials ({@code store.trials}). On a shared machine the fastest run is the steadier figure. The whole list runs
 * twice and the second pass is printed, so that every operation is measured warm.
 */
@Tag("benchmark")
class LeaderboardBenchmark {

    private static final int RUNS = 7;

    @Test
    void leaderboardsOnALargeSweep() throws Exception {
        int trials = Integer.getInteger("bench.trials", 10_000);
        int evals = Integer.getInteger("bench.evals", 20);
        String kept = System.getProperty("bench.file");
        Path file = kept != null ? Path.of(kept) : Files.createTempDirectory("sweep-bench").resolve("bench.mv.db");
        try (H2ResultsStore store = H2ResultsStore.open(file)) {
            SweepRecord sweep = store.findSweep("bench").orElse(null);
            if (sweep == null) {
                long t0 = System.nanoTime();
                sweep = SyntheticSweeps.generate(store, "bench", trials, evals, 42);
                double generateS = (System.nanoTime() - t0) / 1e9;
                long points = ((Number) store.query("SELECT COUNT(*) FROM trial_metrics").rows().get(0).get(0))
                        .longValue();
                System.out.printf(Locale.ROOT, "generated %d trials × %d evaluations (%d curve points) in %.1f s "
                        + "(%.0f points/s through the store API); file %.1f MB while open%n", trials, evals, points,
                        generateS, points / generateS, Files.size(file) / 1e6);
            } else {
                System.out.printf(Locale.ROOT, "reusing sweep 'bench' in %s (%d trials)%n", file,
                        store.countByState(sweep.id()).values().stream().mapToInt(Integer::intValue).sum());
            }
            report(store, sweep, false); // a first pass warms the JIT for every operation, the baseline included
            report(store, sweep, true);
        }
        System.out.printf(Locale.ROOT, "file %.1f MB after close%n", Files.size(file) / 1e6);
    }

    private static void report(ResultsStore store, SweepRecord sweep, boolean print) {
        Leaderboards boards = new Leaderboards(store);
        long id = sweep.id();
        double[] base = time(() -> store.trials(id).size());
        List<String[]> rows = new ArrayList<>();
        rows.add(row("baseline: store.trials (read all trials)", base, base));
        rows.add(row("top(10)", time(() -> boards.top(id, 10)), base));
        rows.add(row("pivot(learning_rate, batch_size)", time(() -> boards.pivot(id, "learning_rate",
                "batch_size")), base));
        rows.add(row("compare(optimizer)", time(() -> boards.compare(id, "optimizer")), base));
        rows.add(row("compare(learning_rate)", time(() -> boards.compare(id, "learning_rate")), base));
        rows.add(row("compareSweeps([bench])", time(() -> boards.compareSweeps(List.of(id))), base));
        rows.add(row("importance (64 trees)", time(() -> boards.importance(id)), base));
        rows.add(row("history", time(() -> boards.history(id)), base));
        rows.add(row("SQL: v_leaderboard top 10", time(() -> store.query("SELECT * FROM v_leaderboard "
                + "WHERE sweep = 'bench' AND rank <= 10 ORDER BY rank")), base));
        rows.add(row("SQL: v_raster", time(() -> store.query("SELECT * FROM v_raster WHERE sweep = 'bench'")), base));
        rows.add(row("SQL: v_compare_optimizer", time(() -> store.query("SELECT * FROM v_compare_optimizer "
                + "WHERE sweep = 'bench'")), base));
        rows.add(row("store.sweepMetrics (all curve points)", time(() -> store.sweepMetrics(id).size()), base));
        TextTable t = new TextTable(List.of("operation", "fastest ms", "median ms", "fastest × baseline"));
        rows.forEach(r -> t.row(Arrays.asList(r)));
        if (print) {
            System.out.print(t.render());
        }
        assertEquals(10, boards.top(id, 10).rows().size());
        assertTrue(boards.pivot(id, "learning_rate", "batch_size").best() != null);
    }

    private static String[] row(String name, double[] ms, double[] base) {
        return new String[] {name, String.format(Locale.ROOT, "%.1f", ms[0]),
                String.format(Locale.ROOT, "%.1f", ms[1]), String.format(Locale.ROOT, "%.2f", ms[0] / base[0])};
    }

    /** {fastest, median} of the timed runs, in ms. */
    private static double[] time(Supplier<?> work) {
        work.get();
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            Object result = work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (result == null) {
                throw new IllegalStateException("a benchmarked call returned nothing");
            }
        }
        Arrays.sort(ms);
        return new double[] {ms[0], ms[RUNS / 2]};
    }
}
