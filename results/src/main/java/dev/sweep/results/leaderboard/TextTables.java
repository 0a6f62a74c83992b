package dev.sweep.results.leaderboard;

import dev.sweep.search.study.Goal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the leaderboard records as aligned plain-text tables for the CLI: values with 4 decimals (scientific
 * outside 0.001–99999), "mean ± std", the best cell, group or sweep marked with {@code *}, the counts of pruned and
 * failed trials under each table.
 */
public final class TextTables {

    private TextTables() {
    }

    public static String leaderboard(Leaderboard b) {
        List<String> header = new ArrayList<>(List.of("rank", "trial", b.metric()));
        header.addAll(b.params());
        header.addAll(List.of("state", "duration"));
        TextTable t = new TextTable(header);
        for (Leaderboard.Row r : b.rows()) {
            List<String> cells = new ArrayList<>(List.of(String.valueOf(r.rank()), String.valueOf(r.number()),
                    num(r.value())));
            b.params().forEach(p -> cells.add(param(r.params().get(p))));
            cells.add(r.state().name());
            cells.add(duration(r.duration()));
            t.row(cells);
        }
        return title(b.sweep(), b.metric(), b.goal()) + t.render() + counts(b.counts());
    }

    public static String raster(Raster r) {
        List<String> header = new ArrayList<>(List.of(r.rowParam() + " \\ " + r.colParam()));
        r.colValues().forEach(c -> header.add(param(c)));
        TextTable t = new TextTable(header);
        for (int i = 0; i < r.rowValues().size(); i++) {
            List<String> cells = new ArrayList<>(List.of(param(r.rowValues().get(i))));
            for (int j = 0; j < r.colValues().size(); j++) {
                Raster.Cell c = r.cell(i, j);
                cells.add(c.summary().isEmpty() ? (c.pruned() + c.failed() > 0 ? "–" : "")
                        : meanStd(c.summary()) + " (n=" + c.summary().n() + ")" + mark(c.best()));
            }
            t.row(cells);
        }
        String best = r.best() == null ? "" : "* best mean: " + r.rowParam() + "=" + param(r.best().row()) + ", "
                + r.colParam() + "=" + param(r.best().col()) + " (best trial value in cell "
                + num(r.best().summary().best()) + ")\n";
        return title(r.sweep(), r.metric(), r.goal()) + t.render() + best + counts(r.counts());
    }

    public static String comparison(Comparison c) {
        TextTable t = new TextTable(List.of(c.param(), "n", "best", "mean ± std", "best trial", "best step",
                "best epoch", "final train_loss", "final val_loss", "pruned", "failed", "pairs", "Δ mean",
                "p (t-test)", "p (Wilcoxon)"));
        for (Comparison.Group g : c.groups()) {
            Comparison.PairedTest p = g.test();
            t.row(List.of(param(g.value()) + mark(g.best()), String.valueOf(g.summary().n()),
                    num(g.summary().best()), meanStd(g.summary()), g.bestTrial() == null ? "" : "#" + g.bestTrial(),
                    g.bestStep() == null ? "" : String.valueOf(g.bestStep()), num(g.bestEpoch()),
                    num(g.finalTrainLoss()), num(g.finalValLoss()), String.valueOf(g.pruned()),
                    String.valueOf(g.failed()), p == null ? "" : String.valueOf(p.pairs()),
                    p == null ? "" : num(p.meanDifference()), p == null ? "" : pValue(p.tTestP()),
                    p == null ? "" : pValue(p.wilcoxonP())));
        }
        return title(c.sweep(), c.metric(), c.goal()) + t.render()
                + "* best mean; tests pair each group with it over shared seeds\n" + counts(c.counts());
    }

    public static String sweeps(SweepComparison s) {
        TextTable t = new TextTable(List.of("sweep", "metric", "goal", "n", "best", "mean ± std", "best trial",
                "pruned", "failed", "unfinished"));
        for (SweepComparison.Entry e : s.sweeps()) {
            boolean best = s.bestSweepId() != null && s.bestSweepId() == e.sweepId();
            t.row(List.of(e.sweep() + mark(best), e.metric(), e.goal().name().toLowerCase(Locale.ROOT),
                    String.valueOf(e.summary().n()), num(e.summary().best()), meanStd(e.summary()),
                    e.bestTrial() == null ? "" : "#" + e.bestTrial(), String.valueOf(e.counts().pruned()),
                    String.valueOf(e.counts().failed()), String.valueOf(e.counts().unfinished())));
        }
        return t.render() + (s.bestSweepId() == null ? "" : "* best mean\n");
    }

    public static String importance(Importance i) {
        TextTable t = new TextTable(List.of("param", "importance", ""));
        for (Importance.ParamImportance p : i.params()) {
            t.row(List.of(p.name(), String.format(Locale.ROOT, "%.3f", p.importance()),
                    "#".repeat((int) Math.round(p.importance() * 40))));
        }
        return "sweep " + i.sweep() + " — importance for " + i.metric() + " over " + i.trials()
                + " COMPLETE trials\n" + t.render() + (i.note() == null ? "" : i.note() + "\n") + i.method() + "\n";
    }

    public static String history(History h) {
        TextTable t = new TextTable(List.of("trial", "state", h.metric(), "best so far", ""));
        for (History.Point p : h.points()) {
            t.row(List.of(String.valueOf(p.number()), p.state().name(), num(p.value()), num(p.bestSoFar()),
                    p.newBest() ? "*" : ""));
        }
        return title(h.sweep(), h.metric(), h.goal()) + t.render();
    }

    // ---- formats ----

    /** A metric value: 4 decimals, scientific outside 0.001–99999; empty for null, "NaN" for NaN. */
    public static String num(Double v) {
        if (v == null) {
            return "";
        }
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    /** "mean ± std", or the mean alone when the std is undefined (n = 1). */
    public static String meanStd(Summary s) {
        if (s.isEmpty()) {
            return "";
        }
        return Double.isNaN(s.std()) ? num(s.mean()) : num(s.mean()) + " ± " + num(s.std());
    }

    /** A param value as a person writes it: 32, 0.00002, adamw, true; "(none)" when the trial lacks it. */
    public static String param(Object v) {
        if (v == null) {
            return "(none)";
        }
        if (v instanceof Double d && Double.isFinite(d)) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf(d.longValue());
            }
            return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toString();
        }
        return v.toString();
    }

    /** " *" for the best; two spaces otherwise, so that right-aligned values still line up. */
    private static String mark(boolean best) {
        return best ? " *" : "  ";
    }

    static String pValue(double p) {
        return Double.isNaN(p) ? "" : p < 1e-4 ? "<1e-4" : String.format(Locale.ROOT, "%.4f", p);
    }

    static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static String title(String sweep, String metric, Goal goal) {
        return "sweep " + sweep + " — " + metric + " (" + goal.name().toLowerCase(Locale.ROOT) + ")\n";
    }

    private static String counts(StateCounts c) {
        return String.format(Locale.ROOT, "trials: %d complete, %d pruned, %d failed, %d unfinished, %d cancelled%n",
                c.complete(), c.pruned(), c.failed(), c.unfinished(), c.get(dev.sweep.search.study.TrialState.CANCELLED));
    }
}
