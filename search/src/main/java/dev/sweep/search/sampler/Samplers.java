package dev.sweep.search.sampler;

import dev.sweep.search.sampler.gp.GpSampler;
import dev.sweep.search.study.SearchMethod;

/** The sampler for a sweep file's {@code method}. */
public final class Samplers {

    private Samplers() {
    }

    /**
     * @param seed the sweep seed (Sobol's shift and the samplers' sweep-level randomness derive from it; each
     *             proposal also gets its own generator from the study)
     */
    public static Sampler create(SearchMethod method, long seed) {
        return switch (method) {
            case GRID -> new GridSampler();
            case RANDOM -> new RandomSampler();
            case SOBOL -> new SobolSampler(seed);
            case TPE -> new TpeSampler(seed);
            case BAYES -> new GpSampler(seed);
        };
    }
}
