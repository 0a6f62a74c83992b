package dev.sweep.dashboards.page;

import static dev.sweep.dashboards.svg.Svg.esc;

import dev.sweep.dashboards.chart.BarChart;
import dev.sweep.dashboards.chart.Comparison;
import dev.sweep.dashboards.chart.Heatmap;
import dev.sweep.dashboards.chart.HeatmapChart;
import dev.sweep.dashboards.chart.HistoryChart;
import dev.sweep.dashboards.chart.ImportanceChart;
import dev.sweep.dashboards.chart.ParallelChart;
import dev.sweep.dashboards.svg.Fmt;
import dev.sweep.dashboards.view.Occupancy;
import dev.sweep.dashboards.view.Progress;
import dev.sweep.dashboards.view.ProvenanceView;
import dev.sweep.dashboards.view.SweepView;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The page's server-rendered pieces, the same for the report and the live page (which receives them again on
 * every poll): summary, charts, failed/pruned trials, workers, provenance.
 */
public final class Fragments {
    /** States listed in the "failed, pruned and diverged" table. */
    public static final Set<TrialState> PROBLEM_STATES = EnumSet.of(TrialState.PRUNED, TrialState.FAILED,
            TrialState.DIVERGED, TrialState.OOM, TrialState.CANCELLED);
    static final int MAX_PROBLEM_ROWS = 500;
    private static final Map<TrialState, String> STATE_COLOURS = Map.of(TrialState.COMPLETE, "var(--ok)",
            TrialState.RUNNING, "var(--run)", TrialState.WAITING, "var(--wait)", TrialState.PRUNED, "var(--pruned)",
            TrialState.FAILED, "var(--fail)", TrialState.DIVERGED, "var(--div)", TrialState.OOM, "var(--oom)",
            TrialState.CANCELLED, "var(--cancel)");

    private final HeatmapChart heatmapChart = new HeatmapChart();
    private final BarChart barChart = new BarChart();
    private final HistoryChart historyChart = new HistoryChart();
    private final ParallelChart parallelChart = new ParallelChart();
    private final ImportanceChart importanceChart = new ImportanceChart();

