package dev.sweep.results.store;

import java.util.Map;

/** A trial as it is planned (state WAITING): its number in the sweep, configuration, repeat, params and seed. */
public record NewTrial(int number, int config, int repeat, Map<String, Object> params, long seed) {
    public NewTrial {
        params = Map.copyOf(params);
    }
}
