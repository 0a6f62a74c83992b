package dev.sweep.results.store;

import dev.sweep.search.study.TrialState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** How a trial ended: its finished state, the metric's value, all final metrics, the stop step and error. */
public record Finish(TrialState state, Double value, Map<String, Double> metrics, Long stoppedStep, String error,
                     Instant at) {
    public Finish {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        if (!state.isFinished()) {
            throw new IllegalArgumentException("a finish needs a finished state, but got " + state);
        }
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
