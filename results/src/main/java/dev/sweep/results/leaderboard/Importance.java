package dev.sweep.results.leaderboard;

import java.util.List;

/**
 * How much each param explains the sweep metric, most important first, summing to 1 (all 0 when the forest finds
 * nothing). Only params that vary over the COMPLETE trials are listed. {@code method} says how it was computed;
 * {@code note} why the list is empty, when it is.
 */
public record Importance(long sweepId, String sweep, String metric, int trials, String method,
                         List<ParamImportance> params, String note) {

    public Importance {
        params = List.copyOf(params);
    }

    public record ParamImportance(String name, double importance) {
    }
}
