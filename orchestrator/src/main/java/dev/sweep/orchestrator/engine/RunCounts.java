package dev.sweep.orchestrator.engine;

/**
 * Where a sweep stands, for a progress display: trials by state (failed = FAILED + DIVERGED + OOM), the planned
 * total when known (a grid's size × repeats, or run_cap; null for an open-ended search), and the best completed
 * trial so far ({@code bestNumber} null when none).
 */
public record RunCounts(Integer planned, int total, int waiting, int running, int complete, int pruned, int failed,
                        int cancelled, Double bestValue, Integer bestNumber) {

    /** Trials that have ended, in any way. */
    public int done() {
        return complete + pruned + failed + cancelled;
    }
}
