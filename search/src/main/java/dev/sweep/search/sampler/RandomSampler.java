package dev.sweep.search.sampler;

import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Independent uniform sampling of every free dimension (log ranges uniform in log space), constraints by rejection. */
public final class RandomSampler implements Sampler {

    private final CodecCache codecs = new CodecCache();

    @Override
    public Optional<Map<String, Object>> propose(SearchSpace space, Goal goal, int config, List<TrialView> history,
                                                 RandomGenerator rng) {
        SpaceCodec codec = codecs.of(space);
        return Optional.of(codec.sampleFeasible(() -> uniformPoint(codec, rng)));
    }

    /** A uniformly random point of the codec's space. */
    public static double[] uniformPoint(SpaceCodec codec, RandomGenerator rng) {
        double[] p = new double[codec.freeCount()];
        for (int k = 0; k < p.length; k++) {
            SpaceCodec.Dim d = codec.free().get(k);
            p[k] = d.categorical() ? rng.nextInt(d.choices()) : rng.nextDouble();
        }
        return p;
    }
}
