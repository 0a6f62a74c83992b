package dev.sweep.dashboards.view;

import dev.sweep.dashboards.chart.Comparison;
import dev.sweep.dashboards.chart.Heatmap;
import dev.sweep.dashboards.chart.History;
import dev.sweep.dashboards.chart.Importance;
import dev.sweep.dashboards.chart.Parallel;
import java.util.List;
import java.util.Map;

/**
 * The aggregates the charts draw: leaderboard ranks (trial number → rank, 1 = best), the best trial, heatmaps
 * for pairs of parameters (the first is the default view), comparisons per categorical parameter, the
 * optimisation history, parallel coordinates and parameter importance.
 */
public record Analysis(Map<Integer, Integer> ranks, Integer bestTrial, List<Integer> topTrials,
                       List<Heatmap> heatmaps, List<Comparison> comparisons, History history, Parallel parallel,
                       Importance importance) {
    public Analysis {
        ranks = Map.copyOf(ranks);
        topTrials = List.copyOf(topTrials);
        heatmaps = List.copyOf(heatmaps);
        comparisons = List.copyOf(comparisons);
    }
}
