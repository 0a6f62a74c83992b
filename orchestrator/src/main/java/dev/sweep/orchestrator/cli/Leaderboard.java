package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** The top trials of a sweep as printed at the end of a run: rank, trial, value, then one column per parameter. */
final class Leaderboard {

    private Leaderboard() {
    }

    static void print(ResultsStore store, SweepRecord sweep, int k, PrintWriter out, ZoneId zone) {
        Goal goal = Goal.parse(sweep.goal());
        Comparator<TrialRecord> byValue = Comparator.comparingDouble(t -> goal.toLoss(t.value()));
        List<TrialRecord> top = store.trials(sweep.id()).stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.value() != null && !t.value().isNaN())
                .sorted(byValue.thenComparingInt(TrialRecord::number))
                .limit(k)
                .toList();
        if (top.isEmpty()) {
            out.println("no completed trials yet in " + sweep.name());
            out.flush();
            return;
        }
        TreeSet<String> params = new TreeSet<>();
        top.forEach(t -> params.addAll(t.params().keySet()));
        List<String> headers = new ArrayList<>(List.of("rank", "trial", sweep.metricName()));
        headers.addAll(params);
        TextTable table = new TextTable(headers, zone);
        int rank = 1;
        for (TrialRecord t : top) {
            List<Object> row = new ArrayList<>(List.of(rank++, t.number(), t.value()));
            params.forEach(p -> row.add(t.params().get(p)));
            table.add(row);
        }
        out.println("top " + top.size() + " by " + sweep.metricName() + " (" + goal.name().toLowerCase(java.util.Locale.ROOT)
                + "):");
        table.print(out);
    }
}
