package dev.sweep.search.pruner;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import dev.sweep.search.study.TrialView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Optuna's {@code MedianPruner}: at a step {@code s >= minIter}, once {@code warmupTrials} other trials have
 * completed, stop the trial if its best intermediate value so far is worse than the median of the completed
 * trials' values at step {@code s}. A completed trial's value at {@code s} is the one it reported at {@code s}
 * (when steps do not line up across trials, its latest value at or before {@code s}, provided it got that far);
 * completed trials that stopped before {@code s} do not count. A trial whose values are all NaN is stopped.
 */
public final class MedianPruner implements Pruner {

    private final long minIter;
    private final int warmupTrials;

    public MedianPruner(long minIter, int warmupTrials) {
        if (minIter < 0 || warmupTrials < 0) {
            throw new IllegalArgumentException("min_iter >= 0 and warmup_trials >= 0 must hold, but got (min_iter="
                    + minIter + ", warmup_trials=" + warmupTrials + ")");
        }
        this.minIter = minIter;
        this.warmupTrials = warmupTrials;
    }

    @Override
    public boolean shouldPrune(TrialView trial, long step, List<TrialView> others, Goal goal) {
        if (step < minIter) {
            return false;
        }
        List<TrialView> completed = others.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
        if (completed.size() < warmupTrials) {
            return false;
        }
        SortedMap<Long, Double> own = trial.intermediate().headMap(step + 1);
        if (own.isEmpty()) {
            return false;
        }
        double best = Double.NaN;
        for (double v : own.values()) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || goal.better(v, best))) {
                best = v;
            }
        }
        if (Double.isNaN(best)) {
            return true;
        }
        List<Double> at = new ArrayList<>();
        for (TrialView t : completed) {
            Double v = valueAt(t.intermediate(), step);
            if (v != null && !v.isNaN()) {
                at.add(v);
            }
        }
        if (at.isEmpty()) {
            return false;
        }
        return goal.better(median(at), best);
    }

    /** The value at {@code step}, or the latest before it when the curve goes on past {@code step}. */
    static Double valueAt(SortedMap<Long, Double> curve, long step) {
        Double exact = curve.get(step);
        if (exact != null) {
            return exact;
        }
        if (curve.isEmpty() || curve.lastKey() < step) {
            return null;
        }
        SortedMap<Long, Double> head = curve.headMap(step);
        return head.isEmpty() ? null : head.get(head.lastKey());
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : 0.5 * (s.get(n / 2 - 1) + s.get(n / 2));
    }

    @Override
    public String toString() {
        return "MedianPruner" + Map.of("min_iter", minIter, "warmup_trials", warmupTrials);
    }
}
