package dev.sweep.dashboards.chart;

import java.util.List;

/** How much each parameter explains of the metric's variation, as fractions (largest first). */
public record Importance(String metric, String method, List<Entry> entries) {
    public Importance {
        entries = List.copyOf(entries);
    }

    public record Entry(String param, double importance) {
    }
}
