package dev.sweep.dashboards.chart;

import dev.sweep.search.study.Goal;
import java.util.List;
import java.util.Objects;

/**
 * The metric per value of one (usually categorical) parameter: per group the COMPLETE trials' mean, sample
 * standard deviation (NaN for one trial), count and best value, the pruned and failed trials, whether it is the
 * best group, and the two-sided p-value of a paired t-test against the best group over shared seeds (NaN when
 * there is none).
 */
public record Comparison(String metric, Goal goal, String param, List<Group> groups) {
    public Comparison {
        Objects.requireNonNull(goal, "goal");
        groups = List.copyOf(groups);
    }

    public record Group(String label, double mean, double std, int n, double best, int pruned, int failed,
                        boolean isBest, double pairedP) {
    }
}
