package dev.sweep.search.study;

import dev.sweep.search.space.SearchSpace;
import java.util.Objects;

/**
 * Everything the search needs to know about a sweep.
 *
 * @param runCap    the most trials to run (configurations × repeats); null: until the sampler is exhausted
 *                  (grid), or unlimited for the others
 * @param repeats   how many seeds each configuration runs over (samplers see the mean)
 * @param pruner    early stopping; null: none
 */
public record StudyConfig(SearchSpace space, SearchMethod method, Goal goal, long seed, Integer runCap, int repeats,
                          PrunerSpec pruner) {
    public StudyConfig {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(goal, "goal");
        if (runCap != null && runCap < 1) {
            throw new IllegalArgumentException("run_cap >= 1 must hold, but got (run_cap=" + runCap + ")");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats >= 1 must hold, but got (repeats=" + repeats + ")");
        }
    }
}
