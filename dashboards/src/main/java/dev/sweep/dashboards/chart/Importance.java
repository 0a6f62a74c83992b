package dev.sweep.dashboards.chart;

import java.util.List;

/**
 * How much each parameter explains of the metric's variation, as fractions (largest first); {@code note} says
 * why the list is empty, when it is.
 */
public record Importance(String metric, String method, List<Entry> entries, String note) {
    public Importance {
        entries = List.copyOf(entries);
    }

    public record Entry(String param, double importance) {
    }
}
