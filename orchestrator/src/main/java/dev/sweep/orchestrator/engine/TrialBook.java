package dev.sweep.orchestrator.engine;

import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import dev.sweep.search.study.TrialView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The run's mirror of the sweep's trials as the Study sees them: one {@link TrialView} per trial, indexed by
 * number, with the objective's intermediate values. Loaded once from the store, then kept in step by the event
 * loop (the only writer), so asking and pruning never re-read the whole sweep. Also keeps the counts by state
 * and the best completed trial.
 */
final class TrialBook {
    private final String metric;
    private final Goal goal;
    private final List<TrialView> views = new ArrayList<>();
    private final Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
    private TrialRecord best;

    TrialBook(String metric, Goal goal) {
        this.metric = metric;
        this.goal = goal;
    }

    static TrialBook load(ResultsStore store, long sweepId, String metric, Goal goal) {
        TrialBook book = new TrialBook(metric, goal);
        Map<Long, SortedMap<Long, Double>> curves = new HashMap<>();
        for (MetricPoint p : store.sweepMetrics(sweepId)) {
            if (p.name().equals(metric)) {
                curves.computeIfAbsent(p.trialId(), k -> new TreeMap<>()).put(p.step(), p.value());
            }
        }
        for (TrialRecord r : store.trials(sweepId)) {
            book.put(r, byEvaluation(curves.getOrDefault(r.id(), Collections.emptySortedMap())));
        }
        return book;
    }

    /** Every trial so far, by number: the history {@code Study.ask} and {@code shouldPrune} take. Read-only. */
    List<TrialView> history() {
        return Collections.unmodifiableList(views);
    }

    int size() {
        return views.size();
    }

    TrialView view(int number) {
        return views.get(number);
    }

    /** Adds a new trial (its number must be the next) or updates a known one, keeping its curve. */
    void put(TrialRecord r) {
        put(r, r.number() < views.size() ? views.get(r.number()).intermediate() : Collections.emptySortedMap());
    }

    private void put(TrialRecord r, SortedMap<Long, Double> curve) {
        TrialView view = new TrialView(r.number(), r.config(), r.repeat(), r.params(), r.state(), r.value(), curve);
        if (r.number() == views.size()) {
            views.add(view);
        } else if (r.number() < views.size()) {
            counts.merge(views.get(r.number()).state(), -1, Integer::sum);
            views.set(r.number(), view);
        } else {
            throw new IllegalStateException("trial numbers must run 0, 1, 2, … without gaps, but trial "
                    + r.number() + " follows " + (views.size() - 1));
        }
        counts.merge(r.state(), 1, Integer::sum);
        if (r.state() == TrialState.COMPLETE && r.value() != null && Double.isFinite(r.value())
                && (best == null || goal.better(r.value(), best.value()))) {
            best = r;
        }
    }

    /**
     * Records the objective's next reported value for a running trial; returns its updated view. Pruners see a
     * curve keyed by evaluation (1, 2, 3, …: the k-th report of the objective), not by the task's step, so
     * {@code early_terminate.min_iter}, {@code eta} and {@code max_iter} count evaluations as in W&B: a BERT trial
     * that evaluates at steps 115, 230, 345 is judged at iterations 1, 2, 3. (For the synthetic task, whose steps
     * run 1, 2, 3, …, the two coincide.) The store keeps the real steps.
     */
    TrialView intermediate(int number, double value) {
        TrialView v = views.get(number);
        SortedMap<Long, Double> curve = new TreeMap<>(v.intermediate());
        curve.put(curve.isEmpty() ? 1L : curve.lastKey() + 1, value);
        TrialView updated = new TrialView(v.number(), v.config(), v.repeat(), v.params(), v.state(), v.value(), curve);
        views.set(number, updated);
        return updated;
    }

    /** A curve keyed by step, re-keyed by evaluation: the k-th point (in step order) gets key k. */
    private static SortedMap<Long, Double> byEvaluation(SortedMap<Long, Double> byStep) {
        SortedMap<Long, Double> curve = new TreeMap<>();
        for (Double value : byStep.values()) {
            curve.put(curve.size() + 1L, value);
        }
        return curve;
    }

    /** The objective's last intermediate value of a trial, if it reported any. */
    Double lastIntermediate(int number) {
        SortedMap<Long, Double> c = views.get(number).intermediate();
        return c.isEmpty() ? null : c.get(c.lastKey());
    }

    String metric() {
        return metric;
    }

    int count(TrialState state) {
        return counts.getOrDefault(state, 0);
    }

    Optional<TrialRecord> best() {
        return Optional.ofNullable(best);
    }

    RunCounts counts(Integer planned) {
        return new RunCounts(planned, views.size(), count(TrialState.WAITING), count(TrialState.RUNNING),
                count(TrialState.COMPLETE), count(TrialState.PRUNED),
                count(TrialState.FAILED) + count(TrialState.DIVERGED) + count(TrialState.OOM),
                count(TrialState.CANCELLED), best == null ? null : best.value(), best == null ? null : best.number());
    }
}
