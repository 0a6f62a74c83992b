package dev.sweep.results.leaderboard;

import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.QueryResult;
import dev.sweep.results.store.SweepRecord;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SQL views against aggregates worked out by hand on {@link RasterSweep}, and against the Java leaderboards. */
class SqlViewsTest {

    private static final double EPS = 1e-12;
    private final H2ResultsStore store = H2ResultsStore.open("jdbc:h2:mem:views-" + UUID.randomUUID());
    private final SweepRecord sweep = RasterSweep.createIn(store, "raster");

    @AfterEach
    void close() {
        store.close();
    }

    private List<List<Object>> rows(String sql) {
        return store.query(sql).rows();
    }

    private static double d(Object v) {
        return ((Number) v).doubleValue();
    }

    @Test
    void vTrialsHasOneRowPerTrialWithCommonParamsAsColumnsAndTheDuration() {
        List<List<Object>> r = rows("SELECT number, state, value, learning_rate, batch_size, optimizer, duration_s, "
                + "epochs FROM v_trials WHERE sweep = 'raster' ORDER BY number");
        assertEquals(9, r.size());
        assertEquals(List.of(6, "COMPLETE", 0.89, 1e-4, 16.0, "adamw", 90.0), r.get(5).subList(0, 7));
        assertNull(r.get(5).get(7), "a param the sweep lacks is NULL");
        assertEquals("FAILED", r.get(8).get(1));
        assertNull(r.get(8).get(2));
        assertEquals(27L, rows("SELECT COUNT(*) FROM v_trial_params WHERE sweep = 'raster'").get(0).get(0));
    }

    @Test
    void vLeaderboardRanksByGoalAndAgreesWithTop() {
        List<List<Object>> r = rows("SELECT rank, number, value FROM v_leaderboard WHERE sweep = 'raster' "
                + "ORDER BY rank, number");
        assertEquals(List.of(6, 5, 7, 2, 1, 4, 3), r.stream().map(x -> x.get(1)).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 5L, 7L), r.stream().map(x -> ((Number) x.get(0)).longValue()).toList());
        Leaderboard top = new Leaderboards(store).top(sweep.id(), 10);
        assertEquals(top.rows().stream().map(Leaderboard.Row::number).toList(), r.stream().map(x -> x.get(1)).toList());

        SweepRecord min = aSweep().named("min").minimizing("val_loss").createdIn(store);
        aCompletedTrial().number(1).withValue(0.5).runIn(store, min);
        aCompletedTrial().number(2).withValue(0.2).runIn(store, min);
        aCompletedTrial().number(3).withValue(Double.NaN).runIn(store, min);
        assertEquals(List.of(List.of(2, 1L), List.of(1, 2L)), rows("SELECT number, CAST(rank AS BIGINT) FROM "
                + "v_leaderboard WHERE sweep = 'min' ORDER BY rank"));
    }

    @Test
    void vRasterHasMeanStdBestCountsAndOneBestCellAsPivotDoes() {
        List<List<Object>> r = rows("SELECT learning_rate, batch_size, n, mean, std, best, n_pruned, n_failed, "
                + "best_cell FROM v_raster WHERE sweep = 'raster' ORDER BY learning_rate, batch_size");
        assertEquals(4, r.size());
        List<Object> small16 = r.get(0);
        assertEquals(List.of(1e-5, 16.0, 2L), small16.subList(0, 3));
        assertEquals(0.81, d(small16.get(3)), EPS);
        assertEquals(Math.sqrt(0.0002), d(small16.get(4)), 1e-9);
        assertEquals(0.82, d(small16.get(5)), EPS);
        List<Object> big32 = r.get(3);
        assertEquals(List.of(1e-4, 32.0, 1L), big32.subList(0, 3));
        assertEquals(0.84, d(big32.get(3)), EPS);
        assertNull(big32.get(4), "the sample std of one value is NULL");
        assertEquals(List.of(1L, 1L, false), big32.subList(6, 9));
        assertEquals(List.of(false, false, true, false), r.stream().map(x -> x.get(8)).toList());

        Raster pivot = new Leaderboards(store).pivot(sweep.id(), "learning_rate", "batch_size");
        for (int i = 0; i < 4; i++) {
            Raster.Cell cell = pivot.cell(i / 2, i % 2);
            assertEquals(cell.summary().n(), ((Number) r.get(i).get(2)).intValue());
            assertEquals(cell.summary().mean(), d(r.get(i).get(3)), 1e-12);
            assertEquals(cell.best(), r.get(i).get(8));
        }
    }

    @Test
    void vCompareOptimizerAggregatesCompleteTrialsAndCountsTheRest() {
        List<Object> adamw = rows("SELECT optimizer, n, mean, std, best, n_pruned, n_failed FROM v_compare_optimizer "
                + "WHERE sweep = 'raster'").get(0);
        double[] values = {0.80, 0.82, 0.78, 0.80, 0.85, 0.89, 0.84};
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double ss = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        assertEquals(List.of("adamw", 7L), adamw.subList(0, 2));
        assertEquals(mean, d(adamw.get(2)), 1e-12);
        assertEquals(Math.sqrt(ss / 6), d(adamw.get(3)), 1e-9);
        assertEquals(0.89, d(adamw.get(4)), EPS);
        assertEquals(List.of(1L, 1L), adamw.subList(5, 7));
    }

    @Test
    void vCurvesAndTheSummaryJoinSweepAndTrialNumber() {
        QueryResult curves = store.query("SELECT number, step, metric, value FROM v_curves WHERE sweep = 'raster' "
                + "AND metric = 'val_accuracy' ORDER BY number, step");
        assertEquals(List.of(List.of(6, 1L, "val_accuracy", 0.70), List.of(6, 2L, "val_accuracy", 0.90),
                List.of(6, 3L, "val_accuracy", 0.89), List.of(8, 1L, "val_accuracy", 0.60)), curves.rows());
        assertEquals(List.of(List.of(9L, 7L, 1L, 1L, 0.89)), rows("SELECT trials, n_complete, n_pruned, n_failed, "
                + "best FROM v_sweep_summary WHERE sweep = 'raster'"));
    }
}
