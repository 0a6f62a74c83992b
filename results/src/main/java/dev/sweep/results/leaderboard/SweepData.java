package dev.sweep.results.leaderboard;

import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One sweep as the leaderboards read it: its trials, goal and counts; curves on demand. */
final class SweepData {

    final SweepRecord sweep;
    final Goal goal;
    final List<TrialRecord> trials;
    final StateCounts counts;
    private final ResultsStore store;
    static final int BULK_AFTER = 64;
    private final Map<Long, List<MetricPoint>> curveCache = new HashMap<>();
    private Map<Long, List<MetricPoint>> allCurves;

    private SweepData(ResultsStore store, SweepRecord sweep) {
        this.store = store;
        this.sweep = sweep;
        this.goal = Goal.parse(sweep.goal());
        this.trials = store.trials(sweep.id());
        Map<TrialState, Integer> byState = new HashMap<>();
        trials.forEach(t -> byState.merge(t.state(), 1, Integer::sum));
        this.counts = new StateCounts(byState);
    }

    static SweepData load(ResultsStore store, long sweepId) {
        SweepRecord sweep = store.findSweep(sweepId).orElseThrow(() -> new IllegalArgumentException(
                "a leaderboard needs a stored sweep, but there is no sweep with id " + sweepId));
        return new SweepData(store, sweep);
    }

    /** A trial's value counts when the trial is COMPLETE and the value is a finite number. */
    static boolean counts(TrialRecord t) {
        return t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value());
    }

    List<TrialRecord> complete() {
        return trials.stream().filter(SweepData::counts).toList();
    }

    /** COMPLETE trials best first (by goal), ties by trial number. */
    List<TrialRecord> ranked() {
        Comparator<TrialRecord> byValue = Comparator.comparingDouble(t -> goal.toLoss(t.value()));
        return complete().stream().sorted(byValue.thenComparingInt(TrialRecord::number)).toList();
    }

    /** Every param name any trial has, sorted. */
    List<String> paramNames() {
        TreeSet<String> names = new TreeSet<>();
        trials.forEach(t -> names.addAll(t.params().keySet()));
        return new ArrayList<>(names);
    }

    void requireParam(String param) {
        if (!paramNames().contains(param)) {
            throw new IllegalArgumentException("the param must be one the sweep's trials have, but sweep '"
                    + sweep.name() + "' has no param '" + param + "' (it has " + paramNames() + ")");
        }
    }

    /**
     * The curve points of one trial. Read trial by trial while few are asked for; past {@link #BULK_AFTER} trials,
     * the whole sweep's points are read at once (one query instead of thousands).
     */
    List<MetricPoint> curve(TrialRecord t) {
        if (allCurves == null && curveCache.size() >= BULK_AFTER) {
            allCurves = new HashMap<>();
            for (MetricPoint p : store.sweepMetrics(sweep.id())) {
                allCurves.computeIfAbsent(p.trialId(), k -> new ArrayList<>()).add(p);
            }
        }
        if (allCurves != null) {
            return allCurves.getOrDefault(t.id(), List.of());
        }
        return curveCache.computeIfAbsent(t.id(), store::metrics);
    }

    static Duration duration(TrialRecord t) {
        return t.startedAt() == null || t.finishedAt() == null ? null : Duration.between(t.startedAt(), t.finishedAt());
    }

    static boolean isFailure(TrialState s) {
        return s == TrialState.FAILED || s == TrialState.DIVERGED || s == TrialState.OOM;
    }
}
