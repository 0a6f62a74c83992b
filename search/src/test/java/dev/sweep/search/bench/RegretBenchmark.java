package dev.sweep.search.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.SearchMethod;
import dev.sweep.search.study.Study;
import dev.sweep.search.study.StudyConfig;
import dev.sweep.search.study.TrialProposal;
import dev.sweep.search.study.TrialState;
import dev.sweep.search.study.TrialView;
import dev.sweep.search.testfunctions.TestFunction;
import dev.sweep.search.testfunctions.TestFunctions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Median simple regret (best value found − global minimum) over seeds after 10, 25, 50 and 100 sequential
 * trials, per sampler and benchmark function, driven through {@link Study#ask} exactly as a sweep is. Random
 * search, measured in the same run, is the baseline. Settings (system properties): {@code bench.seeds} (20),
 * {@code bench.trials} (100), {@code bench.methods} (random,sobol,tpe,bayes), {@code bench.functions}
 * (branin,hartmann6,rosenbrock).
 */
@Tag("benchmark")
class RegretBenchmark {

    static final int[] CHECKPOINTS = {10, 25, 50, 100};

    @Test
    void regretTable() {
        int seeds = Integer.getInteger("bench.seeds", 20);
        int trials = Integer.getInteger("bench.trials", 100);
        List<String> methods = List.of(System.getProperty("bench.methods", "random,sobol,tpe,bayes").split(","));
        List<String> functions = List.of(System.getProperty("bench.functions", "branin,hartmann6,rosenbrock").split(","));
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-11s %-7s %10s %10s %10s %10s %12s%n", "function", "method",
                "@10", "@25", "@50", "@100", "ms/trial"));
        for (String fn : functions) {
            TestFunction f = TestFunctions.byName(fn, 5);
            for (String m : methods) {
                double[][] regrets = new double[CHECKPOINTS.length][seeds];
                long nanos = 0;
                for (int s = 0; s < seeds; s++) {
                    long t0 = System.nanoTime();
                    double[] r = run(f, SearchMethod.byKey(m).orElseThrow(), s, trials);
                    nanos += System.nanoTime() - t0;
                    for (int c = 0; c < CHECKPOINTS.length; c++) {
                        regrets[c][s] = r[c];
                    }
                }
                table.append(String.format(Locale.ROOT, "%-11s %-7s", fn, m));
                for (double[] col : regrets) {
                    table.append(String.format(Locale.ROOT, " %10.4g", median(col)));
                }
                table.append(String.format(Locale.ROOT, " %12.1f%n", nanos / 1e6 / (seeds * (double) trials)));
                System.out.print(table.substring(table.lastIndexOf("\n", table.length() - 2) + 1));
                System.out.flush();
            }
        }
        System.out.println();
        System.out.println("median simple regret over " + seeds + " seeds, " + trials + " sequential trials");
        System.out.print(table);
        assertTrue(table.length() > 0);
    }

    /** Regret after each checkpoint of one sequential run. */
    static double[] run(TestFunction f, SearchMethod method, long seed, int trials) {
        Study study = new Study(new StudyConfig(f.space(), method, Goal.MINIMIZE, seed, trials, 1, null));
        List<TrialView> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        double[] out = new double[CHECKPOINTS.length];
        Arrays.fill(out, Double.NaN);
        for (int t = 0; t < trials; t++) {
            TrialProposal p = study.ask(history).orElseThrow();
            double v = f.value(p.params());
            best = Math.min(best, v);
            history.add(new TrialView(p.number(), p.config(), p.repeat(), p.params(), TrialState.COMPLETE, v,
                    new TreeMap<>()));
            for (int c = 0; c < CHECKPOINTS.length; c++) {
                if (t + 1 == CHECKPOINTS[c]) {
                    out[c] = best - f.optimum();
                }
            }
        }
        return out;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    public static void main(String[] args) {
        new RegretBenchmark().regretTable();
    }
}
