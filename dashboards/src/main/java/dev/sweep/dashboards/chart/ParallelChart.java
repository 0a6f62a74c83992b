package dev.sweep.dashboards.chart;

import dev.sweep.dashboards.svg.Colors;
import dev.sweep.dashboards.svg.Fmt;
import dev.sweep.dashboards.svg.Scale;
import dev.sweep.dashboards.svg.Svg;
import dev.sweep.search.study.Goal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Draws {@link Parallel} coordinates. Lines are coloured by the metric (brighter is better) and drawn worst
 * first so the best trials sit on top; the ten best are drawn thicker.
 */
public final class ParallelChart {
    private static final double H = 320;
    private static final double TOP = 30;
    private static final double BOTTOM = 30;
    private static final double LEFT = 60;
    private static final double GAP = 130;

    public String render(Parallel p) {
        String label = "parallel coordinates of parameters and " + p.metric();
        if (p.lines().isEmpty() || p.dims().isEmpty()) {
            return Axes.empty("chart parallel", label, "No finished trials yet.");
        }
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < p.dims().size(); i++) {
            axes.add(axis(p.dims().get(i), p.lines(), LEFT + i * GAP));
        }
        double mlo = p.lines().stream().mapToDouble(Parallel.Line::value).min().orElseThrow();
        double mhi = p.lines().stream().mapToDouble(Parallel.Line::value).max().orElseThrow();
        double metricX = LEFT + p.dims().size() * GAP;
        Scale metric = Scale.linear(mlo, mhi, H - BOTTOM, TOP, true);
        double width = metricX + 70;
        Svg svg = new Svg(width, H, "chart parallel", label);

        List<Parallel.Line> order = new ArrayList<>(p.lines());
        order.sort(Comparator.comparingDouble((Parallel.Line l) -> p.goal().toLoss(l.value())).reversed());
        svg.open("g", "class", "lines");
        for (int k = 0; k < order.size(); k++) {
            Parallel.Line l = order.get(k);
            boolean top10 = k >= order.size() - 10;
            double t = mhi > mlo ? (l.value() - mlo) / (mhi - mlo) : 0.5;
            if (p.goal() == Goal.MINIMIZE) {
                t = 1 - t;
            }
            StringBuilder pts = new StringBuilder();
            for (Axis a : axes) {
                Object v = l.params().get(a.dim.name());
                Double py = v == null ? null : a.position(v);
                if (py != null) {
                    pts.append(Fmt.coord(a.x)).append(',').append(Fmt.coord(py)).append(' ');
                }
            }
            pts.append(Fmt.coord(metricX)).append(',').append(Fmt.coord(metric.apply(l.value())));
            svg.open("polyline", "points", pts.toString(), "stroke", Colors.ramp(t),
                    "class", top10 ? "pline top" : "pline", "data-trial", Integer.toString(l.number()));
            if (order.size() <= 1500) {
                svg.title("trial #" + l.number() + ": " + p.metric() + " = " + Fmt.num(l.value()));
            }
            svg.close("polyline");
        }
        svg.close("g");

        for (Axis a : axes) {
            svg.open("g", "class", "paxis", "data-param", a.dim.name());
            svg.line(a.x, TOP, a.x, H - BOTTOM, "class", "domain");
            if (a.dim.categorical()) {
                for (String c : a.dim.categories()) {
                    svg.text(a.x + 5, a.position(c) + 4, c, "class", "tick-label halo");
                }
            } else {
                for (double v : a.scale.ticks(4)) {
                    svg.text(a.x + 5, a.scale.apply(v) + 4, Fmt.num(v), "class", "tick-label halo");
                }
            }
            svg.text(a.x, TOP - 12, a.dim.name(), "text-anchor", "middle", "class", "axis-title");
            svg.close("g");
        }
        svg.open("g", "class", "paxis metric", "data-param", p.metric());
        svg.line(metricX, TOP, metricX, H - BOTTOM, "class", "domain");
        for (double v : metric.ticks(5)) {
            svg.text(metricX + 5, metric.apply(v) + 4, Fmt.num(v), "class", "tick-label halo");
        }
        svg.text(metricX, TOP - 12, p.metric(), "text-anchor", "middle", "class", "axis-title");
        svg.close("g");
        return svg.finish();
    }

    private static Axis axis(Parallel.Dim d, List<Parallel.Line> lines, double x) {
        if (d.categorical()) {
            return new Axis(d, x, null);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Parallel.Line l : lines) {
            Object v = l.params().get(d.name());
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                lo = Math.min(lo, n.doubleValue());
                hi = Math.max(hi, n.doubleValue());
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        Scale s = d.log() && lo > 0 ? Scale.log(lo, hi, H - BOTTOM, TOP) : Scale.linear(lo, hi, H - BOTTOM, TOP, false);
        return new Axis(d, x, s);
    }

    private record Axis(Parallel.Dim dim, double x, Scale scale) {
        Double position(Object v) {
            if (dim.categorical()) {
                int i = dim.categories().indexOf(String.valueOf(v));
                if (i < 0) {
                    return null;
                }
                int n = dim.categories().size();
                return n == 1 ? (TOP + H - BOTTOM) / 2 : H - BOTTOM - i * (H - BOTTOM - TOP) / (n - 1);
            }
            return v instanceof Number num && Double.isFinite(num.doubleValue()) ? scale.apply(num.doubleValue())
                    : null;
        }
    }
}
