package dev.sweep.results.leaderboard;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The best COMPLETE trials of a sweep, best first. {@code params} names the param columns (every param a trial of the
 * sweep has, sorted); a row's {@code params} holds its values (a param the trial lacks is absent). Ties share a rank
 * (1, 2, 2, 4). {@code duration} is null when a time is missing.
 */
public record Leaderboard(long sweepId, String sweep, String metric, Goal goal, List<String> params, List<Row> rows,
                          StateCounts counts) {

    public Leaderboard {
        params = List.copyOf(params);
        rows = List.copyOf(rows);
    }

    /** One ranked trial. */
    public record Row(int rank, int number, double value, Map<String, Object> params, TrialState state,
                      Duration duration, long seed) {
        public Row {
            params = Map.copyOf(params);
        }
    }
}
