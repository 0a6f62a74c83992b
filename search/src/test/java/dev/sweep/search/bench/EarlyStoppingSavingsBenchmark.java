package dev.sweep.search.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.PrunerSpec;
import dev.sweep.search.study.SearchMethod;
import dev.sweep.search.study.Study;
import dev.sweep.search.study.StudyConfig;
import dev.sweep.search.study.TrialProposal;
import dev.sweep.search.study.TrialState;
import dev.sweep.search.study.TrialView;
import dev.sweep.search.testfunctions.TestFunction;
import dev.sweep.search.testfunctions.TestFunctions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How much compute early stopping saves on a sweep, and whether it changes the winner. Each sweep is simulated
 * in-process and sequentially through {@link Study#ask} and {@link Study#shouldPrune}, exactly as the
 * orchestrator drives them. Every trial reports the curve that the synthetic task emits,
 * value_t = f(x) + curve_scale·(decay^t − decay^steps) + noise_t for t = 1..steps (the task's defaults are
 * curve_scale 10, decay 0.7 and noise 0). After each step the study is asked whether to prune. A pruned trial
 * goes into the history as PRUNED, with its last intermediate value as its value, as the orchestrator records it.
 * The sweep's best is the best COMPLETE trial.
 *
 * <p>Each pruner runs the same seeds as the no-pruning sweep. The random sampler's proposals do not depend on
 * history, so its sweeps propose the same configurations, and "same trial #" checks that the winning trial is
 * the same one. With tpe the sweeps may diverge after the first pruned trial (a PRUNED trial is ranked below
 * every COMPLETE one), so there the winner's parameters and value are what to compare; "same trial #" is
 * printed for it too.
 *
 * <p>Settings (system properties): {@code bench.seeds} (10), {@code bench.trials} (50), {@code bench.steps}
 * (20), {@code bench.noise} (0), {@code bench.methods} (random,tpe), {@code bench.functions}
 * (branin,hartmann6,rosenbrock; rosenbrock is 5-D).
 */
@Tag("benchmark")
class EarlyStoppingSavingsBenchmark {

    static final double CURVE_SCALE = 10;
    static final double DECAY = 0.7;

    /** One sweep's outcome: trial-steps run, best complete value, its trial number and params. */
    record Outcome(long steps, double best, int bestNumber, Map<String, Object> bestParams, int pruned) {
    }

    @Test
    void savingsTable() {
        int seeds = Integer.getInteger("bench.seeds", 10);
        int trials = Integer.getInteger("bench.trials", 50);
        int steps = Integer.getInteger("bench.steps", 20);
        double noise = Double.parseDouble(System.getProperty("bench.noise", "0"));
        List<String> methods = List.of(System.getProperty("bench.methods", "random,tpe").split(","));
        List<String> functions = List.of(System.getProperty("bench.functions", "branin,hartmann6,rosenbrock").split(","));
        Map<String, PrunerSpec> pruners = new LinkedHashMap<>();
        pruners.put("none", null);
        pruners.put("median", new PrunerSpec("median", 1, 3, null, 5));
        pruners.put("asha", new PrunerSpec("asha", 1, 3, null, 0));
        pruners.put("hyperband", new PrunerSpec("hyperband", 1, 3, steps, 0));

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "| function | method | pruner | trial-steps | ÷none | saved | pruned/trials | median best | "
                        + "median best (none) | same winner params | same trial # |%n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|%n"));
        for (String fn : functions) {
            TestFunction f = TestFunctions.byName(fn, 5);
            for (String m : methods) {
                SearchMethod method = SearchMethod.byKey(m).orElseThrow();
                List<Outcome> base = new ArrayList<>();
                for (int s = 0; s < seeds; s++) {
                    base.add(run(f, method, s, trials, steps, noise, null));
                }
                long baseSteps = base.stream().mapToLong(Outcome::steps).sum();
                assertEquals((long) seeds * trials * steps, baseSteps, "without pruning every trial runs every step");
                double baseBest = RegretBenchmark.median(base.stream().mapToDouble(Outcome::best).toArray());
                for (Map.Entry<String, PrunerSpec> p : pruners.entrySet()) {
                    List<Outcome> outs = p.getValue() == null ? base : new ArrayList<>();
                    if (p.getValue() != null) {
                        for (int s = 0; s < seeds; s++) {
                            outs.add(run(f, method, s, trials, steps, noise, p.getValue()));
                        }
                    }
                    long total = outs.stream().mapToLong(Outcome::steps).sum();
                    int pruned = outs.stream().mapToInt(Outcome::pruned).sum();
                    int sameParams = 0;
                    int sameNumber = 0;
                    for (int s = 0; s < seeds; s++) {
                        sameParams += outs.get(s).bestParams().equals(base.get(s).bestParams()) ? 1 : 0;
                        sameNumber += outs.get(s).bestNumber() == base.get(s).bestNumber() ? 1 : 0;
                    }
                    double ratio = total / (double) baseSteps;
                    String row = String.format(Locale.ROOT,
                            "| %s | %s | %s | %d | %.3f | %.0f%% | %d/%d | %.4g | %.4g | %d/%d | %d/%d |%n",
                            fn, m, p.getKey(), total, ratio, 100 * (1 - ratio), pruned, seeds * trials,
                            RegretBenchmark.median(outs.stream().mapToDouble(Outcome::best).toArray()), baseBest,
                            sameParams, seeds, sameNumber, seeds);
                    System.out.print(row);
                    System.out.flush();
                    table.append(row);
                }
            }
        }
        System.out.println();
        System.out.println("early stopping: " + seeds + " seeds (0.." + (seeds - 1) + "), " + trials
                + " sequential trials of " + steps + " steps, curve_scale " + CURVE_SCALE + ", decay " + DECAY
                + ", noise " + noise);
        System.out.print(table);
        assertTrue(table.length() > 0);
    }

    /** One sequential sweep; {@code pruner} null: none. */
    static Outcome run(TestFunction f, SearchMethod method, long seed, int trials, int steps, double noise,
                       PrunerSpec pruner) {
        Study study = new Study(new StudyConfig(f.space(), method, Goal.MINIMIZE, seed, trials, 1, pruner));
        List<TrialView> history = new ArrayList<>();
        long stepsRun = 0;
        int pruned = 0;
        double best = Double.POSITIVE_INFINITY;
        int bestNumber = -1;
        Map<String, Object> bestParams = Map.of();
        for (int t = 0; t < trials; t++) {
            TrialProposal p = study.ask(history).orElseThrow();
            double fx = f.value(p.params());
            SplittableRandom rng = new SplittableRandom(p.seed());
            TreeMap<Long, Double> curve = new TreeMap<>();
            TrialState state = TrialState.COMPLETE;
            double last = Double.NaN;
            for (long step = 1; step <= steps; step++) {
                double v = fx + CURVE_SCALE * (Math.pow(DECAY, step) - Math.pow(DECAY, steps))
                        + (noise > 0 ? noise * rng.nextGaussian() : 0);
                curve.put(step, v);
                last = v;
                stepsRun++;
                if (step < steps) {
                    TrialView running = new TrialView(p.number(), p.config(), p.repeat(), p.params(),
                            TrialState.RUNNING, null, curve);
                    if (study.shouldPrune(running, step, history)) {
                        state = TrialState.PRUNED;
                        pruned++;
                        break;
                    }
                }
            }
            history.add(new TrialView(p.number(), p.config(), p.repeat(), p.params(), state, last, curve));
            if (state == TrialState.COMPLETE && last < best) {
                best = last;
                bestNumber = p.number();
                bestParams = p.params();
            }
        }
        return new Outcome(stepsRun, best, bestNumber, bestParams, pruned);
    }

    public static void main(String[] args) {
        new EarlyStoppingSavingsBenchmark().savingsTable();
    }
}
