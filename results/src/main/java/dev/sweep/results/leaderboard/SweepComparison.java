package dev.sweep.results.leaderboard;

import dev.sweep.search.study.Goal;
import java.util.List;

/**
 * Sweeps side by side (e.g. head-only vs full fine-tune). {@code bestSweepId} is the sweep with the best mean when
 * all share one metric and goal, else null (their values are not comparable).
 */
public record SweepComparison(List<Entry> sweeps, Long bestSweepId) {

    public SweepComparison {
        sweeps = List.copyOf(sweeps);
    }

    /** One sweep: its COMPLETE trials' summary, its best trial, its counts. */
    public record Entry(long sweepId, String sweep, String metric, Goal goal, Summary summary, Integer bestTrial,
                        StateCounts counts) {
    }
}
