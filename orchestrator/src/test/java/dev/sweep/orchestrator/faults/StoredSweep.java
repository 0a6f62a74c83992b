package dev.sweep.orchestrator.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One sweep as the results store holds it (read with the real H2 store while no orchestrator has the file open),
 * and the checks that compare it with the same sweep run without faults.
 *
 * @param curves the sweep metric's intermediate values, by trial number then step
 */
record StoredSweep(SweepRecord sweep, List<TrialRecord> trials, Map<Integer, SortedMap<Long, Double>> curves) {

    private static final Set<TrialState> MID_RUN = EnumSet.of(TrialState.WAITING, TrialState.RUNNING,
            TrialState.COMPLETE);

    /** The sweep called {@code name} in the H2 file database {@code db} (without .mv.db); empty if none yet. */
    static Optional<StoredSweep> read(Path db, String name) {
        if (!Files.exists(Path.of(db + ".mv.db"))) {
            return Optional.empty();
        }
        try (H2ResultsStore store = H2ResultsStore.open(db)) {
            return of(store, name);
        }
    }

    /** The sweep called {@code name} in an open store; empty if none. */
    static Optional<StoredSweep> of(ResultsStore store, String name) {
        Optional<SweepRecord> sweep = store.findSweep(name);
        if (sweep.isEmpty()) {
            return Optional.empty();
        }
        List<TrialRecord> trials = store.trials(sweep.get().id());
        Map<Long, Integer> numbers = new HashMap<>();
        trials.forEach(t -> numbers.put(t.id(), t.number()));
        Map<Integer, SortedMap<Long, Double>> curves = new TreeMap<>();
        for (MetricPoint p : store.sweepMetrics(sweep.get().id())) {
            if (p.name().equals(sweep.get().metricName())) {
                curves.computeIfAbsent(numbers.get(p.trialId()), k -> new TreeMap<>()).put(p.step(), p.value());
            }
        }
        return Optional.of(new StoredSweep(sweep.get(), trials, curves));
    }

    int count(TrialState state) {
        return (int) trials.stream().filter(t -> t.state() == state).count();
    }

    /**
     * What must hold at any moment of a sweep that an orchestrator crash interrupted: trial numbers 0..n-1 without
     * gaps or duplicates, each trial with the parameters and seed the uninterrupted run gave that number, nothing
     * failed, and every COMPLETE trial with exactly the uninterrupted run's value and curve.
     */
    void assertConsistentWith(StoredSweep baseline, String when) {
        for (int i = 0; i < trials.size(); i++) {
            TrialRecord t = trials.get(i);
            assertEquals(i, t.number(), when + ": trial numbers must run 0..n-1 once each" + describe());
            assertTrue(i < baseline.trials.size(), when + ": more trials than the uninterrupted run" + describe());
            TrialRecord b = baseline.trials.get(i);
            assertEquals(b.params(), t.params(), when + ": params of trial " + i + describe());
            assertEquals(b.seed(), t.seed(), when + ": seed of trial " + i);
            assertEquals(b.config(), t.config(), when + ": config of trial " + i);
            assertTrue(MID_RUN.contains(t.state()), when + ": trial " + i + " is " + t.state() + describe());
            if (t.state() == TrialState.COMPLETE) {
                assertEquals(b.value(), t.value(), when + ": value of trial " + i);
                assertEquals(b.metrics(), t.metrics(), when + ": final metrics of trial " + i);
                assertEquals(baseline.curves.get(i), curves.get(i), when + ": curve of trial " + i);
            }
        }
    }

    /** The end of an interrupted sweep: FINISHED, every planned trial COMPLETE once, identical to the baseline. */
    void assertIdenticalTo(StoredSweep baseline, String when) {
        assertEquals(SweepState.FINISHED, sweep.state(), when + describe());
        assertEquals(baseline.trials.size(), trials.size(), when + ": number of trials" + describe());
        assertEquals(0, count(TrialState.RUNNING) + count(TrialState.WAITING), when + ": left unfinished" + describe());
        assertEquals(trials.size(), count(TrialState.COMPLETE), when + ": all COMPLETE" + describe());
        assertConsistentWith(baseline, when);
    }

    /**
     * Trial-seconds of work a kill at {@code killedAt} threw away: the time so far of the attempts that the killed
     * orchestrator had started (at or after {@code launchedAt}; trials still RUNNING from an earlier run were
     * counted at that run's kill).
     */
    double secondsLostAt(Instant killedAt, Instant launchedAt) {
        return trials.stream().filter(t -> t.state() == TrialState.RUNNING && t.startedAt() != null
                        && !t.startedAt().isBefore(launchedAt))
                .mapToDouble(t -> Math.max(0, Duration.between(t.startedAt(), killedAt).toMillis() / 1000.0)).sum();
    }

    String describe() {
        StringBuilder b = new StringBuilder("\n  sweep ").append(sweep.name()).append(' ').append(sweep.state());
        for (TrialRecord t : trials) {
            b.append("\n  #").append(t.number()).append(' ').append(t.state()).append(" attempt ").append(t.attempt())
                    .append(" value ").append(t.value()).append(' ').append(t.params())
                    .append(t.error() == null ? "" : " error: " + t.error());
        }
        return b.toString();
    }
}
