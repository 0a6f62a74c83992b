package dev.sweep.search.study;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What samplers and pruners see of one trial: its number, the configuration it belongs to (repeats of one
 * configuration share {@code config} and params), its state, final objective value (null unless finished with
 * one) and the objective's intermediate values by step.
 */
public record TrialView(int number, int config, int repeat, Map<String, Object> params, TrialState state,
                        Double value, SortedMap<Long, Double> intermediate) {
    public TrialView {
        Objects.requireNonNull(state, "state");
        params = Map.copyOf(params);
        intermediate = new TreeMap<>(intermediate);
    }
}
