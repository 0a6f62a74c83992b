package dev.sweep.dashboards.view;

import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one page shows of one sweep at one moment. {@code provenance} and {@code curves} are filled for
 * the report (the live page fetches curves per selected trial); {@code occupancy} only for the live page.
 *
 * @param params the parameters that vary across trials, in the sweep's order
 * @param extraMetrics final metrics shown as leaderboard columns besides the sweep's metric
 */
public record SweepView(SweepRecord sweep, Goal goal, Instant at, List<TrialRecord> trials, List<String> params,
                        List<String> extraMetrics, Analysis analysis, Progress progress, ProvenanceView provenance,
                        Occupancy occupancy, CurveSet curves) {
    public SweepView {
        Objects.requireNonNull(sweep, "sweep");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(progress, "progress");
        trials = List.copyOf(trials);
        params = List.copyOf(params);
        extraMetrics = List.copyOf(extraMetrics);
    }
}
