package dev.sweep.dashboards.page;

import static dev.sweep.dashboards.svg.Svg.esc;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sweep.dashboards.chart.Comparison;
import dev.sweep.dashboards.chart.Heatmap;
import dev.sweep.dashboards.view.SweepView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the whole page, one self-contained HTML document: inline CSS and script, charts as inline SVG, data as
 * JSON in a script element. The same page serves as the offline report and, with {@link Live} settings, as
 * the live dashboard that polls its server.
 */
public final class PageRenderer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private final Fragments fragments = new Fragments();
    private final PageData data = new PageData();
    private final String css = resource("page.css") + "\n" + resource("chart.css");
    private final String script = resource("page.js");

    /** Live-page settings: the sweep's API base path, how often to poll, the charts' version. */
    public record Live(String api, Duration poll, String chartsVersion) {
    }

    public Fragments fragments() {
        return fragments;
    }

    public PageData data() {
        return data;
    }

    /** Writes the page; {@code live} is null for the offline report. */
    public void write(SweepView v, Live live, Writer out) throws IOException {
        Map<String, String> charts = fragments.charts(v);
        String name = esc(v.sweep().name());
        out.write("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"generator\" content=\"sweep\"><title>" + name + " · sweep "
                + (live == null ? "report" : "live") + "</title><style>");
        out.write(css);
        out.write("</style></head><body data-mode=\"" + (live == null ? "report" : "live") + "\">\n<header><h1>");
        if (live != null) {
            out.write("<span class=\"live-dot\" id=\"live-dot\" title=\"live\"></span>");
        }
        out.write(name + "</h1><div class=\"meta\">" + meta(v) + "</div>");
        out.write("<div data-frag=\"summary\">" + fragments.summary(v, live != null) + "</div>");
        out.write("<nav><a href=\"#leaderboard\">leaderboard</a><a href=\"#heatmap\">heatmap</a>"
                + "<a href=\"#compare\">by category</a><a href=\"#curves\">curves</a><a href=\"#history\">history</a>"
                + "<a href=\"#parallel\">parallel coordinates</a><a href=\"#importance\">importance</a>"
                + (live != null ? "<a href=\"#workers\">workers</a>" : "")
                + "<a href=\"#problems\">failed / pruned</a><a href=\"#spec\">sweep file</a>"
                + "<a href=\"#provenance\">provenance</a></nav></header>\n<main>");
        if (live != null) {
            section(out, "workers", "Workers and devices", "wide", "<div data-frag=\"workers\">"
                    + fragments.workers(v) + "</div>");
        }
        section(out, "leaderboard", "Leaderboard", "wide", leaderboardShell(v));
        section(out, "heatmap", esc(v.sweep().metricName()) + " over two parameters", "", heatmapShell(v, charts));
        section(out, "compare", esc(v.sweep().metricName()) + " by category (mean ± 1 std)", "",
                comparisonShell(v, charts));
        section(out, "curves", "Training and validation curves", "wide", curvesShell());
        section(out, "history", "Optimization history", "", "<div class=\"chart-slot\" data-frag=\"history\">"
                + charts.get("history") + "</div>");
        section(out, "importance", "Parameter importance", "", "<div class=\"chart-slot\" data-frag=\"importance\">"
                + charts.get("importance") + "</div>");
        section(out, "parallel", "Parallel coordinates", "wide", "<div class=\"chart-slot scroll\" "
                + "data-frag=\"parallel\">" + charts.get("parallel") + "</div>");
        section(out, "problems", "Failed, pruned and diverged trials", "wide", "<div data-frag=\"problems\">"
                + fragments.problems(v) + "</div>");
        section(out, "spec", "Sweep file", "", "<p class=\"note\">" + esc(v.sweep().sourcePath() == null ? ""
                : v.sweep().sourcePath()) + " · sha-256 " + esc(v.sweep().specHash()) + "</p><pre class=\"spec\">"
                + esc(v.sweep().specText()) + "</pre>");
        section(out, "provenance", "Provenance", "", fragments.provenance(v.provenance()));
        out.write("</main>\n<script type=\"application/json\" id=\"sweep-data\">");
        writeData(v, live, out);
        out.write("</script>\n<script>");
        out.write(script);
        out.write("</script>\n</body></html>\n");
    }

    private void writeData(SweepView v, Live live, Writer out) throws IOException {
        JsonGenerator g = data.generator(out);
        g.writeStartObject();
        g.writeStringField("mode", live == null ? "report" : "live");
        if (live != null) {
            g.writeStringField("api", live.api());
            g.writeNumberField("pollMs", live.poll().toMillis());
            g.writeStringField("chartsVersion", live.chartsVersion());
        }
        g.writeStringField("metric", v.sweep().metricName());
        g.writeStringField("goal", v.goal().name().toLowerCase(java.util.Locale.ROOT));
        data.writeTable(g, v);
        if (v.curves() != null) {
            data.writeCurves(g, v.curves());
        }
        if (v.provenance() != null) {
            data.writeProvenance(g, v.provenance().perTrial());
        }
        g.writeEndObject();
        g.flush();
    }

    private static String meta(SweepView v) {
        var s = v.sweep();
        StringBuilder b = new StringBuilder();
        b.append("method <b>").append(esc(s.method())).append("</b> · metric <b>").append(esc(s.metricName()))
                .append("</b> (").append(esc(s.goal())).append(") · state <b id=\"sweep-state\">")
                .append(s.state()).append("</b> · seed ").append(s.seed());
        if (s.createdAt() != null) {
            b.append(" · created ").append(TIME.format(s.createdAt()));
        }
        b.append(" · generated ").append(TIME.format(v.at()));
        if (s.message() != null && !s.message().isBlank()) {
            b.append("<br>").append(esc(s.message()));
        }
        return b.toString();
    }

    private static void section(Writer out, String id, String title, String cls, String body) throws IOException {
        out.write("<section id=\"" + id + "\"" + (cls.isEmpty() ? "" : " class=\"" + cls + "\"") + "><h2>" + title
                + "</h2>" + body + "</section>\n");
    }

    private static String leaderboardShell(SweepView v) {
        StringBuilder states = new StringBuilder("<option value=\"\">all states</option>");
        v.progress().counts().forEach((s, n) -> {
            if (n > 0) {
                states.append("<option value=\"").append(s).append("\">").append(s).append(" (").append(n)
                        .append(")</option>");
            }
        });
        return "<div class=\"controls\"><label>show <select id=\"lb-state\">" + states + "</select></label>"
                + "<label>rows per page <select id=\"lb-size\"><option>10</option><option selected>25</option>"
                + "<option>50</option><option>100</option></select></label><span>click a header to sort, a row for "
                + "details, a box to overlay its curves</span></div><div class=\"scroll\"><table id=\"lb\"></table>"
                + "</div><div class=\"pager\" id=\"lb-pager\"></div><div class=\"details\" id=\"lb-detail\" hidden>"
                + "</div><noscript><p class=\"note\">The leaderboard and curves need JavaScript; the charts are "
                + "static SVG.</p></noscript>";
    }

    private static String heatmapShell(SweepView v, Map<String, String> charts) {
        List<Heatmap> hs = v.analysis().heatmaps();
        if (hs.isEmpty()) {
            return "<p class=\"muted\">A heatmap needs two parameters that vary.</p>";
        }
        Set<String> axes = new LinkedHashSet<>();
        hs.forEach(h -> {
            axes.add(h.xParam());
            axes.add(h.yParam());
        });
        return "<div class=\"controls\"><label>x <select id=\"hm-x\">" + options(axes, hs.get(0).xParam())
                + "</select></label><label>y <select id=\"hm-y\">" + options(axes, hs.get(0).yParam())
                + "</select></label><span>cell: mean, ± std · n finished trials; ★ best cell</span></div>"
                + "<div class=\"chart-slot scroll\" id=\"heatmaps\" data-frag=\"heatmaps\">" + charts.get("heatmaps")
                + "</div><p class=\"muted\" id=\"hm-none\" hidden>Pick two different parameters.</p>";
    }

    private static String comparisonShell(SweepView v, Map<String, String> charts) {
        List<Comparison> cs = v.analysis().comparisons();
        Set<String> params = new LinkedHashSet<>();
        cs.forEach(c -> params.add(c.param()));
        String select = cs.isEmpty() ? "" : "<div class=\"controls\"><label>parameter <select id=\"cmp-param\">"
                + options(params, cs.get(0).param()) + "</select></label></div>";
        return select + "<div class=\"chart-slot scroll\" id=\"comparisons\" data-frag=\"comparisons\">"
                + charts.get("comparisons") + "</div>";
    }

    private static String curvesShell() {
        return "<div class=\"controls\"><label>trials <input id=\"curve-trials\" size=\"28\" "
                + "title=\"trial numbers, comma separated\"></label><button id=\"curve-top\">top 5</button>"
                + "<button id=\"curve-clear\">clear</button><label>left <select id=\"curve-ma\"></select></label>"
                + "<label><input type=\"checkbox\" id=\"curve-log\"> log y</label><label>right <select "
                + "id=\"curve-mb\"></select></label></div><div id=\"curve-legend\" class=\"note\"></div>"
                + "<div style=\"display:flex;flex-wrap:wrap;gap:12px\"><div class=\"chart-slot\" id=\"curve-a\" "
                + "style=\"flex:1 1 480px\"></div><div class=\"chart-slot\" id=\"curve-b\" style=\"flex:1 1 480px\">"
                + "</div></div>";
    }

    private static String options(Set<String> values, String selected) {
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            b.append("<option value=\"").append(esc(v)).append('"').append(v.equals(selected) ? " selected" : "")
                    .append('>').append(esc(v)).append("</option>");
        }
        return b.toString();
    }

    /** A text resource of the page (page.css, chart.css, page.js). */
    public static String resource(String name) {
        try (InputStream in = PageRenderer.class.getResourceAsStream("/dev/sweep/dashboards/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the page resource " + name + " must be on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
