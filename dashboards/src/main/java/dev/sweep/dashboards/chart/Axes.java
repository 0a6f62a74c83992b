package dev.sweep.dashboards.chart;

import dev.sweep.dashboards.svg.Fmt;
import dev.sweep.dashboards.svg.Scale;
import dev.sweep.dashboards.svg.Svg;

/** Axis drawing shared by the charts: ticks carry {@code data-value} so tests can read positions back. */
final class Axes {
    private Axes() {
    }

    /** A vertical axis at x = {@code x} with grid lines across to {@code gridTo}, and a rotated title. */
    static void left(Svg svg, Scale y, double x, double gridTo, String title, int tickCount) {
        svg.open("g", "class", "axis axis-y");
        for (double v : y.ticks(tickCount)) {
            double py = y.apply(v);
            svg.line(x, py, gridTo, py, "class", "grid");
            svg.open("g", "class", "tick", "data-value", Double.toString(v), "data-pos", Fmt.coord(py));
            svg.line(x - 4, py, x, py);
            svg.text(x - 6, py + 4, Fmt.num(v), "text-anchor", "end");
            svg.close("g");
        }
        svg.line(x, y.apply(y.domainLow()), x, y.apply(y.domainHigh()), "class", "domain");
        double mid = (y.apply(y.domainLow()) + y.apply(y.domainHigh())) / 2;
        svg.text(14, mid, title, "class", "axis-title", "text-anchor", "middle",
                "transform", "rotate(-90 14 " + Fmt.coord(mid) + ")");
        svg.close("g");
    }

    /** A horizontal axis at y = {@code y} with a centred title below it. */
    static void bottom(Svg svg, Scale x, double y, String title, int tickCount, boolean integers) {
        svg.open("g", "class", "axis axis-x");
        for (double v : x.ticks(tickCount)) {
            if (integers && v != Math.rint(v)) {
                continue;
            }
            double px = x.apply(v);
            svg.open("g", "class", "tick", "data-value", Double.toString(v), "data-pos", Fmt.coord(px));
            svg.line(px, y, px, y + 4);
            svg.text(px, y + 16, Fmt.num(v), "text-anchor", "middle");
            svg.close("g");
        }
        double x0 = x.apply(x.domainLow());
        double x1 = x.apply(x.domainHigh());
        svg.line(x0, y, x1, y, "class", "domain");
        svg.text((x0 + x1) / 2, y + 34, title, "class", "axis-title", "text-anchor", "middle");
        svg.close("g");
    }

    /** An empty chart saying why there is nothing to draw. */
    static String empty(String cssClass, String label, String why) {
        Svg svg = new Svg(480, 60, cssClass + " empty", label);
        svg.text(12, 34, why, "class", "empty-note");
        return svg.finish();
    }
}
