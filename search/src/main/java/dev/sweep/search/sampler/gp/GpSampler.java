package dev.sweep.search.sampler.gp;

import dev.sweep.search.sampler.CodecCache;
import dev.sweep.search.sampler.Observations;
import dev.sweep.search.sampler.RandomSampler;
import dev.sweep.search.sampler.Sampler;
import dev.sweep.search.sampler.SobolSampler;
import dev.sweep.search.sampler.SpaceCodec;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code method: bayes}: Gaussian-process Bayesian optimisation.
 *
 * <p>The first max(5, d + 1) configurations (d free dimensions) are Sobol points, as long as fewer than two have
 * completed. Then: inputs in [0, 1] ({@link Features}); losses warped towards a normal shape and standardised
 * ({@link OutputWarp}); pruned and diverged configurations enter with the worst completed loss; Matérn-5/2 ARD hyperparameters fitted by MAP
 * ({@link HyperparameterFit}); running configurations added as fantasies at the posterior mean ("kriging
 * believer": observed without noise, the incumbent updated), which takes the expected improvement there to
 * zero so parallel workers do not crowd one point; log expected
 * improvement maximised by {@link AcquisitionOptimizer}. Past {@code maxPoints} completed configurations the
 * model keeps the best half and the most recent ones, so a proposal costs O(maxPoints³) at most.
 */
public final class GpSampler implements Sampler {

    /**
     * @param maxPoints     most observations in the model
     * @param sobolCandidates Sobol candidates for the acquisition
     * @param perIncumbent  perturbations around each of the 5 best points
     * @param localStarts   L-BFGS refinements
     * @param restarts      hyperparameter fit starts
     * @param fitIterations L-BFGS iterations per fit start
     * @param prior         hyperparameter priors
     * @param warpOutput    Yeo–Johnson-warp the losses before standardising ({@link OutputWarp})
     */
    public record Options(int maxPoints, int sobolCandidates, int perIncumbent, int localStarts, int restarts,
                          int fitIterations, HyperparameterFit.Prior prior, boolean warpOutput) {
        public static Options defaults() {
            return new Options(200, 2048, 100, 8, 3, 100,
                    new HyperparameterFit.Prior(2.0, Math.log(1e-3), 2.0, 1e-6, 0.5), true);
        }
    }

    private static final int INCUMBENTS = 5;

    private final Options options;
    private final SobolSampler startup;
    private final CodecCache codecs = new CodecCache();

    public GpSampler(long seed) {
        this(seed, Options.defaults());
    }

    public GpSampler(long seed, Options options) {
        this.options = options;
        this.startup = new SobolSampler(seed);
    }

    @Override
    public Optional<Map<String, Object>> propose(SearchSpace space, Goal goal, int config, List<TrialView> history,
                                                 RandomGenerator rng) {
        SpaceCodec c = codecs.of(space);
        Observations obs = Observations.of(c, goal, history);
        int initial = Math.max(5, c.freeCount() + 1);
        if (c.freeCount() == 0 || obs.complete() < 2 || config < initial) {
            return Optional.of(startup.configuration(c, config));
        }
        Features f = new Features(c);
        List<Observations.Entry> used = select(obs);
        double worst = Arrays.stream(obs.losses()).max().orElse(0);
        double[][] x = new double[used.size()][];
        double[] y = new double[used.size()];
        for (int i = 0; i < used.size(); i++) {
            x[i] = f.of(used.get(i).point());
            y[i] = used.get(i).loss() == null ? worst : used.get(i).loss();
        }
        y = options.warpOutput() ? OutputWarp.apply(y) : OutputWarp.standardise(y);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            if (used.get(i).loss() != null) {
                best = Math.min(best, y[i]);
            }
        }
        GaussianProcess.Hyper hyper = new HyperparameterFit(options.prior(), options.restarts(),
                options.fitIterations()).fit(x, y, rng);
        GaussianProcess fitted = new GaussianProcess(x, y, hyper);
        double[] fantasies = fantasies(fitted, obs, f);
        GaussianProcess gp = fitted;
        if (fantasies.length > 0) {
            double[][] px = obs.pending().stream().map(e -> f.of(e.point())).toArray(double[][]::new);
            gp = fitted.with(px, fantasies, 1e-6 * hyper.signal());
            best = Math.min(best, Arrays.stream(fantasies).min().orElseThrow());
        }
        AcquisitionOptimizer acq = new AcquisitionOptimizer(c, f, gp, best);
        List<double[]> incumbents = obs.ranked().subList(0, Math.min(INCUMBENTS, obs.complete())).stream()
                .map(Observations.Entry::point).toList();
        boolean constrained = !space.constraints().isEmpty();
        List<AcquisitionOptimizer.Scored> ranked = acq.optimize(rng, incumbents, options.sobolCandidates(),
                options.perIncumbent(), options.localStarts(), z -> !constrained || c.feasible(c.decode(z)));
        Set<List<Double>> seen = seen(c, obs);
        AcquisitionOptimizer.Scored repeat = null;
        for (AcquisitionOptimizer.Scored s : ranked) {
            if (constrained && !c.feasible(c.decode(s.z()))) {
                continue;
            }
            if (!seen.contains(key(s.z()))) {
                return Optional.of(c.decode(s.z()));
            }
            if (repeat == null) {
                repeat = s;
            }
        }
        // every candidate repeats a configuration (a small discrete space): take the best one anyway
        if (repeat != null) {
            return Optional.of(c.decode(repeat.z()));
        }
        return Optional.of(c.sampleFeasible(() -> RandomSampler.uniformPoint(c, rng)));
    }

    /** The observations the model is fitted on: all finished ones, or the best half and the most recent. */
    private List<Observations.Entry> select(Observations obs) {
        List<Observations.Entry> all = obs.ranked();
        if (all.size() <= options.maxPoints()) {
            return all;
        }
        int half = options.maxPoints() / 2;
        List<Observations.Entry> out = new ArrayList<>(all.subList(0, half));
        all.subList(half, all.size()).stream()
                .sorted(Comparator.comparingInt(Observations.Entry::config).reversed())
                .limit(options.maxPoints() - half)
                .forEach(out::add);
        return out;
    }

    /** The posterior means at the pending configurations: believed as if observed (the incumbent included). */
    private static double[] fantasies(GaussianProcess gp, Observations obs, Features f) {
        double[] out = new double[obs.pending().size()];
        double[] mv = new double[2];
        for (int i = 0; i < out.length; i++) {
            gp.predict(f.of(obs.pending().get(i).point()), mv, null, null);
            out[i] = mv[0];
        }
        return out;
    }

    private static Set<List<Double>> seen(SpaceCodec c, Observations obs) {
        Set<List<Double>> out = new HashSet<>();
        obs.ranked().forEach(e -> out.add(key(c.snap(e.point()))));
        obs.pending().forEach(e -> out.add(key(c.snap(e.point()))));
        return out;
    }

    private static List<Double> key(double[] z) {
        return Arrays.stream(z).boxed().toList();
    }
}
