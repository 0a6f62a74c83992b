package dev.sweep.dashboards.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.dashboards.fixtures.KnownSweep;
import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.NewSweep;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewPiecesTest {

    @Test
    void binningKeepsFewValuesExactAndBinsManyInLogSpace() {
        Binning few = Binning.of(List.of(32L, 16L, 64L, 16L));
        assertTrue(few.exact());
        assertEquals(List.of("16", "32", "64"), few.labels());
        assertEquals(1, few.bin(32L));
        assertEquals(-1, few.bin(8L));
        List<Object> lrs = new ArrayList<>();
        for (int i = 0; i <= 60; i++) {
            lrs.add(1e-5 * Math.pow(1000, i / 60.0));
        }
        Binning many = Binning.of(lrs);
        assertFalse(many.exact());
        assertEquals(Binning.BINS, many.labels().size());
        assertEquals(0, many.bin(1e-5));
        assertEquals(Binning.BINS - 1, many.bin(1e-2));
        assertEquals(3, many.bin(Math.sqrt(1e-5 * 1e-2) * 1.01), "the geometric middle opens the upper half");
        Binning cats = Binning.of(List.of("sgd", "adamw", true));
        assertEquals(List.of("adamw", "sgd", "true"), cats.labels());
    }

    @Test
    void lttbKeepsEndsAndPeaks() {
        int n = 1000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = i == 500 ? 100 : Math.sin(i / 50.0);
        }
        int[] keep = Downsample.lttb(xs, ys, 50);
        assertEquals(50, keep.length);
        assertEquals(0, keep[0]);
        assertEquals(n - 1, keep[49]);
        assertTrue(java.util.Arrays.stream(keep).anyMatch(i -> i == 500), "the spike survives");
        assertArrayEquals(new int[] {0, 1, 2}, Downsample.lttb(new double[3], new double[3], 10));
    }

    @Test
    void specFactsReadRunCapOrGridSize() {
        assertEquals(24, SpecFacts.parse(KnownSweep.SPEC).plannedTrials().getAsInt(), "3 x 2 x 2 grid x 2 repeats");
        assertEquals(List.of("learning_rate", "batch_size", "optimizer"),
                SpecFacts.parse(KnownSweep.SPEC).parameterOrder());
        assertEquals(50, SpecFacts.parse("method: random\nrun_cap: 50\n").plannedTrials().getAsInt());
        assertTrue(SpecFacts.parse("method: random\n").plannedTrials().isEmpty());
        assertTrue(SpecFacts.parse("::: not yaml [").plannedTrials().isEmpty());
    }

    @Test
    void progressEstimatesTimeLeftFromTheRecentRate() {
        try (InMemoryResultsStore store = new InMemoryResultsStore()) {
            Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
            SweepRecord s = store.createSweep(new NewSweep("p", "run_cap: 10", "h", null, "random", "m", "maximize",
                    1, t0));
            for (int i = 0; i < 4; i++) {
                KnownSweep.runComplete(store, s.id(), i, i, 0, Map.of("x", (double) i), t0.plusSeconds(600L * i), 0.5);
            }
            Instant now = t0.plusSeconds(2400);
            Progress idle = Progress.of(store.trials(s.id()), SpecFacts.parse("run_cap: 10"), now);
            assertEquals(4 / 1850.0 * 3600, idle.trialsPerHour(), 1e-9,
                    "nothing runs: the rate ends at the last finish");
            store.addTrial(s.id(), new NewTrial(4, 4, 0, Map.of("x", 4.0), 4), now);
            Progress p = Progress.of(store.trials(s.id()), SpecFacts.parse("run_cap: 10"), now);
            assertEquals(4, p.finished());
            assertEquals(10, p.planned().getAsInt());
            assertEquals(6.0, p.trialsPerHour(), 1e-9, "4 trials in 40 minutes");
            assertEquals(Duration.ofHours(1), p.eta(), "6 left at 6 per hour");
            assertEquals(4, p.counts().get(TrialState.COMPLETE));
        }
    }

    @Test
    void curvesKeepEveryMetricOfEveryTrialWithinTheBudget() {
        List<MetricPoint> pts = new ArrayList<>();
        Instant at = Instant.EPOCH;
        for (long id = 1; id <= 2; id++) {
            for (int s = 0; s < 1000; s++) {
                pts.add(new MetricPoint(id, s, "train_loss", 1.0 / (s + 1), at));
                if (s % 100 == 0) {
                    pts.add(new MetricPoint(id, s, "val_loss", 2.0 / (s + 1), at));
                }
            }
        }
        CurveSet c = CurveSet.of(pts, Map.of(1L, 10, 2L, 11), 400);
        assertEquals(List.of("train_loss", "val_loss"), c.metrics());
        assertEquals(100, c.byTrial().get(10).get(0).steps().length, "400 points over 4 curves");
        assertEquals(10, c.byTrial().get(11).get(1).steps().length, "short curves are kept whole");
        assertEquals(999, c.byTrial().get(10).get(0).steps()[99]);
    }

    @Test
    void provenanceSplitsSharedFromPerTrialKeys() {
        ProvenanceView p = ProvenanceView.of(Map.of(1, Map.of("model", "m", "device", "cuda:0"),
                2, Map.of("model", "m", "device", "cuda:1")));
        assertEquals(Map.of("model", "m"), p.common());
        assertEquals(Map.of("device", "cuda:1"), p.perTrial().get(2));
    }

    @Test
    void occupancyListsIdleWorkersToo() {
        try (InMemoryResultsStore store = new InMemoryResultsStore()) {
            SweepRecord s = KnownSweep.create(store);
            store.setSweepState(s.id(), dev.sweep.results.store.SweepState.RUNNING, null, Instant.now());
            store.addTrial(s.id(), new NewTrial(30, 30, 0, Map.of("x", 1.0), 1), Instant.now());
            var t = store.claimNext(s.id(), "worker-1", "cuda:1", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
            store.recordProgress(t.id(), t.attempt(), 7, Map.of("val_loss", 0.5), Instant.now());
            Occupancy o = Occupancy.of(store.trials(s.id()), store::metrics);
            assertEquals(2, o.byDevice().size());
            Occupancy.Slot busy = o.byDevice().get("cuda:1").get(0);
            assertEquals(30, busy.trial());
            assertEquals(7L, busy.lastStep());
            assertEquals(Map.of("val_loss", 0.5), busy.lastMetrics());
            assertFalse(o.byDevice().get("cuda:0").get(0).busy());
        }
    }
}
