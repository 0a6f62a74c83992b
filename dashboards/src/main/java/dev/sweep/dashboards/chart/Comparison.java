package dev.sweep.dashboards.chart;

import dev.sweep.search.study.Goal;
import java.util.List;
import java.util.Objects;

/** The metric per value of one (usually categorical) parameter: mean, standard deviation, count, min, max. */
public record Comparison(String metric, Goal goal, String param, List<Group> groups) {
    public Comparison {
        Objects.requireNonNull(goal, "goal");
        groups = List.copyOf(groups);
    }

    public record Group(String label, double mean, double std, int n, double min, double max) {
    }
}
