package dev.sweep.results.leaderboard;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Leaderboards over any {@link ResultsStore} (so over the H2 and the in-memory store alike: one implementation).
 * Goal-aware; only COMPLETE trials with a finite value count for values, pruned and failed trials are counted
 * beside them. See the result records for what each table holds, and {@link TextTables} to print them.
 */
public final class Leaderboards {

    private final ResultsStore store;
    private final ImportanceAnalysis importance;

    public Leaderboards(ResultsStore store) {
        this(store, RandomForest.Options.DEFAULT);
    }

    Leaderboards(ResultsStore store, RandomForest.Options forest) {
        this.store = store;
        this.importance = new ImportanceAnalysis(forest);
    }

    /** The {@code k} best COMPLETE trials, best first; ties share a rank. */
    public Leaderboard top(long sweepId, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k >= 1 must hold, but got k=" + k);
        }
        SweepData data = SweepData.load(store, sweepId);
        List<TrialRecord> ranked = data.ranked();
        List<Leaderboard.Row> rows = new ArrayList<>();
        int rank = 0;
        for (int i = 0; i < ranked.size() && i < k; i++) {
            TrialRecord t = ranked.get(i);
            if (i == 0 || !t.value().equals(ranked.get(i - 1).value())) {
                rank = i + 1;
            }
            rows.add(new Leaderboard.Row(rank, t.number(), t.value(), t.params(), t.state(), SweepData.duration(t),
                    t.seed()));
        }
        return new Leaderboard(sweepId, data.sweep.name(), data.sweep.metricName(), data.goal, data.paramNames(), rows,
                data.counts);
    }

    /** The raster of two params: one cell per pair of values seen; the cell with the best mean marked. */
    public Raster pivot(long sweepId, String rowParam, String colParam) {
        SweepData data = SweepData.load(store, sweepId);
        data.requireParam(rowParam);
        data.requireParam(colParam);
        Map<Object, Object> rows = new TreeMap<>(ParamValues.ORDER);
        Map<Object, Object> cols = new TreeMap<>(ParamValues.ORDER);
        Map<List<Object>, List<TrialRecord>> byCell = new LinkedHashMap<>();
        for (TrialRecord t : data.trials) {
            Object r = t.params().get(rowParam);
            Object c = t.params().get(colParam);
            rows.putIfAbsent(ParamValues.key(r), r);
            cols.putIfAbsent(ParamValues.key(c), c);
            byCell.computeIfAbsent(java.util.Arrays.asList(ParamValues.key(r), ParamValues.key(c)),
                    k -> new ArrayList<>()).add(t);
        }
        List<Object[]> draft = new ArrayList<>();
        int bestIndex = -1;
        Summary bestSummary = null;
        for (Object rk : rows.keySet()) {
            for (Object ck : cols.keySet()) {
                List<TrialRecord> trials = byCell.getOrDefault(java.util.Arrays.asList(rk, ck), List.of());
                Summary s = Comparisons.summary(trials, data.goal);
                if (!s.isEmpty() && (bestSummary == null || data.goal.better(s.mean(), bestSummary.mean()))) {
                    bestSummary = s;
                    bestIndex = draft.size();
                }
                draft.add(new Object[] {rows.get(rk), cols.get(ck), s,
                        (int) trials.stream().filter(t -> t.state() == TrialState.PRUNED).count(),
                        (int) trials.stream().filter(t -> SweepData.isFailure(t.state())).count()});
            }
        }
        List<Raster.Cell> cells = new ArrayList<>();
        for (int i = 0; i < draft.size(); i++) {
            Object[] d = draft.get(i);
            cells.add(new Raster.Cell(d[0], d[1], (Summary) d[2], (int) d[3], (int) d[4], i == bestIndex));
        }
        return new Raster(sweepId, data.sweep.name(), data.sweep.metricName(), data.goal, rowParam, colParam,
                new ArrayList<>(rows.values()), new ArrayList<>(cols.values()), cells,
                bestIndex < 0 ? null : cells.get(bestIndex), data.counts);
    }

    /** The trials grouped by one param's value, each group against the best one (see {@link Comparison}). */
    public Comparison compare(long sweepId, String param) {
        return Comparisons.compare(SweepData.load(store, sweepId), param);
    }

    /** Sweeps side by side; the best marked when they share metric and goal. */
    public SweepComparison compareSweeps(List<Long> sweepIds) {
        List<SweepComparison.Entry> entries = new ArrayList<>();
        for (long id : sweepIds) {
            SweepData data = SweepData.load(store, id);
            List<TrialRecord> ranked = data.ranked();
            entries.add(new SweepComparison.Entry(id, data.sweep.name(), data.sweep.metricName(), data.goal,
                    Comparisons.summary(data.trials, data.goal), ranked.isEmpty() ? null : ranked.get(0).number(),
                    data.counts));
        }
        boolean comparable = entries.stream().map(e -> e.metric() + "/" + e.goal()).distinct().count() == 1;
        Long best = null;
        Summary bestSummary = null;
        for (SweepComparison.Entry e : entries) {
            if (comparable && !e.summary().isEmpty()
                    && (bestSummary == null || e.goal().better(e.summary().mean(), bestSummary.mean()))) {
                best = e.sweepId();
                bestSummary = e.summary();
            }
        }
        return new SweepComparison(entries, best);
    }

    /** Param importance, seeded with the sweep's seed (see {@link ImportanceAnalysis}). */
    public Importance importance(long sweepId) {
        SweepData data = SweepData.load(store, sweepId);
        return importance.run(data, data.sweep.seed());
    }

    public Importance importance(long sweepId, long seed) {
        return importance.run(SweepData.load(store, sweepId), seed);
    }

    /** Value against trial number, and the best so far. */
    public History history(long sweepId) {
        SweepData data = SweepData.load(store, sweepId);
        Goal goal = data.goal;
        List<History.Point> points = new ArrayList<>();
        Double best = null;
        for (TrialRecord t : data.trials) {
            if (!t.state().isFinished()) {
                continue;
            }
            Double value = SweepData.counts(t) ? t.value() : null;
            boolean newBest = value != null && (best == null || goal.better(value, best));
            if (newBest) {
                best = value;
            }
            points.add(new History.Point(t.number(), t.state(), value, best, newBest, t.finishedAt()));
        }
        return new History(sweepId, data.sweep.name(), data.sweep.metricName(), goal, points);
    }
}
