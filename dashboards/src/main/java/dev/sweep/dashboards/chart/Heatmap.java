package dev.sweep.dashboards.chart;

import dev.sweep.search.study.Goal;
import java.util.List;
import java.util.Objects;

/**
 * A grid of the metric over two parameters: per cell the mean, standard deviation and count of the finished
 * trials whose parameter values fall in that row and column.
 */
public record Heatmap(String metric, Goal goal, String xParam, String yParam, List<String> xLabels,
                      List<String> yLabels, List<Cell> cells) {
    public Heatmap {
        Objects.requireNonNull(goal, "goal");
        xLabels = List.copyOf(xLabels);
        yLabels = List.copyOf(yLabels);
        cells = List.copyOf(cells);
        for (Cell c : cells) {
            if (c.x() < 0 || c.x() >= xLabels.size() || c.y() < 0 || c.y() >= yLabels.size()) {
                throw new IllegalArgumentException("a cell must lie inside the grid of " + xLabels.size() + " x "
                        + yLabels.size() + ", but got (x=" + c.x() + ", y=" + c.y() + ")");
            }
        }
    }

    /**
     * One cell: column {@code x}, row {@code y}; the COMPLETE trials' mean, sample standard deviation (NaN when
     * n = 1) and count; the pruned and failed trials of the cell; whether it is the best cell.
     */
    public record Cell(int x, int y, double mean, double std, int n, int pruned, int failed, boolean best) {
    }
}
