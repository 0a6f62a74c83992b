package dev.sweep.search.sampler;

import dev.sweep.search.space.Constraint;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Tree-structured Parzen Estimator, multivariate (Optuna ≥ 4 with {@code multivariate=True, group=True,
 * constant_liar=True}).
 *
 * <p>Until {@code startupTrials} configurations have finished, configuration {@code c} is Sobol point {@code c}
 * (so parallel workers never collide). Then the finished configurations are ranked (completed by loss, then
 * pruned/diverged) and split: the best γ(n) = min(⌈0.1·n⌉, 25) form l(x), the rest plus every running
 * configuration (the constant liar: a running configuration counts as a bad one, so parallel proposals spread
 * out) form g(x); weights follow Optuna's {@code default_weights} (older observations of g ramp down once
 * there are more than 25). {@code candidates} draws from l(x) are scored by log l(x) − log g(x) and the best
 * is taken. The always-present dimensions are modelled jointly; each conditional dimension on its own from
 * the configurations where it is present. Candidates that violate a constraint are skipped, and candidates
 * that crowd a running configuration are only taken when nothing else is left.
 */
public final class TpeSampler implements Sampler {

    /**
     * @param startupTrials     finished configurations before the model is used
     * @param candidates        draws from l(x) scored per proposal
     * @param scottBandwidth    Optuna 4's multivariate bandwidth rule instead of the neighbour rule
     * @param considerEndpoints the neighbour rule counts the range's ends as neighbours
     * @param priorWeight       weight of the prior component
     */
    public record Options(int startupTrials, int candidates, boolean scottBandwidth, boolean considerEndpoints,
                          double priorWeight) {
        public Options {
            if (startupTrials < 1 || candidates < 1 || !(priorWeight > 0)) {
                throw new IllegalArgumentException("startupTrials >= 1, candidates >= 1 and priorWeight > 0 must hold, "
                        + "but got (" + startupTrials + ", " + candidates + ", " + priorWeight + ")");
            }
        }

        /**
         * Optuna's defaults: 10 start-up trials, 24 candidates, the neighbour bandwidth rule without the range's
         * ends as neighbours, prior weight 1. (The ends as neighbours and Optuna 4's multivariate rule both did
         * worse on the regret benchmark; see BENCHMARKS.md.)
         */
        public static Options defaults() {
            return new Options(10, 24, false, false, 1.0);
        }
    }

    /** Distance (per √dimension, unit coordinates) within which a candidate crowds a running configuration. */
    static final double CROWDING = 0.02;

    private final Options options;
    private final SobolSampler startup;
    private final CodecCache codecs = new CodecCache();

    public TpeSampler(long seed) {
        this(seed, Options.defaults());
    }

    public TpeSampler(long seed, Options options) {
        this.options = options;
        this.startup = new SobolSampler(seed);
    }

