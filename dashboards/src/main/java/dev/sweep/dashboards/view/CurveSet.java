package dev.sweep.dashboards.view;

import dev.sweep.results.store.MetricPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Training and validation curves ready for the page: the metric names, and per trial number one curve per
 * metric (steps and values, downsampled with {@link Downsample#lttb}); a trial without that metric has null.
 */
public record CurveSet(List<String> metrics, Map<Integer, List<Curve>> byTrial) {
    /** Most points kept per curve. */
    public static final int MAX_POINTS = 300;
    /** Fewest points kept per curve when the budget is tight. */
    public static final int MIN_POINTS = 24;

    public CurveSet {
        metrics = List.copyOf(metrics);
        byTrial = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byTrial));
    }

    public record Curve(long[] steps, double[] values) {
    }

    /**
     * Builds curves from metric points ordered by trial then step (as {@code sweepMetrics} returns them), keeping
     * at most about {@code pointBudget} points in all. {@code numberOfTrial} maps a trial id to its number.
     */
    public static CurveSet of(List<MetricPoint> points, Map<Long, Integer> numberOfTrial, int pointBudget) {
        TreeSet<String> names = new TreeSet<>();
        Map<Long, Map<String, Series>> raw = new LinkedHashMap<>();
        for (MetricPoint p : points) {
            if (!numberOfTrial.containsKey(p.trialId())) {
                continue;
            }
            names.add(p.name());
            raw.computeIfAbsent(p.trialId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(p.name(), k -> new Series()).add(p.step(), p.value());
        }
        List<String> metrics = new ArrayList<>(names);
        int curves = raw.values().stream().mapToInt(Map::size).sum();
        int perCurve = curves == 0 ? MAX_POINTS
                : Math.max(MIN_POINTS, Math.min(MAX_POINTS, pointBudget / curves));
        Map<Integer, List<Curve>> byTrial = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<String, Series>> e : raw.entrySet()) {
            List<Curve> row = new ArrayList<>(metrics.size());
            for (String m : metrics) {
                Series s = e.getValue().get(m);
                row.add(s == null ? null : s.sample(perCurve));
            }
            byTrial.put(numberOfTrial.get(e.getKey()), row);
        }
        return new CurveSet(metrics, byTrial);
    }

    /** Grows like an ArrayList of (step, value) pairs without boxing. */
    private static final class Series {
        private long[] steps = new long[16];
        private double[] values = new double[16];
        private int n;

        void add(long step, double value) {
            if (n == steps.length) {
                steps = java.util.Arrays.copyOf(steps, n * 2);
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            steps[n] = step;
            values[n] = value;
            n++;
        }

        Curve sample(int max) {
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = steps[i];
                ys[i] = Double.isFinite(values[i]) ? values[i] : 0;
            }
            int[] keep = Downsample.lttb(xs, ys, max);
            long[] s = new long[keep.length];
            double[] v = new double[keep.length];
            for (int i = 0; i < keep.length; i++) {
                s[i] = steps[keep[i]];
                v[i] = values[keep[i]];
            }
            return new Curve(s, v);
        }
    }
}
