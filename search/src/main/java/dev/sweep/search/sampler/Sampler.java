package dev.sweep.search.sampler;

import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Proposes the parameters of a new configuration. Implementations are stateless between calls: everything
 * they know comes from {@code history} (finished and running configurations, one view per configuration with
 * the mean over its repeats) and {@code rng} (seeded from the sweep seed and the configuration index), so a
 * sweep resumed from the store proposes exactly what an uninterrupted one would.
 */
public interface Sampler {

    /**
     * @param config  the index of the configuration being proposed (0, 1, 2, …)
     * @param history one view per configuration already proposed; running ones have state RUNNING and no value
     * @return the parameters, or empty when the space is exhausted (a finished grid)
     */
    Optional<Map<String, Object>> propose(SearchSpace space, Goal goal, int config, List<TrialView> history,
                                          RandomGenerator rng);

    /**
     * How many distinct configurations this sampler can propose for {@code space}, when that is finite and
     * known (a grid's number of cells that satisfy the constraints); empty otherwise.
     */
    default Optional<Integer> capacity(SearchSpace space) {
        return Optional.empty();
    }
}
