package dev.sweep.dashboards.chart;

import dev.sweep.dashboards.svg.Colors;
import dev.sweep.dashboards.svg.Fmt;
import dev.sweep.dashboards.svg.Svg;
import dev.sweep.search.study.Goal;

/**
 * Draws a {@link Heatmap} as a raster: colour by mean (brighter is better whatever the goal), each cell
 * labelled "mean / ± std · n", the best cell (as the leaderboards decide) outlined and starred.
 */
public final class HeatmapChart {
    private static final double CELL_W = 96;
    private static final double CELL_H = 46;
    private static final double LEFT = 96;
    private static final double TOP = 16;
    private static final double LEGEND = 80;

    public String render(Heatmap h) {
        String label = h.metric() + " by " + h.xParam() + " and " + h.yParam();
        if (h.cells().isEmpty()) {
            return Axes.empty("chart heatmap", label, "No finished trials with both " + h.xParam() + " and "
                    + h.yParam() + " yet.");
        }
        int cols = h.xLabels().size();
        int rows = h.yLabels().size();
        double width = LEFT + cols * CELL_W + LEGEND;
        double height = TOP + rows * CELL_H + 56;
        Svg svg = new Svg(width, height, "chart heatmap", label);
        double lo = h.cells().stream().mapToDouble(Heatmap.Cell::mean).min().orElse(0);
        double hi = h.cells().stream().mapToDouble(Heatmap.Cell::mean).max().orElse(1);

        svg.open("g", "class", "cells");
        for (int yi = 0; yi < rows; yi++) {
            for (int xi = 0; xi < cols; xi++) {
                svg.rect(LEFT + xi * CELL_W, TOP + (rows - 1 - yi) * CELL_H, CELL_W - 2, CELL_H - 2,
                        "class", "cell-empty");
            }
        }
        for (Heatmap.Cell c : h.cells()) {
            double t = hi > lo ? (c.mean() - lo) / (hi - lo) : 0.5;
            if (h.goal() == Goal.MINIMIZE) {
                t = 1 - t;
            }
            boolean isBest = c.best();
            double x = LEFT + c.x() * CELL_W;
            double y = TOP + (rows - 1 - c.y()) * CELL_H;
            svg.open("g", "class", isBest ? "cell best" : "cell", "data-x", h.xLabels().get(c.x()),
                    "data-y", h.yLabels().get(c.y()), "data-mean", Double.toString(c.mean()),
                    "data-std", Double.toString(c.std()), "data-n", Integer.toString(c.n()));
            svg.title(h.xParam() + "=" + h.xLabels().get(c.x()) + ", " + h.yParam() + "=" + h.yLabels().get(c.y())
                    + "\n" + h.metric() + " = " + Fmt.num(c.mean())
                    + (Double.isFinite(c.std()) ? " ± " + Fmt.num(c.std()) : "") + " (n=" + c.n()
                    + ")" + (c.pruned() + c.failed() > 0
                    ? "\n" + c.pruned() + " pruned, " + c.failed() + " failed" : "")
                    + (isBest ? "\nbest cell" : ""));
            svg.rect(x, y, CELL_W - 2, CELL_H - 2, "fill", Colors.ramp(t), "class", "cell-bg");
            String ink = Colors.textOn(t);
            svg.text(x + CELL_W / 2 - 1, y + 19, (isBest ? "★ " : "") + Fmt.num(c.mean()), "class", "cell-mean",
                    "text-anchor", "middle", "fill", ink);
            String spread = Double.isFinite(c.std()) ? "±" + Fmt.sig(c.std(), 2) + " · " : "";
            svg.text(x + CELL_W / 2 - 1, y + 35, spread + "n=" + c.n(), "class", "cell-sub",
                    "text-anchor", "middle", "fill", ink);
            if (isBest) {
                svg.rect(x + 1, y + 1, CELL_W - 4, CELL_H - 4, "class", "best-outline");
            }
            svg.close("g");
        }
        svg.close("g");

        svg.open("g", "class", "axis axis-x");
        for (int xi = 0; xi < cols; xi++) {
            svg.text(LEFT + xi * CELL_W + CELL_W / 2 - 1, TOP + rows * CELL_H + 14, h.xLabels().get(xi),
                    "text-anchor", "middle", "class", "tick-label");
        }
        svg.text(LEFT + cols * CELL_W / 2, TOP + rows * CELL_H + 38, h.xParam(), "class", "axis-title",
                "text-anchor", "middle");
        svg.close("g");
        svg.open("g", "class", "axis axis-y");
        for (int yi = 0; yi < rows; yi++) {
            svg.text(LEFT - 8, TOP + (rows - 1 - yi) * CELL_H + CELL_H / 2 + 3, h.yLabels().get(yi),
                    "text-anchor", "end", "class", "tick-label");
        }
        double mid = TOP + rows * CELL_H / 2;
        svg.text(14, mid, h.yParam(), "class", "axis-title", "text-anchor", "middle",
                "transform", "rotate(-90 14 " + Fmt.coord(mid) + ")");
        svg.close("g");
        legend(svg, h, lo, hi, LEFT + cols * CELL_W + 18, TOP, rows * CELL_H);
        return svg.finish();
    }

    private static void legend(Svg svg, Heatmap h, double lo, double hi, double x, double y, double height) {
        svg.open("g", "class", "legend");
        int steps = 24;
        double bar = Math.max(60, height - 10);
        for (int i = 0; i < steps; i++) {
            double t = 1 - (double) i / (steps - 1);
            svg.rect(x, y + i * bar / steps, 12, bar / steps + 0.5, "fill", Colors.ramp(t));
        }
        String top = Fmt.num(h.goal() == Goal.MINIMIZE ? lo : hi);
        String bottom = Fmt.num(h.goal() == Goal.MINIMIZE ? hi : lo);
        svg.text(x + 16, y + 9, top, "class", "legend-label");
        svg.text(x + 16, y + bar, bottom, "class", "legend-label");
        svg.text(x + 16, y + bar / 2 + 4, "better ↑", "class", "legend-label muted");
        svg.close("g");
    }
}
