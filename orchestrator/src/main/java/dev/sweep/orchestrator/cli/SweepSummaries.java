package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/** Small summaries of stored trials that the status and run commands print. */
final class SweepSummaries {

    static final Set<TrialState> FAILED = EnumSet.of(TrialState.FAILED, TrialState.DIVERGED, TrialState.OOM);

    private SweepSummaries() {
    }

    /** The best COMPLETE trial with a value, by the sweep's goal. */
    static Optional<TrialRecord> best(SweepRecord sweep, Collection<TrialRecord> trials) {
        Goal goal = Goal.parse(sweep.goal());
        TrialRecord best = null;
        for (TrialRecord t : trials) {
            if (t.state() == TrialState.COMPLETE && t.value() != null && !t.value().isNaN()
                    && (best == null || goal.better(t.value(), best.value()))) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    static int failed(Map<TrialState, Integer> counts) {
        return FAILED.stream().mapToInt(s -> counts.getOrDefault(s, 0)).sum();
    }

    /** "12 complete · 2 running · 30 waiting · 1 failed", leaving out zero counts. */
    static String counts(Map<TrialState, Integer> counts) {
        StringJoiner joiner = new StringJoiner(" · ");
        for (TrialState state : TrialState.values()) {
            int n = counts.getOrDefault(state, 0);
            if (n > 0) {
                joiner.add(n + " " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return joiner.length() == 0 ? "no trials yet" : joiner.toString();
    }

    /** "0.912 (trial 7: batch_size=32, learning_rate=3e-05)". */
    static String describeBest(TrialRecord t) {
        return TextTable.formatDouble(t.value()) + " (trial " + t.number() + ": "
                + TextTable.format(new java.util.TreeMap<>(t.params()), java.time.ZoneOffset.UTC) + ")";
    }
}
