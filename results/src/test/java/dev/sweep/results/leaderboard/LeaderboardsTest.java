package dev.sweep.results.leaderboard;

import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every table against aggregates worked out by hand on {@link RasterSweep}. */
class LeaderboardsTest {

    private static final double EPS = 1e-12;
    private final ResultsStore store = new InMemoryResultsStore();
    private final SweepRecord sweep = RasterSweep.createIn(store, "raster");
    private final Leaderboards boards = new Leaderboards(store);

    @Test
    void topRanksCompleteTrialsByGoalAndTiesShareARank() {
        Leaderboard top = boards.top(sweep.id(), 7);
        assertEquals(List.of(6, 5, 7, 2, 1, 4, 3), top.rows().stream().map(Leaderboard.Row::number).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 5, 7), top.rows().stream().map(Leaderboard.Row::rank).toList());
        Leaderboard.Row first = top.rows().get(0);
        assertEquals(0.89, first.value());
        assertEquals(1e-4, first.params().get("learning_rate"));
        assertEquals(16L, first.params().get("batch_size"));
        assertEquals(Duration.ofSeconds(90), first.duration());
        assertEquals(TrialState.COMPLETE, first.state());
        assertEquals(List.of("batch_size", "learning_rate", "optimizer"), top.params());
        assertEquals(1, top.counts().pruned());
        assertEquals(1, top.counts().failed());
        assertEquals(3, boards.top(sweep.id(), 3).rows().size());
        assertThrows(IllegalArgumentException.class, () -> boards.top(sweep.id(), 0));
    }

    @Test
    void topOfAMinimisingSweepPutsTheLowestFirst() {
        SweepRecord min = aSweep().named("min").minimizing("val_loss").createdIn(store);
        aCompletedTrial().number(1).withValue(0.5).runIn(store, min);
        aCompletedTrial().number(2).withValue(0.2).runIn(store, min);
        aCompletedTrial().number(3).withValue(Double.NaN).runIn(store, min);
        Leaderboard top = boards.top(min.id(), 10);
        assertEquals(List.of(2, 1), top.rows().stream().map(Leaderboard.Row::number).toList());
        assertEquals(Goal.MINIMIZE, top.goal());
    }

    @Test
    void pivotHasOneCellPerPairWithMeanStdBestAndTheBestCellMarked() {
        Raster r = boards.pivot(sweep.id(), "learning_rate", "batch_size");
        assertEquals(List.of(1e-5, 1e-4), r.rowValues());
        assertEquals(List.of(16L, 32L), r.colValues());
        Raster.Cell small16 = r.cell(0, 0);
        assertEquals(2, small16.summary().n());
        assertEquals(0.81, small16.summary().mean(), EPS);
        assertEquals(Math.sqrt(0.0002), small16.summary().std(), EPS);
        assertEquals(0.82, small16.summary().best(), EPS);
        Raster.Cell big32 = r.cell(1, 1);
        assertEquals(1, big32.summary().n());
        assertEquals(0.84, big32.summary().mean(), EPS);
        assertTrue(Double.isNaN(big32.summary().std()));
        assertEquals(1, big32.pruned());
        assertEquals(1, big32.failed());
        assertTrue(r.cell(1, 0).best());
        assertEquals(r.cell(1, 0), r.best());
        assertEquals(0.87, r.best().summary().mean(), EPS);
        assertEquals(1, r.cells().stream().filter(Raster.Cell::best).count());
        assertThrows(IllegalArgumentException.class, () -> boards.pivot(sweep.id(), "learning_rate", "nope"));
    }

    @Test
    void compareGroupsByValueWithCurvesFinalLossesAndPairedTestsOverSharedSeeds() {
        Comparison c = boards.compare(sweep.id(), "learning_rate");
        assertEquals(1e-4, c.bestValue());
        Comparison.Group small = c.groups().get(0);
        Comparison.Group large = c.groups().get(1);
        assertEquals(1e-5, small.value());
        assertEquals(4, small.summary().n());
        assertEquals(0.80, small.summary().mean(), EPS);
        assertEquals(0.82, small.summary().best(), EPS);
        assertEquals(Math.sqrt(((0.0) + 0.0004 + 0.0004 + 0.0) / 3), small.summary().std(), EPS);
        assertEquals(3, large.summary().n());
        assertEquals((0.85 + 0.89 + 0.84) / 3, large.summary().mean(), EPS);
        assertTrue(large.best());
        assertFalse(small.best());
        assertEquals(6, large.bestTrial());
        assertEquals(2L, large.bestStep(), "trial 6's curve peaks at step 2");
        assertEquals(2.0, large.bestEpoch());
        assertEquals(0.25, large.finalTrainLoss(), EPS);
        assertEquals(0.35, large.finalValLoss(), EPS);
        assertEquals(1, large.pruned());
        assertEquals(1, large.failed());
        assertTrue(Double.isNaN(small.finalTrainLoss()));
        assertNull(large.test(), "the best group is not tested against itself");

        // seeds 1 and 2 are shared: 1e-5 has 0.79 and 0.81 (averaged over batch sizes), 1e-4 has 0.845 and 0.89
        Comparison.PairedTest p = small.test();
        assertEquals(2, p.pairs());
        assertEquals(((0.79 - 0.845) + (0.81 - 0.89)) / 2, p.meanDifference(), 1e-12);
        double t = 5.4; // |mean d| / (sd(d) / sqrt 2) = 0.0675 / 0.0125; with 1 degree of freedom T is Cauchy
        assertEquals(1 - 2 * Math.atan(t) / Math.PI, p.tTestP(), 1e-9);
        assertEquals(0.5, p.wilcoxonP(), 1e-12, "exact: both differences negative, 2 of 4 sign patterns as extreme");
    }

    @Test
    void finalLossesFallBackToTheLastCurvePointWhetherCurvesAreReadOneByOneOrAllAtOnce() {
        for (int trials : new int[] {3, SweepData.BULK_AFTER + 6}) {
            SweepRecord s = aSweep().named("fallback-" + trials).minimizing("val_loss").createdIn(store);
            for (int n = 1; n <= trials; n++) {
                aCompletedTrial().number(n).withParam("bs", n % 2 == 0 ? 16 : 32).withValue(n)
                        .withCurve("train_loss", 0.9, 0.1 * (n % 2 + 1)).runIn(store, s);
            }
            Comparison c = boards.compare(s.id(), "bs");
            assertEquals(0.1, c.groups().get(0).finalTrainLoss(), EPS, "bs 16: even n, last point 0.1");
            assertEquals(0.2, c.groups().get(1).finalTrainLoss(), EPS, "bs 32: odd n, last point 0.2");
            assertTrue(Double.isNaN(c.groups().get(0).finalValLoss()));
        }
    }

    @Test
    void compareSweepsMarksTheBestMeanOnlyWhenMetricAndGoalMatch() {
        SweepRecord head = aSweep().named("head-only").maximizing("val_accuracy").createdIn(store);
        aCompletedTrial().number(1).withValue(0.70).runIn(store, head);
        aCompletedTrial().number(2).withValue(0.75).runIn(store, head);
        SweepComparison s = boards.compareSweeps(List.of(head.id(), sweep.id()));
        assertEquals(sweep.id(), s.bestSweepId());
        assertEquals(0.725, s.sweeps().get(0).summary().mean(), EPS);
        assertEquals(2, s.sweeps().get(0).bestTrial());
        assertEquals(7, s.sweeps().get(1).summary().n());
        assertEquals(6, s.sweeps().get(1).bestTrial());

        SweepRecord loss = aSweep().named("loss").minimizing("val_loss").createdIn(store);
        aCompletedTrial().number(1).withValue(0.3).runIn(store, loss);
        assertNull(boards.compareSweeps(List.of(head.id(), loss.id())).bestSweepId());
    }

    @Test
    void historyCarriesTheBestSoFarAndMarksNewBests() {
        History h = boards.history(sweep.id());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), h.points().stream().map(History.Point::number).toList());
        assertEquals(List.of(0.80, 0.82, 0.82, 0.82, 0.85, 0.89, 0.89, 0.89, 0.89),
                h.points().stream().map(History.Point::bestSoFar).toList());
        assertEquals(List.of(true, true, false, false, true, true, false, false, false),
                h.points().stream().map(History.Point::newBest).toList());
        assertNull(h.points().get(7).value(), "a pruned trial's value does not count");
        assertEquals(TrialState.FAILED, h.points().get(8).state());
    }

    @Test
    void anUnknownSweepIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> boards.top(sweep.id() + 100, 5));
    }
}
