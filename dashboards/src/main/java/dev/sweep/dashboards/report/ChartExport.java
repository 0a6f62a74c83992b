package dev.sweep.dashboards.report;

import dev.sweep.dashboards.browser.HeadlessChromium;
import dev.sweep.dashboards.chart.Comparison;
import dev.sweep.dashboards.chart.Heatmap;
import dev.sweep.dashboards.chart.HeatmapChart;
import dev.sweep.dashboards.chart.BarChart;
import dev.sweep.dashboards.chart.HistoryChart;
import dev.sweep.dashboards.chart.ImportanceChart;
import dev.sweep.dashboards.chart.ParallelChart;
import dev.sweep.dashboards.page.PageRenderer;
import dev.sweep.dashboards.view.SweepView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the report's charts as stand-alone SVG files (styles inlined, for papers and slides) and, when headless
 * Chromium is installed, as PNG files rendered from those SVGs at twice their size.
 */
public final class ChartExport {
    private final String css = PageRenderer.resource("chart.css");

    /** Writes {@code <prefix>-<chart>.svg} files into {@code dir}; returns them in the order written. */
    public List<Path> svg(SweepView v, Path dir, String prefix) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> charts = new LinkedHashMap<>();
        if (!v.analysis().heatmaps().isEmpty()) {
            Heatmap h = v.analysis().heatmaps().get(0);
            charts.put("heatmap-" + h.xParam() + "-" + h.yParam(), new HeatmapChart().render(h));
        }
        for (Comparison c : v.analysis().comparisons()) {
            charts.put("by-" + c.param(), new BarChart().render(c));
        }
        charts.put("history", new HistoryChart().render(v.analysis().history()));
        charts.put("parallel", new ParallelChart().render(v.analysis().parallel()));
        charts.put("importance", new ImportanceChart().render(v.analysis().importance()));
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, String> e : charts.entrySet()) {
            Path f = dir.resolve(prefix + "-" + safe(e.getKey()) + ".svg");
            Files.writeString(f, standalone(e.getValue()), StandardCharsets.UTF_8);
            out.add(f);
        }
        return out;
    }

    /** Renders each SVG file to a PNG beside it with headless Chromium; returns the PNG files. */
    public List<Path> png(List<Path> svgs, Path chromium) throws IOException, InterruptedException {
        List<Path> out = new ArrayList<>();
        try (HeadlessChromium browser = HeadlessChromium.start(chromium, 1400, 900, Duration.ofSeconds(30))) {
            for (Path svg : svgs) {
                browser.navigate(svg.toUri().toString());
                Path png = svg.resolveSibling(svg.getFileName().toString().replaceFirst("\\.svg$", ".png"));
                browser.screenshotElement("svg", png);
                out.add(png);
            }
        }
        return out;
    }

    /** The chart with its styles inside and a white background, valid as a file on its own. */
    String standalone(String svg) {
        int close = svg.indexOf('>');
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.substring(0, close + 1) + "<style>" + css
                + "</style><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>" + svg.substring(close + 1);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