    @Override
    public Optional<Map<String, Object>> propose(SearchSpace space, Goal goal, int config, List<TrialView> history,
                                                 RandomGenerator rng) {
        SpaceCodec codec = codecs.of(space);
        Observations obs = Observations.of(codec, goal, history);
        if (obs.finished() < options.startupTrials() || codec.freeCount() == 0) {
            return Optional.of(startup.configuration(codec, config));
        }
        List<Group> groups = groups(codec, obs);
        Map<String, Integer> rejections = new LinkedHashMap<>();
        int rounds = (SpaceCodec.MAX_CONSTRAINT_TRIES + options.candidates() - 1) / options.candidates();
        for (int round = 0; round < rounds; round++) {
            double[][] cands = new double[options.candidates()][codec.freeCount()];
            double[] mainScore = new double[cands.length];
            for (Group g : groups) {
                int best = -1;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cands.length; c++) {
                    g.below.sample(rng, cands[c]);
                    double[] snapped = codec.snap(cands[c]);
                    double score = g.below.logPdf(snapped) - g.above.logPdf(snapped);
                    if (g.main) {
                        mainScore[c] = score;
                    } else if (score > bestScore || best < 0) {
                        best = c;
                        bestScore = score;
                    }
                }
                if (!g.main) {
                    for (int c = 0; c < cands.length; c++) {
                        for (int dim : g.dims) {
                            cands[c][dim] = cands[best][dim];
                        }
                    }
                }
            }
            boolean[] crowded = new boolean[cands.length];
            for (int c = 0; c < cands.length; c++) {
                crowded[c] = nearPending(codec, codec.snap(cands[c]), obs.pending());
            }
            Integer[] order = IntStream.range(0, cands.length).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingInt((Integer c) -> crowded[c] ? 1 : 0)
                    .thenComparingDouble(c -> -mainScore[c]));
            for (int c : order) {
                Map<String, Object> params = codec.decode(codec.snap(cands[c]));
                Optional<Constraint> v = codec.violated(params);
                if (v.isEmpty()) {
                    return Optional.of(params);
                }
                rejections.merge(v.get().expression(), 1, Integer::sum);
            }
        }
        throw SpaceCodec.infeasible(rejections);
    }

    /**
     * Whether {@code point} lies within {@link #CROWDING} (Euclidean, unit coordinates of the numeric
     * dimensions, scaled by √d) of a running configuration with the same categorical choices: such candidates
     * are taken only when no other is left, so parallel workers do not evaluate nearly the same point.
     */
    static boolean nearPending(SpaceCodec codec, double[] point, List<Observations.Entry> pending) {
        for (Observations.Entry e : pending) {
            double d2 = 0;
            int numeric = 0;
            boolean sameChoices = true;
            for (int k = 0; k < point.length && sameChoices; k++) {
                double a = point[k];
                double b = e.point()[k];
                if (Double.isNaN(a) || Double.isNaN(b)) {
                    sameChoices = Double.isNaN(a) == Double.isNaN(b);
                } else if (codec.free().get(k).categorical()) {
                    sameChoices = a == b;
                } else {
                    d2 += (a - b) * (a - b);
                    numeric++;
                }
            }
            if (sameChoices && Math.sqrt(d2) <= CROWDING * Math.sqrt(Math.max(1, numeric))) {
                return true;
            }
        }
        return false;
    }

    /** A set of dimensions modelled jointly, with its l(x) and g(x). */
    private record Group(int[] dims, boolean main, ParzenEstimator below, ParzenEstimator above) {
    }

    private List<Group> groups(SpaceCodec codec, Observations obs) {
        List<int[]> dimSets = new ArrayList<>();
        int[] always = IntStream.range(0, codec.freeCount()).filter(k -> codec.free().get(k).condition() == null)
                .toArray();
        List<Group> out = new ArrayList<>();
        boolean mainIsAlways = always.length > 0;
        if (mainIsAlways) {
            dimSets.add(always);
        }
        IntStream.range(0, codec.freeCount()).filter(k -> codec.free().get(k).condition() != null)
                .forEach(k -> dimSets.add(new int[]{k}));
        for (int i = 0; i < dimSets.size(); i++) {
            out.add(group(codec, obs, dimSets.get(i), i == 0));
        }
        return out;
    }

    private Group group(SpaceCodec codec, Observations obs, int[] dims, boolean main) {
        List<Observations.Entry> ranked = obs.ranked().stream().filter(e -> present(e, dims)).toList();
        List<Observations.Entry> pending = obs.pending().stream().filter(e -> present(e, dims)).toList();
        int nBelow = Math.min((int) Math.ceil(0.1 * ranked.size()), 25);
        List<Observations.Entry> below = new ArrayList<>(ranked.subList(0, nBelow));
        List<Observations.Entry> above = new ArrayList<>(ranked.subList(nBelow, ranked.size()));
        above.addAll(pending);
        below.sort(Comparator.comparingInt(Observations.Entry::config));
        above.sort(Comparator.comparingInt(Observations.Entry::config));
        return new Group(dims, main, estimator(codec, dims, below), estimator(codec, dims, above));
    }

    private ParzenEstimator estimator(SpaceCodec codec, int[] dims, List<Observations.Entry> entries) {
        List<double[]> points = entries.stream().map(Observations.Entry::point).toList();
        return new ParzenEstimator(codec, dims, points, defaultWeights(points.size()), options.priorWeight(),
                options.scottBandwidth(), options.considerEndpoints());
    }

    private static boolean present(Observations.Entry e, int[] dims) {
        for (int k : dims) {
            if (Double.isNaN(e.point()[k])) {
                return false;
            }
        }
        return true;
    }

    /** Optuna's {@code default_weights}: flat below 25, else a ramp from 1/n to 1 then 25 ones (oldest first). */
    static double[] defaultWeights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) {
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        }
        Arrays.fill(w, ramp, n, 1.0);
        return w;
    }
}
