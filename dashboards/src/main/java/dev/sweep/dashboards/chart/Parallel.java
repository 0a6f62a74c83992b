package dev.sweep.dashboards.chart;

import dev.sweep.search.study.Goal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parallel coordinates: one axis per parameter and a last one for the metric; one line per finished trial.
 * A dimension with {@code categories} is drawn as evenly spaced labels; otherwise it is numeric (log when
 * {@code log}).
 */
public record Parallel(String metric, Goal goal, List<Dim> dims, List<Line> lines) {
    public Parallel {
        Objects.requireNonNull(goal, "goal");
        dims = List.copyOf(dims);
        lines = List.copyOf(lines);
    }

    public record Dim(String name, List<String> categories, boolean log) {
        public Dim {
            categories = categories == null ? null : List.copyOf(categories);
        }

        public boolean categorical() {
            return categories != null;
        }
    }

    /** One trial: its parameter values (missing ones are skipped on that axis) and its metric value. */
    public record Line(int number, Map<String, Object> params, double value) {
        public Line {
            params = Map.copyOf(params);
        }
    }
}
