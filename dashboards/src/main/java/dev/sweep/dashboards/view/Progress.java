package dev.sweep.dashboards.view;

import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How far a sweep has got: trials per state, how many are planned (when known), the recent rate of finished
 * trials and the estimated time left. The rate is measured over the last {@link #RATE_WINDOW} finished trials
 * (or all of them, when fewer), from the start of the first of them to now (to the last finish once no trial
 * is running or waiting).
 */
public record Progress(Map<TrialState, Integer> counts, int total, int finished, OptionalInt planned,
                       double trialsPerHour, Duration eta, Instant firstStart, Instant lastFinish) {
    public static final int RATE_WINDOW = 50;

    public Progress {
        counts = Map.copyOf(counts);
    }

    public static Progress of(List<TrialRecord> trials, SpecFacts spec, Instant now) {
        Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) {
            counts.put(s, 0);
        }
        for (TrialRecord t : trials) {
            counts.merge(t.state(), 1, Integer::sum);
        }
        List<TrialRecord> done = trials.stream().filter(t -> t.state().isFinished() && t.finishedAt() != null
                && t.state() != TrialState.CANCELLED).sorted(Comparator.comparing(TrialRecord::finishedAt)).toList();
        int cancelled = counts.get(TrialState.CANCELLED);
        int finished = done.size();
        Instant firstStart = trials.stream().map(TrialRecord::startedAt).filter(java.util.Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        Instant lastFinish = done.isEmpty() ? null : done.get(done.size() - 1).finishedAt();

        int inStore = trials.size() - cancelled;
        OptionalInt planned = spec.plannedTrials().isPresent()
                ? OptionalInt.of(Math.max(spec.plannedTrials().getAsInt(), inStore)) : OptionalInt.empty();
        double perHour = Double.NaN;
        if (finished > 0) {
            List<TrialRecord> window = done.subList(Math.max(0, finished - RATE_WINDOW), finished);
            Instant from = window.stream().map(t -> t.startedAt() != null ? t.startedAt() : t.finishedAt())
                    .min(Comparator.naturalOrder()).orElseThrow();
            boolean active = counts.get(TrialState.RUNNING) + counts.get(TrialState.WAITING) > 0;
            Instant until = active || lastFinish == null ? now : lastFinish;
            double seconds = Math.max(1e-3, Duration.between(from, until).toMillis() / 1000.0);
            perHour = window.size() / seconds * 3600;
        }
        Duration eta = null;
        if (planned.isPresent() && perHour > 0) {
            int left = Math.max(0, planned.getAsInt() - finished);
            eta = Duration.ofSeconds(Math.round(left / perHour * 3600));
        }
        return new Progress(counts, trials.size(), finished, planned, perHour, eta, firstStart, lastFinish);
    }
}
