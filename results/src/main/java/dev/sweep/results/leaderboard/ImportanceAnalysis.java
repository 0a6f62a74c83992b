package dev.sweep.results.leaderboard;

import dev.sweep.results.store.TrialRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Param importance by a seeded random forest fitted to the COMPLETE trials (params → metric) and out-of-bag
 * permutation importance, normalised to sum 1. Encoding: a numeric param is one column (a trial that lacks it
 * gets a value below every real one, which a tree can split off); a boolean is 0/1; any other param is one-hot
 * (one column per value), and its columns are permuted together, so a categorical param gets one importance.
 * Params that do not vary are left out.
 */
final class ImportanceAnalysis {

    static final int MIN_TRIALS = 4;
    static final String METHOD = "random forest (%d trees, depth ≤ %d, bootstrap ≤ %d rows), out-of-bag "
            + "permutation importance, normalised to sum 1";

    private final RandomForest.Options options;

    ImportanceAnalysis(RandomForest.Options options) {
        this.options = options;
    }

    Importance run(SweepData data, long seed) {
        List<TrialRecord> trials = data.complete();
        String method = String.format(METHOD, options.trees(), options.maxDepth(), options.maxSamples());
        List<String> varying = data.paramNames().stream().filter(p -> varies(trials, p)).toList();
        String note = trials.size() < MIN_TRIALS
                ? "needs at least " + MIN_TRIALS + " COMPLETE trials, but the sweep has " + trials.size()
                : varying.isEmpty() ? "no param varies over the COMPLETE trials" : null;
        if (note != null) {
            return new Importance(data.sweep.id(), data.sweep.name(), data.sweep.metricName(), trials.size(), method,
                    List.of(), note);
        }
        List<int[]> groups = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        for (String p : varying) {
            int first = columns.size();
            columns.addAll(encode(trials, p));
            groups.add(java.util.stream.IntStream.range(first, columns.size()).toArray());
        }
        double[][] x = new double[trials.size()][columns.size()];
        double[] y = new double[trials.size()];
        for (int i = 0; i < trials.size(); i++) {
            for (int c = 0; c < columns.size(); c++) {
                x[i][c] = columns.get(c)[i];
            }
            y[i] = trials.get(i).value();
        }
        SplittableRandom random = new SplittableRandom(seed);
        RandomForest forest = RandomForest.fit(x, y, options, random.split());
        double[] rise = forest.permutationImportance(groups.toArray(int[][]::new), random.split());
        double total = java.util.Arrays.stream(rise).sum();
        List<Importance.ParamImportance> out = new ArrayList<>();
        for (int g = 0; g < varying.size(); g++) {
            out.add(new Importance.ParamImportance(varying.get(g), total > 0 ? rise[g] / total : 0));
        }
        out.sort(Comparator.comparingDouble(Importance.ParamImportance::importance).reversed()
                .thenComparing(Importance.ParamImportance::name));
        return new Importance(data.sweep.id(), data.sweep.name(), data.sweep.metricName(), trials.size(), method, out,
                total > 0 ? null : "the forest found no param that changes the metric");
    }

    private static boolean varies(List<TrialRecord> trials, String param) {
        Set<Object> seen = new java.util.HashSet<>();
        trials.forEach(t -> seen.add(ParamValues.key(t.params().get(param))));
        return seen.size() > 1;
    }

    /** The param's columns, each one value per trial. */
    private static List<double[]> encode(List<TrialRecord> trials, String param) {
        int n = trials.size();
        boolean numeric = trials.stream().map(t -> t.params().get(param)).filter(Objects::nonNull)
                .allMatch(v -> v instanceof Number || v instanceof Boolean);
        if (numeric) {
            double[] column = new double[n];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                Object v = trials.get(i).params().get(param);
                column[i] = v == null ? Double.NaN : v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
                if (!Double.isNaN(column[i])) {
                    min = Math.min(min, column[i]);
                    max = Math.max(max, column[i]);
                }
            }
            double absent = min - 1 - (max - min);
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(column[i])) {
                    column[i] = absent;
                }
            }
            return List.of(column);
        }
        Set<String> levels = new TreeSet<>(Comparator.naturalOrder());
        trials.forEach(t -> levels.add(String.valueOf(t.params().get(param))));
        List<double[]> columns = new ArrayList<>();
        for (String level : new LinkedHashSet<>(levels)) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = level.equals(String.valueOf(trials.get(i).params().get(param))) ? 1 : 0;
            }
            columns.add(column);
        }
        return columns;
    }
}