    /** The chart fragments, keyed by the name the page's {@code data-frag} attributes use. */
    public Map<String, String> charts(SweepView v) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("heatmaps", heatmaps(v));
        f.put("comparisons", comparisons(v));
        f.put("history", historyChart.render(v.analysis().history()));
        f.put("parallel", parallelChart.render(v.analysis().parallel()));
        f.put("importance", importanceChart.render(v.analysis().importance()));
        return f;
    }

    String heatmaps(SweepView v) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (Heatmap h : v.analysis().heatmaps()) {
            b.append("<div data-x=\"").append(esc(h.xParam())).append("\" data-y=\"").append(esc(h.yParam()))
                    .append('"').append(first ? "" : " hidden").append('>').append(heatmapChart.render(h))
                    .append("</div>");
            first = false;
        }
        return b.toString();
    }

    String comparisons(SweepView v) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (Comparison c : v.analysis().comparisons()) {
            b.append("<div data-param=\"").append(esc(c.param())).append('"').append(first ? "" : " hidden")
                    .append('>').append(barChart.render(c)).append("</div>");
            first = false;
        }
        if (b.length() == 0) {
            b.append("<p class=\"muted\">No categorical parameter varies in this sweep.</p>");
        }
        return b.toString();
    }

    /** State counts, best so far, progress, rate and ETA. */
    public String summary(SweepView v, boolean live) {
        Progress p = v.progress();
        StringBuilder b = new StringBuilder("<div class=\"summary\">");
        b.append("<div class=\"kv\"><span class=\"k\">trials</span><span class=\"v\" id=\"sum-trials\">")
                .append(p.finished()).append(p.planned().isPresent() ? " / " + p.planned().getAsInt() : "")
                .append(" finished</span><div class=\"statebar\">");
        int total = Math.max(1, p.total());
        for (TrialState s : TrialState.values()) {
            int n = p.counts().getOrDefault(s, 0);
            if (n > 0) {
                b.append("<span style=\"width:").append(Fmt.coord(100.0 * n / total)).append("%;background:")
                        .append(STATE_COLOURS.get(s)).append("\" title=\"").append(s).append(": ").append(n)
                        .append("\"></span>");
            }
        }
        b.append("</div><div class=\"chips\">");
        for (TrialState s : TrialState.values()) {
            int n = p.counts().getOrDefault(s, 0);
            if (n > 0) {
                b.append("<span class=\"state s-").append(s).append("\" data-state=\"").append(s)
                        .append("\" data-count=\"").append(n).append("\">").append(s).append(' ').append(n)
                        .append("</span>");
            }
        }
        b.append("</div></div>");
        Integer best = v.analysis().bestTrial();
        TrialRecord bt = best == null ? null : v.trials().stream().filter(t -> t.number() == best).findFirst()
                .orElse(null);
        b.append("<div class=\"kv\"><span class=\"k\">best ").append(esc(v.sweep().metricName()))
                .append(" (").append(esc(v.sweep().goal())).append(")</span><span class=\"v\" id=\"sum-best\"")
                .append(bt == null ? ">—" : " data-trial=\"" + bt.number() + "\" data-value=\"" + bt.value() + "\">"
                        + esc(Fmt.num(bt.value())) + " <span class=\"muted\">trial #" + bt.number() + "</span>")
                .append("</span>");
        if (bt != null) {
            b.append("<span class=\"muted\">").append(esc(paramText(bt, v.params()))).append("</span>");
        }
        b.append("</div>");
        kv(b, "rate", Double.isNaN(p.trialsPerHour()) ? "—" : Fmt.sig(p.trialsPerHour(), 3) + " trials/h",
                "sum-rate");
        if (live || v.progress().counts().getOrDefault(TrialState.RUNNING, 0) > 0) {
            kv(b, "eta", p.eta() == null ? (p.planned().isPresent() ? "—" : "unknown (no run_cap)")
                    : Fmt.duration(p.eta().toSeconds()), "sum-eta");
        }
        if (p.firstStart() != null) {
            Instant end = live || p.lastFinish() == null ? v.at() : p.lastFinish();
            kv(b, "elapsed", Fmt.duration(Duration.between(p.firstStart(), end).toSeconds()), "sum-elapsed");
        }
        return b.append("</div>").toString();
    }

    private static void kv(StringBuilder b, String k, String value, String id) {
        b.append("<div class=\"kv\"><span class=\"k\">").append(esc(k)).append("</span><span class=\"v\" id=\"")
                .append(id).append("\">").append(esc(value)).append("</span></div>");
    }

    static String paramText(TrialRecord t, List<String> params) {
        return params.stream().filter(t.params()::containsKey)
                .map(p -> p + "=" + Fmt.value(t.params().get(p))).collect(Collectors.joining(", "));
    }

    /** Failed, pruned, diverged, out-of-memory and cancelled trials with their reasons and stop steps. */
    public String problems(SweepView v) {
        List<TrialRecord> rows = v.trials().stream().filter(t -> PROBLEM_STATES.contains(t.state())).toList();
        if (rows.isEmpty()) {
            return "<p class=\"muted\" id=\"no-problems\">No trial failed, was pruned or diverged.</p>";
        }
        Map<TrialState, Long> byState = rows.stream().collect(Collectors.groupingBy(TrialRecord::state,
                () -> new java.util.EnumMap<>(TrialState.class), Collectors.counting()));
        StringBuilder b = new StringBuilder("<p class=\"note\">");
        b.append(byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
                .collect(Collectors.joining(", "))).append(".</p>");
        b.append("<div class=\"scroll\" style=\"max-height:420px\"><table id=\"problems-table\"><thead><tr>")
                .append("<th class=\"num\">#</th><th>state</th><th class=\"num\">stopped at step</th>")
                .append("<th class=\"num\">attempts</th><th>device</th><th>reason</th><th>parameters</th>")
                .append("</tr></thead><tbody>");
        for (TrialRecord t : rows.subList(0, Math.min(rows.size(), MAX_PROBLEM_ROWS))) {
            b.append("<tr data-trial=\"").append(t.number()).append("\" data-state=\"").append(t.state())
                    .append("\"><td class=\"num\">").append(t.number()).append("</td><td><span class=\"state s-")
                    .append(t.state()).append("\">").append(t.state()).append("</span></td><td class=\"num\">")
                    .append(t.stoppedStep() == null ? "—" : t.stoppedStep()).append("</td><td class=\"num\">")
                    .append(t.attempt()).append("</td><td>").append(esc(t.device() == null ? "—" : t.device()))
                    .append("</td><td class=\"err\">").append(esc(reason(t))).append("</td><td>")
                    .append(esc(paramText(t, v.params()))).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        if (rows.size() > MAX_PROBLEM_ROWS) {
            b.append("<p class=\"note\">").append(rows.size() - MAX_PROBLEM_ROWS)
                    .append(" more: filter the leaderboard by state to see them.</p>");
        }
        return b.toString();
    }

    private static String reason(TrialRecord t) {
        if (t.error() != null && !t.error().isBlank()) {
            return t.error();
        }
        return switch (t.state()) {
            case PRUNED -> "pruned by the early-termination rule";
            case CANCELLED -> "cancelled before it ran";
            default -> "—";
        };
    }

    /** Devices with their worker slots, and what each busy worker runs. */
    public String workers(SweepView v) {
        Occupancy o = v.occupancy();
        if (o == null || o.byDevice().isEmpty()) {
            return "<p class=\"muted\">No worker has claimed a trial yet.</p>";
        }
        StringBuilder b = new StringBuilder("<div class=\"occ\">");
        for (Map.Entry<String, List<Occupancy.Slot>> d : o.byDevice().entrySet()) {
            long busy = d.getValue().stream().filter(Occupancy.Slot::busy).count();
            b.append("<div class=\"dev\" data-device=\"").append(esc(d.getKey())).append("\" data-busy=\"")
                    .append(busy).append("\" data-slots=\"").append(d.getValue().size()).append("\"><b>")
                    .append(esc(d.getKey())).append("</b> <span class=\"muted\">").append(busy).append('/')
                    .append(d.getValue().size()).append(" busy</span><div class=\"slots\">");
            for (Occupancy.Slot s : d.getValue()) {
                b.append("<span class=\"slot").append(s.busy() ? " busy" : "").append("\" title=\"")
                        .append(esc(s.worker())).append(s.busy() ? ": trial #" + s.trial() : ": idle")
                        .append("\"></span>");
            }
            b.append("</div></div>");
        }
        b.append("</div><table id=\"workers-table\" style=\"margin-top:10px\"><thead><tr><th>worker</th>")
                .append("<th>device</th><th class=\"num\">trial</th><th class=\"num\">running for</th>")
                .append("<th class=\"num\">last step</th><th>last metrics</th></tr></thead><tbody>");
        for (List<Occupancy.Slot> slots : o.byDevice().values()) {
            for (Occupancy.Slot s : slots) {
                b.append("<tr data-worker=\"").append(esc(s.worker())).append("\" data-trial=\"")
                        .append(s.busy() ? s.trial() : "").append("\"><td>").append(esc(s.worker()))
                        .append("</td><td>").append(esc(s.device())).append("</td><td class=\"num\">")
                        .append(s.busy() ? "#" + s.trial() : "<span class=\"muted\">idle</span>")
                        .append("</td><td class=\"num\">")
                        .append(s.since() == null ? "—"
                                : Fmt.duration(Duration.between(s.since(), v.at()).toSeconds()))
                        .append("</td><td class=\"num\">").append(s.lastStep() == null ? "—" : s.lastStep())
                        .append("</td><td>").append(esc(s.lastMetrics().entrySet().stream()
                                .map(e -> e.getKey() + "=" + Fmt.num(e.getValue())).collect(Collectors.joining(", "))))
                        .append("</td></tr>");
            }
        }
        return b.append("</tbody></table>").toString();
    }

    /** Provenance the trials share, and which keys vary from trial to trial. */
    public String provenance(ProvenanceView p) {
        if (p == null || p.trialsWithProvenance() == 0) {
            return "<p class=\"muted\">No trial has recorded provenance.</p>";
        }
        StringBuilder b = new StringBuilder("<table id=\"provenance-table\"><tbody>");
        for (Map.Entry<String, String> e : p.common().entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th><td style=\"white-space:normal\">")
                    .append(esc(e.getValue())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        java.util.TreeSet<String> varying = new java.util.TreeSet<>();
        p.perTrial().values().forEach(m -> varying.addAll(m.keySet()));
        b.append("<p class=\"note\">Shared by all ").append(p.trialsWithProvenance())
                .append(" trials that recorded provenance.");
        if (!varying.isEmpty()) {
            b.append(" Varies per trial (click a leaderboard row to see it): ")
                    .append(esc(String.join(", ", varying))).append('.');
        }
        return b.append("</p>").toString();
    }
}
