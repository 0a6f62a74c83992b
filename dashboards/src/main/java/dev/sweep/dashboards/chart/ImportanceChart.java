package dev.sweep.dashboards.chart;

import dev.sweep.dashboards.svg.Colors;
import dev.sweep.dashboards.svg.Fmt;
import dev.sweep.dashboards.svg.Svg;

/** Draws {@link Importance} as horizontal bars, largest first, each labelled with its value. */
public final class ImportanceChart {
    private static final double LEFT = 150;
    private static final double BAR_W = 380;
    private static final double ROW = 26;

    public String render(Importance imp) {
        String label = "parameter importance for " + imp.metric();
        if (imp.entries().isEmpty()) {
            return Axes.empty("chart importance", label, imp.note() != null ? "No importance: " + imp.note() + "."
                    : "Importance needs several finished trials.");
        }
        double max = imp.entries().stream().mapToDouble(Importance.Entry::importance).max().orElse(1);
        double scale = max > 0 ? BAR_W / max : 0;
        double height = 12 + imp.entries().size() * ROW + 24;
        Svg svg = new Svg(LEFT + BAR_W + 80, height, "chart importance", label);
        int i = 0;
        for (Importance.Entry e : imp.entries()) {
            double y = 10 + i * ROW;
            svg.open("g", "class", "ibar", "data-param", e.param(), "data-importance", Double.toString(e.importance()));
            svg.text(LEFT - 8, y + 15, e.param(), "text-anchor", "end", "class", "tick-label");
            svg.rect(LEFT, y + 3, e.importance() * scale, ROW - 8, "fill", Colors.categorical(0));
            svg.text(LEFT + e.importance() * scale + 6, y + 15, Fmt.sig(e.importance(), 3), "class", "bar-value");
            svg.close("g");
            i++;
        }
        String[] method = imp.method().replaceAll("\\s*\\([^)]*\\)", "").split(",\\s*");
        svg.open("text", "x", Fmt.coord(LEFT), "y", Fmt.coord(height - 6), "class", "axis-title muted");
        svg.title(imp.method());
        svg.raw(Svg.esc(String.join(", ", java.util.Arrays.asList(method).subList(0, Math.min(2, method.length)))));
        svg.close("text");
        return svg.finish();
    }
}
