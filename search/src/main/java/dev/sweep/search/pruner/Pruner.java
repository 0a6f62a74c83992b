package dev.sweep.search.pruner;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialView;
import java.util.List;

/** Decides whether a running trial should stop early, given its intermediate values and the other trials'. */
public interface Pruner {

    /**
     * @param trial  the running trial, with its intermediate values up to {@code step}
     * @param others every other trial of the sweep, finished or running
     */
    boolean shouldPrune(TrialView trial, long step, List<TrialView> others, Goal goal);
}
