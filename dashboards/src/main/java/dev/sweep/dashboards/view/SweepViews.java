package dev.sweep.dashboards.view;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a sweep from the store into a {@link SweepView}, through a {@link ReadOnlyStore}: nothing here writes,
 * and each view reads the sweep's trials and curves once, so all its charts show the same moment.
 */
public final class SweepViews {
    /** Points of curves embedded in a report, over all trials together. */
    public static final int REPORT_CURVE_BUDGET = 1_500_000;
    /** Final metrics offered as leaderboard columns, in this order, when trials report them. */
    static final List<String> PREFERRED_METRICS = List.of("val_loss", "train_loss", "val_accuracy", "val_f1",
            "val_macro_f1", "val_mcc", "test_accuracy", "test_f1", "test_loss", "value");
    static final int MAX_EXTRA_METRICS = 4;

    private final Clock clock;
    private final SweepAnalyzer analyzer;

    public SweepViews(Clock clock, SweepAnalyzer analyzer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    }

    public SweepRecord sweep(ResultsStore store, long sweepId) {
        return store.findSweep(sweepId).orElseThrow(() -> new IllegalArgumentException(
                "the sweep must exist in the results store, but there is no sweep with id " + sweepId));
    }

    /** The full view for the offline report: every trial's curves and provenance. */
    public SweepView report(ResultsStore source, long sweepId) {
        ResultsStore store = ReadOnlyStore.snapshot(source);
        SweepRecord sweep = sweep(store, sweepId);
        List<TrialRecord> trials = store.trials(sweepId);
        Base b = base(sweep, trials);
        Analysis analysis = analyzer.analyze(store, sweep, b.goal, trials, b.params);
        Map<Long, Integer> numbers = new HashMap<>();
        trials.forEach(t -> numbers.put(t.id(), t.number()));
        CurveSet curves = CurveSet.of(store.sweepMetrics(sweepId), numbers, REPORT_CURVE_BUDGET);
        ProvenanceView provenance = ProvenanceView.read(store, sweepId, trials);
        Instant now = clock.instant();
        return new SweepView(sweep, b.goal, now, trials, b.params, extraMetrics(sweep, trials), analysis,
                Progress.of(trials, b.spec, now), provenance, null, curves);
    }

    /**
     * The live view: trials, progress and occupancy now; the chart aggregates from {@code analysis} when given
     * (the caller caches them while no trial finished), else computed.
     */
    public SweepView live(ResultsStore store, SweepRecord sweep, List<TrialRecord> trials, Analysis analysis) {
        Base b = base(sweep, trials);
        Analysis a = analysis != null ? analysis : analyzer.analyze(
                ReadOnlyStore.snapshot(store).withTrials(sweep.id(), trials), sweep, b.goal, trials, b.params);
        Instant now = clock.instant();
        Occupancy occupancy = Occupancy.of(trials, store::metrics);
        return new SweepView(sweep, b.goal, now, trials, b.params, extraMetrics(sweep, trials), a,
                Progress.of(trials, b.spec, now), null, occupancy, null);
    }

    /** Curves of some trials (by number) for the live page. */
    public CurveSet curves(ResultsStore store, long sweepId, List<Integer> numbers) {
        Map<Long, Integer> ids = new HashMap<>();
        List<dev.sweep.results.store.MetricPoint> points = new ArrayList<>();
        for (int n : new LinkedHashSet<>(numbers)) {
            store.trial(sweepId, n).ifPresent(t -> {
                ids.put(t.id(), t.number());
                points.addAll(store.metrics(t.id()));
            });
        }
        return CurveSet.of(points, ids, CurveSet.MAX_POINTS * Math.max(1, points.size()));
    }

    private record Base(Goal goal, SpecFacts spec, List<String> params) {
    }

    private static Base base(SweepRecord sweep, List<TrialRecord> trials) {
        SpecFacts spec = SpecFacts.parse(sweep.specText());
        return new Base(Goal.parse(sweep.goal()), spec, varyingParams(trials, spec.parameterOrder()));
    }

    /** Parameters with more than one value among the trials: the sweep file's order first, then by name. */
    static List<String> varyingParams(List<TrialRecord> trials, List<String> order) {
        Map<String, Set<Object>> values = new HashMap<>();
        for (TrialRecord t : trials) {
            t.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new HashSet<>()).add(v));
        }
        List<String> out = new ArrayList<>();
        for (String p : order) {
            if (values.containsKey(p) && values.get(p).size() > 1) {
                out.add(p);
            }
        }
        for (String p : new TreeSet<>(values.keySet())) {
            if (!out.contains(p) && values.get(p).size() > 1) {
                out.add(p);
            }
        }
        return out;
    }

    /** Up to four final metrics besides the sweep's own, preferring the standard ones. */
    static List<String> extraMetrics(SweepRecord sweep, List<TrialRecord> trials) {
        Set<String> seen = new TreeSet<>();
        trials.forEach(t -> seen.addAll(t.metrics().keySet()));
        seen.remove(sweep.metricName());
        List<String> out = new ArrayList<>();
        for (String m : PREFERRED_METRICS) {
            if (seen.contains(m) && out.size() < MAX_EXTRA_METRICS) {
                out.add(m);
            }
        }
        for (String m : seen) {
            if (!out.contains(m) && out.size() < MAX_EXTRA_METRICS && !m.equals("epoch") && !m.equals("best_step")
                    && !m.equals("learning_rate") && !m.equals("tokens_per_second")) {
                out.add(m);
            }
        }
        return out;
    }
}
