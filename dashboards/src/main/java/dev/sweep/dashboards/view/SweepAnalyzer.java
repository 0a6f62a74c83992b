package dev.sweep.dashboards.view;

import dev.sweep.dashboards.chart.Comparison;
import dev.sweep.dashboards.chart.Heatmap;
import dev.sweep.dashboards.chart.History;
import dev.sweep.dashboards.chart.Importance;
import dev.sweep.dashboards.chart.Parallel;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Computes the {@link Analysis} of a sweep from its trials. */
public final class SweepAnalyzer {
    static final int MAX_HEATMAPS = 45;
    static final int MAX_COMPARISON_GROUPS = 12;
    static final int TOP_TRIALS = 5;

    public Analysis analyze(ResultsStore store, SweepRecord sweep, Goal goal, List<TrialRecord> trials,
                            List<String> params) {
        String metric = sweep.metricName();
        List<TrialRecord> done = trials.stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value()))
                .sorted(Comparator.comparingDouble((TrialRecord t) -> goal.toLoss(t.value()))
                        .thenComparingInt(TrialRecord::number))
                .toList();
        Map<Integer, Integer> ranks = new HashMap<>();
        for (int i = 0; i < done.size(); i++) {
            ranks.put(done.get(i).number(), i + 1);
        }
        Integer best = done.isEmpty() ? null : done.get(0).number();
        List<Integer> top = done.stream().limit(TOP_TRIALS).map(TrialRecord::number).toList();

        Map<String, Binning> bins = new HashMap<>();
        for (String p : params) {
            bins.put(p, Binning.of(done.stream().map(t -> t.params().get(p)).toList()));
        }
        return new Analysis(ranks, best, top, heatmaps(metric, goal, done, params, bins),
                comparisons(metric, goal, done, params, bins), history(metric, goal, trials),
                parallel(metric, goal, done, params, bins), importance(metric, done, params, bins));
    }

    private static List<Heatmap> heatmaps(String metric, Goal goal, List<TrialRecord> done, List<String> params,
                                          Map<String, Binning> bins) {
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
        List<Heatmap> out = new ArrayList<>();
        for (String[] p : pairs) {
            Binning bx = bins.get(p[0]);
            Binning by = bins.get(p[1]);
            Map<List<Integer>, Stats> cells = new HashMap<>();
            for (TrialRecord t : done) {
                int x = bx.bin(t.params().get(p[0]));
                int y = by.bin(t.params().get(p[1]));
                if (x >= 0 && y >= 0) {
                    cells.computeIfAbsent(List.of(x, y), k -> new Stats()).add(t.value());
                }
            }
            List<Heatmap.Cell> list = new ArrayList<>();
            cells.forEach((k, s) -> list.add(new Heatmap.Cell(k.get(0), k.get(1), s.mean(), s.std(), s.n)));
            list.sort(Comparator.comparingInt(Heatmap.Cell::y).thenComparingInt(Heatmap.Cell::x));
            out.add(new Heatmap(metric, goal, p[0], p[1], bx.labels(), by.labels(), list));
        }
        return out;
    }

    private static List<Comparison> comparisons(String metric, Goal goal, List<TrialRecord> done,
                                                List<String> params, Map<String, Binning> bins) {
        List<String> order = new ArrayList<>();
        if (params.contains("optimizer")) {
            order.add("optimizer");
        }
        for (String p : params) {
            if (!order.contains(p) && bins.get(p).exact() && bins.get(p).labels().size() <= MAX_COMPARISON_GROUPS) {
                order.add(p);
            }
        }
        List<Comparison> out = new ArrayList<>();
        for (String p : order) {
            Binning b = bins.get(p);
            List<Stats> groups = new ArrayList<>();
            b.labels().forEach(l -> groups.add(new Stats()));
            for (TrialRecord t : done) {
                int i = b.bin(t.params().get(p));
                if (i >= 0) {
                    groups.get(i).add(t.value());
                }
            }
            List<Comparison.Group> gs = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                Stats s = groups.get(i);
                if (s.n > 0) {
                    gs.add(new Comparison.Group(b.labels().get(i), s.mean(), s.std(), s.n, s.min, s.max));
                }
            }
            out.add(new Comparison(metric, goal, p, gs));
        }
        return out;
    }

    private static History history(String metric, Goal goal, List<TrialRecord> trials) {
        List<TrialRecord> ordered = trials.stream().sorted(Comparator.comparingInt(TrialRecord::number)).toList();
        List<History.Point> pts = new ArrayList<>();
        double best = Double.NaN;
        for (TrialRecord t : ordered) {
            if (t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value())) {
                if (Double.isNaN(best) || goal.better(t.value(), best)) {
                    best = t.value();
                }
                pts.add(new History.Point(t.number(), t.value(), true, best));
            } else if (t.state() == TrialState.PRUNED) {
                Double last = t.value() != null ? t.value() : t.metrics().get(metric);
                if (last != null && Double.isFinite(last)) {
                    pts.add(new History.Point(t.number(), last, false, best));
                }
            }
        }
        return new History(metric, goal, pts);
    }

    private static Parallel parallel(String metric, Goal goal, List<TrialRecord> done, List<String> params,
                                     Map<String, Binning> bins) {
        List<Parallel.Dim> dims = new ArrayList<>();
        for (String p : params) {
            List<Object> vals = done.stream().map(t -> t.params().get(p)).filter(Objects::nonNull).toList();
            boolean numeric = !vals.isEmpty() && vals.stream().allMatch(v -> v instanceof Number);
            if (numeric) {
                double lo = vals.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(0);
                double hi = vals.stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0);
                dims.add(new Parallel.Dim(p, null, lo > 0 && hi / lo >= Binning.LOG_SPAN));
            } else {
                dims.add(new Parallel.Dim(p, bins.get(p).labels(), false));
            }
        }
        List<Parallel.Line> lines = done.stream().map(t -> new Parallel.Line(t.number(), t.params(), t.value()))
                .toList();
        return new Parallel(metric, goal, dims, lines);
    }

    /** Share of the metric's variance explained by each parameter's bins (η², correlation ratio squared). */
    private static Importance importance(String metric, List<TrialRecord> done, List<String> params,
                                         Map<String, Binning> bins) {
        List<Importance.Entry> out = new ArrayList<>();
        if (done.size() >= 3) {
            Stats all = new Stats();
            done.forEach(t -> all.add(t.value()));
            double total = all.m2;
            for (String p : params) {
                Binning b = bins.get(p);
                List<Stats> groups = new ArrayList<>();
                b.labels().forEach(l -> groups.add(new Stats()));
                for (TrialRecord t : done) {
                    int i = b.bin(t.params().get(p));
                    if (i >= 0) {
                        groups.get(i).add(t.value());
                    }
                }
                double within = groups.stream().mapToDouble(s -> s.m2).sum();
                out.add(new Importance.Entry(p, total > 0 ? Math.max(0, 1 - within / total) : 0));
            }
            out.sort(Comparator.comparingDouble(Importance.Entry::importance).reversed());
        }
        return new Importance(metric, "η², share of variance explained", out);
    }

    /** Running mean, variance (Welford), min and max. */
    static final class Stats {
        int n;
        double mean;
        double m2;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        void add(double x) {
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }

        double mean() {
            return mean;
        }

        /** Sample standard deviation (n − 1); 0 for a single value. */
        double std() {
            return n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
        }
    }
}
