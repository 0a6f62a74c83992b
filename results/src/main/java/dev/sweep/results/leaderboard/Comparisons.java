package dev.sweep.results.leaderboard;

import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/** Builds {@link Comparison}: groups by a param's value, curves, final losses and paired tests. */
final class Comparisons {

    private static final int EXACT_WILCOXON_MAX = 30;

    private Comparisons() {
    }

    static Comparison compare(SweepData data, String param) {
        data.requireParam(param);
        Map<Object, List<TrialRecord>> byValue = new TreeMap<>(ParamValues.ORDER);
        Map<Object, Object> shown = new LinkedHashMap<>();
        for (TrialRecord t : data.trials) {
            Object value = t.params().get(param);
            Object key = ParamValues.key(value);
            byValue.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            shown.putIfAbsent(key, value);
        }
        Goal goal = data.goal;
        Object bestKey = null;
        Summary bestSummary = null;
        for (Map.Entry<Object, List<TrialRecord>> e : byValue.entrySet()) {
            Summary s = summary(e.getValue(), goal);
            if (!s.isEmpty() && (bestSummary == null || goal.better(s.mean(), bestSummary.mean()))) {
                bestKey = e.getKey();
                bestSummary = s;
            }
        }
        Map<Long, Double> bestSeeds = bestKey == null ? Map.of() : seedMeans(byValue.get(bestKey));
        List<Comparison.Group> groups = new ArrayList<>();
        for (Map.Entry<Object, List<TrialRecord>> e : byValue.entrySet()) {
            List<TrialRecord> trials = e.getValue();
            List<TrialRecord> complete = trials.stream().filter(SweepData::counts).toList();
            TrialRecord bestTrial = complete.stream()
                    .min(java.util.Comparator.<TrialRecord>comparingDouble(t -> goal.toLoss(t.value()))
                            .thenComparingInt(TrialRecord::number)).orElse(null);
            Long bestStep = null;
            Double bestEpoch = null;
            if (bestTrial != null) {
                MetricPoint peak = peak(data.curve(bestTrial), data.sweep.metricName(), goal);
                if (peak != null) {
                    bestStep = peak.step();
                    bestEpoch = valueAt(data.curve(bestTrial), "epoch", peak.step());
                }
            }
            boolean isBest = e.getKey() == bestKey || e.getKey() != null && e.getKey().equals(bestKey);
            groups.add(new Comparison.Group(shown.get(e.getKey()), summary(trials, goal),
                    bestTrial == null ? null : bestTrial.number(), bestStep, bestEpoch,
                    meanFinal(complete, "train_loss", data), meanFinal(complete, "val_loss", data),
                    (int) trials.stream().filter(t -> t.state() == TrialState.PRUNED).count(),
                    (int) trials.stream().filter(t -> SweepData.isFailure(t.state())).count(), isBest,
                    isBest || bestKey == null ? null : pairedTest(seedMeans(trials), bestSeeds)));
        }
        return new Comparison(data.sweep.id(), data.sweep.name(), data.sweep.metricName(), goal, param, groups,
                bestKey == null ? null : shown.get(bestKey), data.counts);
    }

    static Summary summary(List<TrialRecord> trials, Goal goal) {
        return Summary.of(trials.stream().filter(SweepData::counts).map(TrialRecord::value).toList(), goal);
    }

    /** The point of the metric's curve with the best value (the earliest step on ties), or null. */
    static MetricPoint peak(List<MetricPoint> points, String metric, Goal goal) {
        MetricPoint best = null;
        for (MetricPoint p : points) {
            if (p.name().equals(metric) && Double.isFinite(p.value())
                    && (best == null || goal.better(p.value(), best.value()))) {
                best = p;
            }
        }
        return best;
    }

    private static Double valueAt(List<MetricPoint> points, String metric, long step) {
        return points.stream().filter(p -> p.step() == step && p.name().equals(metric)).map(MetricPoint::value)
                .findFirst().orElse(null);
    }

    /** Mean over the trials of a final metric: the trial's final value, else the last point of its curve. */
    private static double meanFinal(List<TrialRecord> trials, String metric, SweepData data) {
        double sum = 0;
        int n = 0;
        for (TrialRecord t : trials) {
            Double v = t.metrics().get(metric);
            if (v == null) {
                v = data.curve(t).stream().filter(p -> p.name().equals(metric))
                        .reduce((a, b) -> b).map(MetricPoint::value).orElse(null);
            }
            if (v != null && Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** COMPLETE values averaged per seed. */
    private static Map<Long, Double> seedMeans(List<TrialRecord> trials) {
        Map<Long, double[]> acc = new TreeMap<>();
        trials.stream().filter(SweepData::counts).forEach(t -> {
            double[] a = acc.computeIfAbsent(t.seed(), k -> new double[2]);
            a[0] += t.value();
            a[1]++;
        });
        Map<Long, Double> out = new TreeMap<>();
        acc.forEach((seed, a) -> out.put(seed, a[0] / a[1]));
        return out;
    }

    /** A paired test over shared seeds, or null when fewer than two seeds are shared. */
    static Comparison.PairedTest pairedTest(Map<Long, Double> group, Map<Long, Double> best) {
        List<Long> shared = group.keySet().stream().filter(best::containsKey).sorted().toList();
        if (shared.size() < 2) {
            return null;
        }
        double[] x = shared.stream().mapToDouble(group::get).toArray();
        double[] y = shared.stream().mapToDouble(best::get).toArray();
        double meanDiff = 0;
        boolean allEqual = true;
        for (int i = 0; i < x.length; i++) {
            meanDiff += (x[i] - y[i]) / x.length;
            allEqual &= x[i] - y[i] == x[0] - y[0];
        }
        double t = Double.NaN;
        double w = Double.NaN;
        try {
            if (!allEqual) {
                t = new TTest().pairedTTest(x, y);
            }
            if (!(allEqual && x[0] == y[0])) {
                w = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(x, y, x.length <= EXACT_WILCOXON_MAX);
            }
        } catch (MathIllegalArgumentException | MathIllegalStateException e) {
            // an undefined test stays NaN
        }
        return new Comparison.PairedTest(shared.size(), meanDiff, t, w);
    }
}
