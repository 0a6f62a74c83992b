package dev.sweep.dashboards.chart;

import dev.sweep.dashboards.svg.Fmt;
import dev.sweep.dashboards.svg.Scale;
import dev.sweep.dashboards.svg.Svg;
import java.util.Comparator;
import java.util.List;

/**
 * Draws a {@link History}: one dot per trial (hollow for pruned ones), the best-so-far as a step line and the
 * best trial starred. Up to {@link #DOTS_WITH_TOOLTIPS} trials each dot has a tooltip; beyond that the dots are
 * one compact path so a 10,000-trial sweep stays small.
 */
public final class HistoryChart {
    static final int DOTS_WITH_TOOLTIPS = 1500;
    private static final double W = 720;
    private static final double H = 300;
    private static final double LEFT = 70;
    private static final double RIGHT = 16;
    private static final double TOP = 14;
    private static final double BOTTOM = 46;

    public String render(History h) {
        String label = h.metric() + " by trial number, with the best so far";
        List<History.Point> pts = h.points().stream().filter(p -> Double.isFinite(p.value())).toList();
        if (pts.isEmpty()) {
            return Axes.empty("chart history", label, "No trial has reported " + h.metric() + " yet.");
        }
        double lo = pts.stream().mapToDouble(History.Point::value).min().orElseThrow();
        double hi = pts.stream().mapToDouble(History.Point::value).max().orElseThrow();
        int maxN = pts.stream().mapToInt(History.Point::number).max().orElseThrow();
        int minN = pts.stream().mapToInt(History.Point::number).min().orElseThrow();
        boolean log = lo > 0 && hi / lo > 1000;
        Scale y = log ? Scale.log(lo, hi, H - BOTTOM, TOP) : Scale.linear(lo, hi, H - BOTTOM, TOP, true);
        Scale x = Scale.linear(minN, Math.max(maxN, minN + 1), LEFT + 6, W - RIGHT, false);
        Svg svg = new Svg(W, H, "chart history", label);
        Axes.left(svg, y, LEFT, W - RIGHT, h.metric() + (log ? " (log)" : ""), 5);
        Axes.bottom(svg, x, H - BOTTOM, "trial number", 8, true);

        svg.open("g", "class", "dots");
        if (pts.size() <= DOTS_WITH_TOOLTIPS) {
            for (History.Point p : pts) {
                svg.open("circle", "cx", Fmt.coord(x.apply(p.number())), "cy", Fmt.coord(y.apply(p.value())), "r", "3",
                        "class", p.complete() ? "dot" : "dot pruned", "data-trial", Integer.toString(p.number()),
                        "data-value", Double.toString(p.value()));
                svg.title("trial #" + p.number() + ": " + h.metric() + " = " + Fmt.num(p.value())
                        + (p.complete() ? "" : " (pruned)"));
                svg.close("circle");
            }
        } else {
            svg.el("path", "class", "dotpath", "d", dotPath(pts, x, y, true));
            svg.el("path", "class", "dotpath pruned", "d", dotPath(pts, x, y, false));
        }
        svg.close("g");

        StringBuilder d = new StringBuilder();
        double prevY = Double.NaN;
        for (History.Point p : pts) {
            if (!Double.isFinite(p.bestSoFar())) {
                continue;
            }
            double px = x.apply(p.number());
            double py = y.apply(p.bestSoFar());
            if (d.length() == 0) {
                d.append('M').append(Fmt.coord(px)).append(' ').append(Fmt.coord(py));
            } else {
                d.append('H').append(Fmt.coord(px));
                if (py != prevY) {
                    d.append('V').append(Fmt.coord(py));
                }
            }
            prevY = py;
        }
        if (d.length() > 0) {
            d.append('H').append(Fmt.coord(W - RIGHT));
            svg.el("path", "class", "best-line", "d", d.toString());
        }
        pts.stream().filter(History.Point::complete)
                .min(Comparator.comparingDouble(p -> h.goal().toLoss(p.value())))
                .ifPresent(b -> {
                    double bx = x.apply(b.number());
                    double by = y.apply(b.value());
                    svg.open("g", "class", "best-marker", "data-trial", Integer.toString(b.number()),
                            "data-value", Double.toString(b.value()));
                    svg.title("best: trial #" + b.number() + ", " + h.metric() + " = " + Fmt.num(b.value()));
                    svg.text(bx, by + 5, "★", "text-anchor", "middle", "class", "star");
                    svg.close("g");
                });
        svg.open("g", "class", "legend");
        svg.el("circle", "cx", Fmt.coord(LEFT + 12), "cy", "8", "r", "3", "class", "dot");
        svg.text(LEFT + 20, 12, "trial", "class", "legend-label");
        svg.el("circle", "cx", Fmt.coord(LEFT + 62), "cy", "8", "r", "3", "class", "dot pruned");
        svg.text(LEFT + 70, 12, "pruned (last value)", "class", "legend-label");
        svg.line(LEFT + 190, 8, LEFT + 210, 8, "class", "best-line");
        svg.text(LEFT + 216, 12, "best so far", "class", "legend-label");
        svg.close("g");
        return svg.finish();
    }

    private static String dotPath(List<History.Point> pts, Scale x, Scale y, boolean complete) {
        StringBuilder d = new StringBuilder(pts.size() * 14);
        for (History.Point p : pts) {
            if (p.complete() == complete) {
                d.append('M').append(Fmt.coord(x.apply(p.number()))).append(' ')
                        .append(Fmt.coord(y.apply(p.value()))).append("h0");
            }
        }
        return d.length() == 0 ? "M0 0" : d.toString();
    }
}
