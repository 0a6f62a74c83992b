package dev.sweep.dashboards.chart;

import dev.sweep.dashboards.svg.Colors;
import dev.sweep.dashboards.svg.Fmt;
import dev.sweep.dashboards.svg.Scale;
import dev.sweep.dashboards.svg.Svg;

/**
 * Draws a {@link Comparison}: one bar per group at its mean with a ±1 std error bar, the group's n (and the
 * paired test's p-value against the best group, when there is one) under it and the best group highlighted.
 * When every bar sits far from zero the axis starts near the data, and says so.
 */
public final class BarChart {
    private static final double LEFT = 70;
    private static final double TOP = 18;
    private static final double PLOT_H = 220;
    private static final double BAR_SLOT = 78;

    /** The half-height of a group's error bar: its std, or 0 when it has none (a single trial). */
    private static double spread(Comparison.Group g) {
        return Double.isFinite(g.std()) ? g.std() : 0;
    }

    public String render(Comparison c) {
        String label = c.metric() + " by " + c.param();
        if (c.groups().isEmpty()) {
            return Axes.empty("chart bars", label, "No finished trials to compare by " + c.param() + " yet.");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Comparison.Group g : c.groups()) {
            double sd = spread(g);
            lo = Math.min(lo, g.mean() - sd);
            hi = Math.max(hi, g.mean() + sd);
        }
        boolean fromZero = lo >= 0 ? lo < 0.25 * hi : hi <= 0 && hi > 0.25 * lo;
        double base = fromZero ? Math.min(0, lo) : lo - 0.15 * (hi - lo);
        double top = fromZero ? Math.max(0, hi) : hi + 0.1 * (hi - lo);
        if (hi == lo && !fromZero) {
            base = lo - Math.max(Math.abs(lo) * 0.05, 1e-9);
            top = hi + Math.max(Math.abs(hi) * 0.05, 1e-9);
        }
        double width = Math.max(LEFT + c.groups().size() * BAR_SLOT + 20, 400);
        double height = TOP + PLOT_H + 84;
        Scale y = Scale.linear(base, top, TOP + PLOT_H, TOP, true);
        Svg svg = new Svg(width, height, "chart bars", label);
        Axes.left(svg, y, LEFT, width - 10, c.metric(), 5);
        double floor = y.apply(y.domainLow());
        double zero = fromZero ? y.apply(Math.max(y.domainLow(), Math.min(0, y.domainHigh()))) : floor;
        int i = 0;
        for (Comparison.Group g : c.groups()) {
            double cx = LEFT + (width - LEFT - c.groups().size() * BAR_SLOT) / 2 + i * BAR_SLOT + BAR_SLOT / 2;
            double py = y.apply(g.mean());
            boolean isBest = g.isBest();
            svg.open("g", "class", isBest ? "bar best" : "bar", "data-label", g.label(),
                    "data-mean", Double.toString(g.mean()), "data-std", Double.toString(g.std()),
                    "data-n", Integer.toString(g.n()));
            svg.title(c.param() + "=" + g.label() + "\n" + c.metric() + " = " + Fmt.num(g.mean())
                    + (Double.isFinite(g.std()) ? " ± " + Fmt.num(g.std()) : "") + " (n=" + g.n() + ", best "
                    + Fmt.num(g.best()) + ")" + (g.pruned() + g.failed() > 0 ? "\n" + g.pruned() + " pruned, "
                    + g.failed() + " failed" : "") + (Double.isFinite(g.pairedP()) ? "\npaired t-test against the best "
                    + "group: p = " + Fmt.sig(g.pairedP(), 2) : ""));
            svg.rect(cx - 22, Math.min(py, zero), 44, Math.abs(zero - py), "fill",
                    isBest ? "#f28e2b" : Colors.categorical(0), "class", "bar-rect");
            double yHi = y.apply(g.mean() + spread(g));
            if (Double.isFinite(g.std())) {
                double yLo = y.apply(g.mean() - g.std());
                svg.open("g", "class", "errbar", "data-lo", Double.toString(g.mean() - g.std()),
                        "data-hi", Double.toString(g.mean() + g.std()));
                svg.line(cx, yLo, cx, yHi, "class", "err-stem");
                svg.line(cx - 7, yLo, cx + 7, yLo, "class", "err-cap err-lo");
                svg.line(cx - 7, yHi, cx + 7, yHi, "class", "err-cap err-hi");
                svg.close("g");
            }
            svg.text(cx, Math.min(yHi, py) - 5, Fmt.num(g.mean()), "text-anchor", "middle", "class", "bar-value");
            svg.text(cx, floor + 16, g.label(), "text-anchor", "middle", "class", "tick-label bar-label");
            svg.text(cx, floor + 30, "n=" + g.n(), "text-anchor", "middle", "class", "muted bar-n");
            if (Double.isFinite(g.pairedP())) {
                svg.text(cx, floor + 43, "p=" + Fmt.sig(g.pairedP(), 2), "text-anchor", "middle",
                        "class", "muted bar-p");
            }
            svg.close("g");
            i++;
        }
        svg.text(LEFT + (width - LEFT) / 2, floor + 62, c.param(), "text-anchor", "middle", "class", "axis-title");
        if (!fromZero) {
            svg.text(LEFT + (width - LEFT) / 2, floor + 77, "axis does not start at 0", "text-anchor", "middle",
                    "class", "muted axis-note");
        }
        return svg.finish();
    }
}
