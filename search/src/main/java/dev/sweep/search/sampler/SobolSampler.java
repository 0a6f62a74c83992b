package dev.sweep.search.sampler;

import dev.sweep.search.space.Constraint;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Quasi-random search: configuration {@code c} is point {@code c} of a Sobol sequence (Joe–Kuo direction
 * numbers, commons-math3) over the free dimensions, randomised by a digital shift (every coordinate's 52-bit
 * fraction XORed with bits drawn from the sweep seed), so different seeds give different, equally uniform
 * sequences. With constraints, configuration {@code c} is the {@code c}-th feasible point of the sequence.
 */
public final class SobolSampler implements Sampler {

    private static final double TWO52 = 0x1p52;
    private static final long SHIFT_SALT = 0x50B0_15EEDL;

    private final long seed;
    private final CodecCache codecs = new CodecCache();

    /** @param seed the sweep seed; it picks the digital shift */
    public SobolSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public Optional<Map<String, Object>> propose(SearchSpace space, Goal goal, int config, List<TrialView> history,
                                                 RandomGenerator rng) {
        return Optional.of(configuration(codecs.of(space), config));
    }

    /** The configuration for index {@code index} of the shifted sequence (feasible points only). */
    public Map<String, Object> configuration(SpaceCodec codec, int index) {
        if (codec.space().constraints().isEmpty()) {
            return codec.decode(point(codec, index));
        }
        Sequence seq = new Sequence(codec);
        int feasible = -1;
        int rejectedInARow = 0;
        Map<String, Integer> rejections = new LinkedHashMap<>();
        while (true) {
            Map<String, Object> params = codec.decode(seq.next());
            Optional<Constraint> v = codec.violated(params);
            if (v.isEmpty()) {
                rejectedInARow = 0;
                if (++feasible == index) {
                    return params;
                }
            } else {
                rejections.merge(v.get().expression(), 1, Integer::sum);
                if (++rejectedInARow >= SpaceCodec.MAX_CONSTRAINT_TRIES) {
                    throw SpaceCodec.infeasible(rejections);
                }
            }
        }
    }

    /** Point {@code index} of the shifted sequence, in codec coordinates. */
    public double[] point(SpaceCodec codec, int index) {
        return new Sequence(codec).at(index);
    }

    /** The shifted Sobol sequence in codec coordinates. */
    private final class Sequence {
        private final SpaceCodec codec;
        private final SobolSequenceGenerator gen;
        private final long[] shift;

        Sequence(SpaceCodec codec) {
            this.codec = codec;
            int d = Math.max(1, codec.freeCount());
            if (d > 1000) {
                throw new IllegalArgumentException("sobol supports at most 1000 free dimensions, but got " + d);
            }
            this.gen = new SobolSequenceGenerator(d);
            SplittableRandom r = new SplittableRandom(seed ^ SHIFT_SALT);
            this.shift = new long[d];
            for (int i = 0; i < d; i++) {
                shift[i] = r.nextLong() & ((1L << 52) - 1);
            }
        }

        /** Point {@code index} (commons-math's skipTo returns it and moves past it). */
        double[] at(int index) {
            return shifted(gen.skipTo(index));
        }

        double[] next() {
            return shifted(gen.nextVector());
        }

        private double[] shifted(double[] u) {
            double[] p = new double[codec.freeCount()];
            for (int k = 0; k < p.length; k++) {
                long bits = (long) (u[k] * TWO52) ^ shift[k];
                double t = (bits + 0.5) / TWO52;
                SpaceCodec.Dim dim = codec.free().get(k);
                p[k] = dim.categorical() ? Math.min(dim.choices() - 1, (int) Math.floor(t * dim.choices())) : t;
            }
            return p;
        }
    }
}
