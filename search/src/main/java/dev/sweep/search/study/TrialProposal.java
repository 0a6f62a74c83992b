package dev.sweep.search.study;

import java.util.Map;

/** What {@code Study.ask} hands out: the trial's number, its configuration and repeat, its params and seed. */
public record TrialProposal(int number, int config, int repeat, Map<String, Object> params, long seed) {
    public TrialProposal {
        params = Map.copyOf(params);
    }
}
