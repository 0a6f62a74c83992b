package dev.sweep.results.leaderboard;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.time.Instant;
import java.util.List;

/**
 * The sweep's finished trials by number: each one's value (null unless COMPLETE with a finite value), the best so far
 * by the goal, and whether it set a new best.
 */
public record History(long sweepId, String sweep, String metric, Goal goal, List<Point> points) {

    public History {
        points = List.copyOf(points);
    }

    public record Point(int number, TrialState state, Double value, Double bestSoFar, boolean newBest,
                        Instant finishedAt) {
    }
}
