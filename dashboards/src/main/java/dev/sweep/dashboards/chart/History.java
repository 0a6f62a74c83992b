package dev.sweep.dashboards.chart;

import dev.sweep.search.study.Goal;
import java.util.List;
import java.util.Objects;

/**
 * The optimisation history: each trial's value by trial number and the best value so far. {@code complete}
 * is false for a pruned trial drawn at its last reported value (it does not move the best-so-far line).
 */
public record History(String metric, Goal goal, List<Point> points) {
    public History {
        Objects.requireNonNull(goal, "goal");
        points = List.copyOf(points);
    }

    public record Point(int number, double value, boolean complete, double bestSoFar) {
    }
}
