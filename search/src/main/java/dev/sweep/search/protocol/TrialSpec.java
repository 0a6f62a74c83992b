package dev.sweep.search.protocol;

import java.util.Map;
import java.util.Objects;

/**
 * A trial as a worker receives it: the store's trial id, the attempt (the lease: events of an older attempt
 * are rejected), the sweep it belongs to, the resolved parameters, the per-trial seed, and the task settings
 * from the sweep file ({@code task.type} is synthetic, command or bert-classification).
 */
public record TrialSpec(long trialId, int attempt, String sweep, int number, Map<String, Object> params, long seed,
                        String taskType, Map<String, Object> task) {
    public TrialSpec {
        Objects.requireNonNull(sweep, "sweep");
        Objects.requireNonNull(taskType, "taskType");
        params = Map.copyOf(params);
        task = Map.copyOf(task);
    }
}
