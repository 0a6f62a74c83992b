package dev.sweep.dashboards.view;

import dev.sweep.dashboards.chart.Comparison;
import dev.sweep.dashboards.chart.Heatmap;
import dev.sweep.dashboards.chart.History;
import dev.sweep.dashboards.chart.Importance;
import dev.sweep.dashboards.chart.Parallel;
import dev.sweep.dashboards.svg.Fmt;
import dev.sweep.results.leaderboard.Leaderboard;
import dev.sweep.results.leaderboard.Leaderboards;
import dev.sweep.results.leaderboard.Raster;
import dev.sweep.results.leaderboard.Summary;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the {@link Analysis} of a sweep: ranks, rasters, comparisons, history and importance come from the
 * results module's {@link Leaderboards}; this class only shapes them for the charts (labels, and bins for
 * parameters with too many distinct values to raster one by one, whose cells use the same {@link Summary}).
 */
public final class SweepAnalyzer {
    static final int MAX_HEATMAPS = 45;
    static final int MAX_COMPARISON_GROUPS = 12;
    /** A numeric parameter gets comparison bars when it has at most this many values (else the heatmap shows it). */
    static final int MAX_NUMERIC_GROUPS = 6;
    static final int TOP_TRIALS = 5;

    public Analysis analyze(ResultsStore store, SweepRecord sweep, Goal goal, List<TrialRecord> trials,
                            List<String> params) {
        Leaderboards boards = new Leaderboards(store);
        String metric = sweep.metricName();
        Leaderboard top = boards.top(sweep.id(), Integer.MAX_VALUE);
        Map<Integer, Integer> ranks = new HashMap<>();
        top.rows().forEach(r -> ranks.put(r.number(), r.rank()));
        Integer best = top.rows().isEmpty() ? null : top.rows().get(0).number();
        List<Integer> leaders = top.rows().stream().limit(TOP_TRIALS).map(Leaderboard.Row::number).toList();

        List<TrialRecord> complete = trials.stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value()))
                .toList();
        Map<String, Binning> bins = new HashMap<>();
        for (String p : params) {
            bins.put(p, Binning.of(trials.stream().map(t -> t.params().get(p)).toList()));
        }
        return new Analysis(ranks, best, leaders, heatmaps(boards, sweep, goal, trials, params, bins),
                comparisons(boards, sweep, params, bins), history(boards, sweep, trials),
                parallel(metric, goal, complete, params, bins), importance(boards, sweep));
    }

    /** Parameter pairs to raster: learning_rate × batch_size first when both vary, then the others in order. */
    static List<String[]> pairs(List<String> params) {
        List<String[]> pairs = new ArrayList<>();
        if (params.contains("learning_rate") && params.contains("batch_size")) {
            pairs.add(new String[] {"learning_rate", "batch_size"});
        }
        for (int i = 0; i < params.size(); i++) {
            for (int j = i + 1; j < params.size(); j++) {
                String a = params.get(i);
                String b = params.get(j);
                boolean known = pairs.stream().anyMatch(p -> p[0].equals(a) && p[1].equals(b)
                        || p[0].equals(b) && p[1].equals(a));
                if (!known && pairs.size() < MAX_HEATMAPS) {
                    pairs.add(new String[] {a, b});
                }
            }
        }
        return pairs;
    }

    private static List<Heatmap> heatmaps(Leaderboards boards, SweepRecord sweep, Goal goal, List<TrialRecord> trials,
                                          List<String> params, Map<String, Binning> bins) {
        List<Heatmap> out = new ArrayList<>();
        for (String[] p : pairs(params)) {
            boolean exact = bins.get(p[0]).exact() && bins.get(p[1]).exact();
            out.add(exact ? raster(boards.pivot(sweep.id(), p[1], p[0]), sweep.metricName(), goal)
                    : binned(sweep.metricName(), goal, trials, p[0], p[1], bins.get(p[0]), bins.get(p[1])));
        }
        return out;
    }

    /** The leaderboards' raster (rows = y, columns = x) as a heatmap; empty cells are left out. */
    static Heatmap raster(Raster r, String metric, Goal goal) {
        List<String> xs = r.colValues().stream().map(Fmt::value).toList();
        List<String> ys = r.rowValues().stream().map(Fmt::value).toList();
        List<Heatmap.Cell> cells = new ArrayList<>();
        for (int row = 0; row < ys.size(); row++) {
            for (int col = 0; col < xs.size(); col++) {
                Raster.Cell c = r.cell(row, col);
                if (!c.summary().isEmpty()) {
                    cells.add(new Heatmap.Cell(col, row, c.summary().mean(), c.summary().std(), c.summary().n(),
                            c.pruned(), c.failed(), c.best()));
                }
            }
        }
        return new Heatmap(metric, goal, r.colParam(), r.rowParam(), xs, ys, cells);
    }

    /** A heatmap over binned values (a parameter with many distinct values), each cell a {@link Summary}. */
    private static Heatmap binned(String metric, Goal goal, List<TrialRecord> trials, String xp, String yp,
                                  Binning bx, Binning by) {
        Map<List<Integer>, List<TrialRecord>> byCell = new HashMap<>();
        for (TrialRecord t : trials) {
            int x = bx.bin(t.params().get(xp));
            int y = by.bin(t.params().get(yp));
            if (x >= 0 && y >= 0 && t.state().isFinished()) {
                byCell.computeIfAbsent(List.of(x, y), k -> new ArrayList<>()).add(t);
            }
        }
        List<Heatmap.Cell> cells = new ArrayList<>();
        Heatmap.Cell best = null;
        for (int y = 0; y < by.labels().size(); y++) {
            for (int x = 0; x < bx.labels().size(); x++) {
                List<TrialRecord> in = byCell.getOrDefault(List.of(x, y), List.of());
                Summary s = Summary.of(in.stream().filter(t -> t.state() == TrialState.COMPLETE
                        && t.value() != null && Double.isFinite(t.value())).map(TrialRecord::value).toList(), goal);
                if (s.isEmpty()) {
                    continue;
                }
                int pruned = (int) in.stream().filter(t -> t.state() == TrialState.PRUNED).count();
                int failed = (int) in.stream().filter(t -> t.state() == TrialState.FAILED
                        || t.state() == TrialState.DIVERGED || t.state() == TrialState.OOM).count();
                Heatmap.Cell c = new Heatmap.Cell(x, y, s.mean(), s.std(), s.n(), pruned, failed, false);
                cells.add(c);
                if (best == null || goal.better(c.mean(), best.mean())) {
                    best = c;
                }
            }
        }
        if (best != null) {
            Heatmap.Cell b = best;
            cells.replaceAll(c -> c == b ? new Heatmap.Cell(c.x(), c.y(), c.mean(), c.std(), c.n(), c.pruned(),
                    c.failed(), true) : c);
        }
        return new Heatmap(metric, goal, xp, yp, bx.labels(), by.labels(), cells);
    }

    private static List<Comparison> comparisons(Leaderboards boards, SweepRecord sweep, List<String> params,
                                                Map<String, Binning> bins) {
        List<String> order = new ArrayList<>();
        if (params.contains("optimizer")) {
            order.add("optimizer");
        }
        for (String p : params) {
            Binning b = bins.get(p);
            int limit = b.categorical() ? MAX_COMPARISON_GROUPS : MAX_NUMERIC_GROUPS;
            if (!order.contains(p) && b.exact() && b.labels().size() <= limit) {
                order.add(p);
            }
        }
        List<Comparison> out = new ArrayList<>();
        for (String p : order) {
            var c = boards.compare(sweep.id(), p);
            List<Comparison.Group> groups = new ArrayList<>();
            for (var g : c.groups()) {
                if (!g.summary().isEmpty()) {
                    groups.add(new Comparison.Group(Fmt.value(g.value()), g.summary().mean(), g.summary().std(),
                            g.summary().n(), g.summary().best(), g.pruned(), g.failed(), g.best(),
                            g.test() == null ? Double.NaN : g.test().tTestP()));
                }
            }
            out.add(new Comparison(c.metric(), c.goal(), p, groups));
        }
        return out;
    }

    /** The leaderboards' history; a pruned trial is drawn at the last value it reported. */
    private static History history(Leaderboards boards, SweepRecord sweep, List<TrialRecord> trials) {
        var h = boards.history(sweep.id());
        Map<Integer, TrialRecord> byNumber = new HashMap<>();
        trials.forEach(t -> byNumber.put(t.number(), t));
        List<History.Point> pts = new ArrayList<>();
        for (var p : h.points()) {
            double bestSoFar = p.bestSoFar() == null ? Double.NaN : p.bestSoFar();
            if (p.value() != null) {
                pts.add(new History.Point(p.number(), p.value(), true, bestSoFar));
            } else if (p.state() == TrialState.PRUNED && byNumber.containsKey(p.number())) {
                Double last = byNumber.get(p.number()).metrics().get(h.metric());
                if (last != null && Double.isFinite(last)) {
                    pts.add(new History.Point(p.number(), last, false, bestSoFar));
                }
            }
        }
        return new History(h.metric(), h.goal(), pts);
    }

    private static Parallel parallel(String metric, Goal goal, List<TrialRecord> complete, List<String> params,
                                     Map<String, Binning> bins) {
        List<Parallel.Dim> dims = new ArrayList<>();
        for (String p : params) {
            List<Object> vals = complete.stream().map(t -> t.params().get(p)).filter(Objects::nonNull).toList();
            boolean numeric = !vals.isEmpty() && vals.stream().allMatch(v -> v instanceof Number);
            if (numeric) {
                double lo = vals.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(0);
                double hi = vals.stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0);
                dims.add(new Parallel.Dim(p, null, lo > 0 && hi / lo >= Binning.LOG_SPAN));
            } else {
                dims.add(new Parallel.Dim(p, bins.get(p).labels(), false));
            }
        }
        List<Parallel.Line> lines = complete.stream()
                .map(t -> new Parallel.Line(t.number(), t.params(), t.value())).toList();
        return new Parallel(metric, goal, dims, lines);
    }

    private static Importance importance(Leaderboards boards, SweepRecord sweep) {
        var imp = boards.importance(sweep.id());
        return new Importance(imp.metric(), imp.method(), imp.params().stream()
                .map(p -> new Importance.Entry(p.name(), p.importance())).toList(), imp.note());
    }
}
