package dev.sweep.results.leaderboard;

import dev.sweep.search.study.TrialState;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many trials are in each state. Only COMPLETE trials give values to leaderboards; pruned and failed ones are
 * counted here beside them ({@link #failed()} counts FAILED, DIVERGED and OOM).
 */
public record StateCounts(Map<TrialState, Integer> byState) {

    public StateCounts {
        Map<TrialState, Integer> all = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) {
            all.put(s, byState.getOrDefault(s, 0));
        }
        byState = java.util.Collections.unmodifiableMap(all);
    }

    public int get(TrialState state) {
        return byState.get(state);
    }

    public int complete() {
        return get(TrialState.COMPLETE);
    }

    public int pruned() {
        return get(TrialState.PRUNED);
    }

    public int failed() {
        return get(TrialState.FAILED) + get(TrialState.DIVERGED) + get(TrialState.OOM);
    }

    public int unfinished() {
        return get(TrialState.WAITING) + get(TrialState.RUNNING);
    }

    public int total() {
        return byState.values().stream().mapToInt(Integer::intValue).sum();
    }
}
