package dev.sweep.results.memory;

import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the in-memory store holds. {@link #copy()} makes a transaction's snapshot: records are immutable, the
 * curve and provenance maps of a trial are never changed in place (a change puts a new one), and the number index
 * is copied one level deep, so a snapshot costs time in the number of trials, not of curve points.
 */
final class MemoryState {

    /** A trial's curve points by (step, name). */
    record Key(long step, String name) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(step, o.step);
            return c != 0 ? c : name.compareTo(o.name);
        }
    }

    final Map<Long, SweepRecord> sweeps;
    final Map<Long, TrialRecord> trials;
    /** Trial ids of each sweep by trial number. */
    final Map<Long, TreeMap<Integer, Long>> numbers;
    final Map<Long, TreeMap<Key, MetricPoint>> points;
    final Map<Long, TreeMap<String, String>> provenance;
    long nextSweepId;
    long nextTrialId;

    MemoryState() {
        this(new LinkedHashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), 1, 1);
    }

    private MemoryState(Map<Long, SweepRecord> sweeps, Map<Long, TrialRecord> trials,
                        Map<Long, TreeMap<Integer, Long>> numbers, Map<Long, TreeMap<Key, MetricPoint>> points,
                        Map<Long, TreeMap<String, String>> provenance, long nextSweepId, long nextTrialId) {
        this.sweeps = sweeps;
        this.trials = trials;
        this.numbers = numbers;
        this.points = points;
        this.provenance = provenance;
        this.nextSweepId = nextSweepId;
        this.nextTrialId = nextTrialId;
    }

    MemoryState copy() {
        Map<Long, TreeMap<Integer, Long>> numbersCopy = new HashMap<>();
        numbers.forEach((sweep, ids) -> numbersCopy.put(sweep, new TreeMap<>(ids)));
        return new MemoryState(new LinkedHashMap<>(sweeps), new HashMap<>(trials), numbersCopy,
                new HashMap<>(points), new HashMap<>(provenance), nextSweepId, nextTrialId);
    }

    /** Stores the trial (new or changed) and returns it. */
    TrialRecord put(TrialRecord t) {
        trials.put(t.id(), t);
        numbers.computeIfAbsent(t.sweepId(), k -> new TreeMap<>()).put(t.number(), t.id());
        return t;
    }

    List<TrialRecord> trialsOf(long sweepId) {
        TreeMap<Integer, Long> ids = numbers.get(sweepId);
        if (ids == null) {
            return List.of();
        }
        return ids.values().stream().map(trials::get).toList();
    }

    Optional<TrialRecord> trialByNumber(long sweepId, int number) {
        TreeMap<Integer, Long> ids = numbers.get(sweepId);
        return Optional.ofNullable(ids == null ? null : ids.get(number)).map(trials::get);
    }

    void addPoints(long trialId, long step, Map<String, Double> metrics, Instant at) {
        TreeMap<Key, MetricPoint> next = new TreeMap<>(points.getOrDefault(trialId, new TreeMap<>()));
        metrics.forEach((name, value) -> next.put(new Key(step, name), new MetricPoint(trialId, step, name, value, at)));
        points.put(trialId, next);
    }

    List<MetricPoint> pointsOf(long trialId) {
        TreeMap<Key, MetricPoint> p = points.get(trialId);
        return p == null ? List.of() : new ArrayList<>(p.values());
    }
}
